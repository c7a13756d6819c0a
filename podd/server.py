"""``podd serve``: set up directories, the store and the sockets, then serve.

Steps: 1. directories and the data-dir lock; 2. the unix socket (0600, stale
ones replaced, a live one refused) and the optional TCP listeners, with the
token and the TLS certificate they need; 3. schema migrations and the store;
4. the app on uvicorn + uvloop until SIGTERM/SIGINT.

uvicorn applies one Server's TLS settings to every socket it serves, and the
unix socket stays plain: so one app runs under two Servers, a plain one (the
unix socket and an ``--insecure-plaintext-listen``) and a TLS one (``--listen``).
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import errno
import fcntl
import logging
import os
import secrets
import signal
import socket
import ssl
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import uvicorn
import uvloop
from uvicorn.protocols.http.h11_impl import H11Protocol

from podd import tls
from podd.config import Settings
from podd.services import Services
from podd.store import migrate
from podd.store.events import EventRecorder
from podd.store.repository import Store
from podd.system import activation, notify
from podd.wshandshake import WebSocketProtocol

log = logging.getLogger("podd.server")

PR_SET_CHILD_SUBREAPER = 36
RENEW_CHECK_INTERVAL = 24 * 3600.0  # podd's own server certificate, while podd runs


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


def parse_listen(value: str, flag: str = "--listen") -> tuple[str, int]:
    host, sep, port = value.rpartition(":")
    if not sep or not port.isdigit():
        raise StartupError(f"{flag} {value!r}: expected HOST:PORT")
    return host.strip("[]") or "127.0.0.1", int(port)


def bind_tcp(value: str, flag: str = "--listen") -> socket.socket:
    host, port = parse_listen(value, flag)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise StartupError(f"{flag} {value}: {exc.strerror}") from None
    sock.listen(512)
    sock.setblocking(False)
    return sock


def bound_address(value: str, sock: socket.socket) -> str:
    """HOST:PORT as given, with the port actually bound (``:0`` picks one)."""
    host, _ = parse_listen(value)
    port = sock.getsockname()[1]
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def read_token(path: str) -> str:
    try:
        token = Path(path).read_text().strip()
    except OSError as exc:
        raise StartupError(f"--token-file {path}: {exc.strerror}") from None
    if len(token) < 16:
        raise StartupError(f"--token-file {path}: the token must be at least 16 characters")
    return token


def load_token(settings: Settings) -> str:
    """The bearer token of TCP: ``--token-file``'s, else one generated once into
    ``<data>/token`` (0600); ``settings.token_file`` then names that file."""
    if not settings.token_file:
        path = settings.data_path / "token"
        try:
            if not path.exists():
                tls.write_private(path, (secrets.token_urlsafe(32) + "\n").encode())
            path.chmod(0o600)
        except OSError as exc:
            raise StartupError(f"token {path}: {exc.strerror}") from None
        settings.token_file = str(path)
    return read_token(settings.token_file)


def tls_context(settings: Settings, listen_host: str) -> ssl.SSLContext:
    """The TLS context of ``--listen``: the brought certificate, or podd's own
    (issued or re-issued here); client certificates of ``--client-ca``, or of
    podd's CA when podd issued the server's. Blocking: run it off the loop."""
    if bool(settings.tls_cert) != bool(settings.tls_key):
        raise StartupError("--tls-cert and --tls-key go together")
    client_ca = Path(settings.client_ca) if settings.client_ca else None
    if settings.tls_cert:
        cert, key = Path(settings.tls_cert), Path(settings.tls_key)
    else:
        files = tls.tls_files(settings.data_path)
        try:
            renewal = tls.ensure_own(files, tls.server_names(listen_host))
        except OSError as exc:
            raise StartupError(f"TLS certificate in {files.dir}: {exc}") from None
        _log_renewal(renewal, files)
        cert, key = files.server_cert, files.server_key
        client_ca = client_ca or files.ca_cert
    try:
        return tls.server_context(cert, key, client_ca)
    except tls.TLSError as exc:
        raise StartupError(str(exc)) from None


def _log_renewal(renewal: tls.Renewal, files: tls.TLSFiles) -> None:
    if renewal.ca_reason == tls.FIRST:
        log.info("created podd's CA", extra={"file": str(files.ca_cert)})
    elif renewal.ca_reason is not None:
        log.warning(
            "issued podd's CA: kubeconfigs made before no longer trust podd;"
            " run `podd kubeconfig --merge` again",
            extra={"why": renewal.ca_reason, "file": str(files.ca_cert)},
        )
    if renewal.server_reason is not None:
        log.info(
            "issued the server certificate",
            extra={"why": renewal.server_reason, "file": str(files.server_cert)},
        )


async def renew(settings: Settings, ctx: ssl.SSLContext, names: tls.Names) -> None:
    """Re-issue podd's own certificates when due and load them into the live context."""
    files = tls.tls_files(settings.data_path)
    try:
        renewal = await asyncio.to_thread(tls.ensure_own, files, names)
        _log_renewal(renewal, files)
        # New handshakes use what is loaded here; the context is the loop's own.
        if renewal.server_reason is not None:
            ctx.load_cert_chain(files.server_cert, files.server_key)
        if renewal.ca_reason is not None and not settings.client_ca:
            ctx.load_verify_locations(cafile=files.ca_cert)
    except OSError as exc:  # ssl.SSLError included
        log.warning("cannot renew the TLS certificate", extra={"error": str(exc)})


async def _renew_while_serving(settings: Settings, ctx: ssl.SSLContext, listen_host: str) -> None:
    """podd's own server certificate stays valid however long podd runs."""
    names = tls.server_names(listen_host)
    while True:
        await asyncio.sleep(RENEW_CHECK_INTERVAL)
        await renew(settings, ctx, names)


