"""``podd serve``: set up directories, the store and the sockets, then serve.

Steps: 1. directories and the data-dir lock; 2. the unix socket (0600, stale
ones replaced, a live one refused) and the optional TCP listener; 3. schema
migrations and the store; 4. the app on uvicorn + uvloop until SIGTERM/SIGINT.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import errno
import fcntl
import logging
import os
import signal
import socket
from collections.abc import Generator, Iterator
from pathlib import Path

import uvicorn
import uvloop

from podd.config import Settings
from podd.services import Services
from podd.store import migrate
from podd.store.events import EventRecorder
from podd.store.repository import Store

log = logging.getLogger("podd.server")

PR_SET_CHILD_SUBREAPER = 36


class StartupError(Exception):
    """podd cannot start; the message says why and what to do."""


def make_dirs(settings: Settings) -> None:
    for path in (settings.runtime_path, settings.data_path, settings.socket_path.parent):
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    settings.socket_path.parent.chmod(0o700)


@contextlib.contextmanager
def data_dir_lock(settings: Settings) -> Iterator[None]:
    """One podd per data directory: two would corrupt each other's state."""
    fd = os.open(settings.data_path / "podd.lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StartupError(
                f"podd already running: another podd holds {settings.data_path}/podd.lock"
            ) from None
        yield
    finally:
        os.close(fd)


def bind_unix(path: Path) -> socket.socket:
    if path.exists() or path.is_symlink():
        probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            probe.connect(str(path))
        except OSError as exc:
            if exc.errno not in (errno.ECONNREFUSED, errno.ENOENT):
                raise StartupError(f"socket {path}: {exc.strerror}") from None
            path.unlink(missing_ok=True)  # stale: its podd is gone
        else:
            raise StartupError(f"podd already running: {path} accepts connections")
        finally:
            probe.close()
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old = os.umask(0o177)  # the socket is born 0600, never briefly wider
    try:
        sock.bind(str(path))
    finally:
        os.umask(old)
    os.chmod(path, 0o600)
    sock.listen(512)
    sock.setblocking(False)
    return sock


def parse_listen(value: str) -> tuple[str, int]:
    host, sep, port = value.rpartition(":")
    if not sep or not port.isdigit():
        raise StartupError(f"--listen {value!r}: expected HOST:PORT")
    return host.strip("[]") or "127.0.0.1", int(port)


def bind_tcp(value: str) -> socket.socket:
    host, port = parse_listen(value)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise StartupError(f"--listen {value}: {exc.strerror}") from None
    sock.listen(512)
    sock.setblocking(False)
    return sock


def read_token(path: str) -> str:
    try:
        token = Path(path).read_text().strip()
    except OSError as exc:
        raise StartupError(f"--token-file {path}: {exc.strerror}") from None
    if len(token) < 16:
        raise StartupError(f"--token-file {path}: the token must be at least 16 characters")
    return token


def become_subreaper() -> None:
    """What podd starts (pause, slirp4netns, conmon) stays its child while it lives."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        log.warning("prctl(PR_SET_CHILD_SUBREAPER) failed", extra={"errno": ctypes.get_errno()})


class _Server(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        # podd installs its own handlers: uvicorn's would re-raise the signal
        # after shutdown and turn a clean stop into a non-zero exit.
        yield


async def ensure_defaults(store: Store) -> None:
    from podd.model.defaults import default_namespace
    from podd.model.meta import ObjectMeta
    from podd.model.namespace import Namespace
    from podd.store.errors import AlreadyExistsError

    if await store.get("Namespace", "", "default") is None:
        ns = default_namespace(Namespace(metadata=ObjectMeta(name="default")))
        with contextlib.suppress(AlreadyExistsError):
            await store.create("Namespace", ns)


async def serve(settings: Settings) -> None:
    make_dirs(settings)
    with data_dir_lock(settings):
        # Step 1: sockets first, so a second podd fails before touching state.
        sockets = [bind_unix(settings.socket_path)]
        token = None
        if settings.listen:
            token = read_token(settings.token_file)
            sockets.append(bind_tcp(settings.listen))
        try:
            await _run(settings, sockets, token)
        finally:
            for sock in sockets:
                sock.close()
            settings.socket_path.unlink(missing_ok=True)


async def _run(settings: Settings, sockets: list[socket.socket], token: str | None) -> None:
    from podd.api.app import create_app, namespaced_kinds

    become_subreaper()
    # Step 2: schema, then the store.
    await asyncio.to_thread(migrate.upgrade, settings.db_path)
    store = Store(settings.db_path, settings.watch_history)
    await store.open()
    node = socket.gethostname()
    svc = Services(settings, store, EventRecorder(store, "kubelet", node), node_name=node)
    try:
        await ensure_defaults(store)
        await svc.start(namespaced_kinds())
        app = create_app(svc, token=token)
        config = uvicorn.Config(
            app,
            loop="none",
            lifespan="off",
            log_config=None,
            access_log=False,
            timeout_graceful_shutdown=3,
            proxy_headers=False,
            server_header=False,
        )
        server = _Server(config)
        loop = asyncio.get_running_loop()

        def stop(signame: str) -> None:
            log.info("stopping", extra={"signal": signame})
            store.end_watches()
            server.should_exit = True

        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop, sig.name)
        svc.ready = True
        log.info(
            "serving",
            extra={
                "socket": str(settings.socket_path),
                "listen": settings.listen or "-",
                "data_dir": settings.data_dir,
                "pid": os.getpid(),
            },
        )
        await server.serve(sockets=sockets)
    finally:
        svc.ready = False
        await svc.stop()
        await store.close()
    log.info("stopped")


def run(settings: Settings) -> None:
    uvloop.run(serve(settings))