def become_subreaper() -> None:
    """What podd starts (pause, slirp4netns, conmon) stays its child while it lives."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        log.warning("prctl(PR_SET_CHILD_SUBREAPER) failed", extra={"errno": ctypes.get_errno()})


class _TLSProtocol(H11Protocol):
    """h11 (what uvicorn's "auto" picks here), carrying the verified client
    certificate of the connection into the ASGI state that each of its
    requests (and a WebSocket upgraded from it) copies into its scope."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        peer = transport.get_extra_info("peercert")
        if peer:
            self.app_state = {**self.app_state, tls.CLIENT_CERT: tls.subject_text(peer)}
        super().connection_made(transport)


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


class Listeners:
    """The bound sockets, and what TCP needs: the token and the TLS context."""

    def __init__(self, unix: socket.socket) -> None:
        self.plain = [unix]
        self.secure: list[socket.socket] = []
        self.token: str | None = None
        self.tls: ssl.SSLContext | None = None
        self.listen_host = ""

    def close(self) -> None:
        for sock in self.plain + self.secure:
            sock.close()


async def serve(settings: Settings) -> None:
    make_dirs(settings)
    with data_dir_lock(settings):
        # Step 1: sockets first, so a second podd fails before touching state.
        inherited = activation.inherited_socket(settings.socket_path, StartupError)
        listeners = Listeners(inherited or bind_unix(settings.socket_path))
        try:
            await _bind_tcp(settings, listeners)
            await _run(settings, listeners)
        finally:
            listeners.close()
            if inherited is None:  # an activated socket's file is systemd's
                settings.socket_path.unlink(missing_ok=True)


async def _bind_tcp(settings: Settings, listeners: Listeners) -> None:
    if settings.insecure_plaintext_listen:
        flag = "--insecure-plaintext-listen"
        listeners.plain.append(bind_tcp(settings.insecure_plaintext_listen, flag))
    if settings.listen:
        sock = bind_tcp(settings.listen)
        listeners.secure.append(sock)
        listeners.listen_host = parse_listen(settings.listen)[0]
        # What GET /podd/v1/kubeconfig hands out: the port really bound.
        settings.listen = bound_address(settings.listen, sock)
        listeners.tls = await asyncio.to_thread(tls_context, settings, listeners.listen_host)
    if settings.listen or settings.insecure_plaintext_listen:
        listeners.token = await asyncio.to_thread(load_token, settings)


def _uvicorn_config(app: Any, **tls_options: Any) -> uvicorn.Config:
    return uvicorn.Config(
        app,
        loop="none",
        lifespan="off",
        log_config=None,
        access_log=False,
        timeout_graceful_shutdown=3,
        proxy_headers=False,
        server_header=False,
        ws=WebSocketProtocol,
        **tls_options,
    )


async def _serve_all(servers: list[tuple[_Server, list[socket.socket]]]) -> None:
    """Serve until every server stops; one that stops (or fails) stops the others."""

    async def one(server: _Server, sockets: list[socket.socket]) -> None:
        try:
            await server.serve(sockets=sockets)
        finally:
            for other, _ in servers:
                other.should_exit = True

    results = await asyncio.gather(*(one(s, socks) for s, socks in servers), return_exceptions=True)
    for result in results:
        if isinstance(result, BaseException):
            raise result


async def _run(settings: Settings, listeners: Listeners) -> None:
    from podd.api.app import create_app, namespaced_kinds

    become_subreaper()
    notifier = notify.Notifier.from_environ()  # before any child could inherit it
    # Step 2: schema, then the store.
    await asyncio.to_thread(migrate.upgrade, settings.db_path)
    store = Store(settings.db_path, settings.watch_history)
    await store.open()
    node = socket.gethostname()
    svc = Services(settings, store, EventRecorder(store, "kubelet", node), node_name=node)
    renew: asyncio.Task[None] | None = None
    try:
        await ensure_defaults(store)
        await svc.start(namespaced_kinds())
        app = create_app(svc, token=listeners.token)
        servers = [(_Server(_uvicorn_config(app)), listeners.plain)]
        ctx = listeners.tls
        if ctx is not None:
            tls_config = _uvicorn_config(
                app, http=_TLSProtocol, ssl_context_factory=lambda _config, _default: ctx
            )
            servers.append((_Server(tls_config), listeners.secure))
            if not settings.tls_cert:
                renew = asyncio.create_task(
                    _renew_while_serving(settings, ctx, listeners.listen_host)
                )
        loop = asyncio.get_running_loop()

        def stop(signame: str) -> None:
            log.info("stopping", extra={"signal": signame})
            notifier.stopping(signame)
            store.end_watches()
            for server, _ in servers:
                server.should_exit = True

        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop, sig.name)
        svc.ready = True
        if settings.insecure_plaintext_listen:
            log.warning(
                "serving plain HTTP on TCP: the bearer token crosses the network in clear"
                " text and kubectl sends none; use --listen (TLS) instead",
                extra={"insecure_plaintext_listen": settings.insecure_plaintext_listen},
            )
        log.info(
            "serving",
            extra={
                "socket": str(settings.socket_path),
                "listen": f"https://{settings.listen}" if settings.listen else "-",
                "data_dir": settings.data_dir,
                "pid": os.getpid(),
            },
        )
        notifier.ready_when([s for s, _ in servers], f"serving on {settings.socket_path}")
        await _serve_all(servers)
    finally:
        if renew is not None:
            renew.cancel()
        svc.ready = False
        await svc.stop()
        await store.close()
    log.info("stopped")


def run(settings: Settings) -> None:
    uvloop.run(serve(settings))
