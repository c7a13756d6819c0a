"""A container's consoles, as the event loop sees them.

* :class:`ConsoleSocket` — where ``runc exec --console-socket`` hands over
  the master of the pseudo-terminal it made for a ``terminal: true`` process
  (one connection, the fd in an ``SCM_RIGHTS`` message, as conmon receives
  it for podman);
* :class:`Pty` — that master: reads and writes through the loop, EIO (the
  last process holding the terminal is gone) read as EOF, TIOCSWINSZ;
* :class:`AttachSocket` — conmon's attach socket ``<bundle>/attach`` (a
  SOCK_SEQPACKET, with ``--full-attach``): every packet from conmon is one
  byte of pipe (2 stdout, 3 stderr) and the data; what is sent goes to the
  container's stdin (``--stdin``), 32 KiB at most per packet; our
  half-close ends the container's stdin unless ``--leave-stdin-open``;
* :func:`resize_attached` — conmon's ``ctl`` fifo: ``1 <rows> <cols>``.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import fcntl
import os
import secrets
import socket
import struct
import tempfile
import termios
from collections.abc import Awaitable
from pathlib import Path

from podd.runtime.errors import ExecError

__all__ = ["AttachSocket", "ConsoleSocket", "Pty", "resize_attached"]

_SUN_PATH_MAX = 107  # sockaddr_un.sun_path less its NUL
ATTACH_PACKET_MAX = 32767  # conmon reads CONN_SOCK_BUF_SIZE - 1 per packet
STDOUT_PIPE, STDERR_PIPE = 2, 3  # conmon's stdpipe_t
_READ = 65536


def _wake(fut: asyncio.Future[None]) -> None:
    if not fut.done():
        fut.set_result(None)


class _Waits:
    """Readiness of one fd through the loop (a reader and a writer may wait
    at once); ``cancel`` wakes both, before the fd is closed."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self._loop = asyncio.get_running_loop()
        self._pending: dict[bool, asyncio.Future[None]] = {}

    async def ready(self, write: bool) -> None:
        fut = self._loop.create_future()
        self._pending[write] = fut
        (self._loop.add_writer if write else self._loop.add_reader)(self.fd, _wake, fut)
        try:
            await fut
        finally:
            if self._pending.get(write) is fut:
                del self._pending[write]
                (self._loop.remove_writer if write else self._loop.remove_reader)(self.fd)

    def cancel(self) -> None:
        for write, fut in list(self._pending.items()):
            (self._loop.remove_writer if write else self._loop.remove_reader)(self.fd)
            _wake(fut)
        self._pending.clear()


class ConsoleSocket:
    """A listening unix socket (0600, in a 0700 directory) for one pty master."""

    def __init__(self, path: Path, sock: socket.socket, own_dir: Path | None) -> None:
        self.path = path
        self._sock = sock
        self._own_dir = own_dir

    @classmethod
    def listen(cls, directory: Path) -> ConsoleSocket:
        """Bound under ``directory`` (visible in the pod's mount namespace,
        where the runtime connects), or a private directory in /tmp when that
        path would not fit a socket address."""
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = directory / f"console-{secrets.token_hex(6)}.sock"
        own_dir = None
        if len(os.fsencode(path)) > _SUN_PATH_MAX:
            own_dir = Path(tempfile.mkdtemp(prefix="podd-console-"))
            path = own_dir / "console.sock"
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM | socket.SOCK_CLOEXEC)
        try:
            old = os.umask(0o177)
            try:
                sock.bind(str(path))
            finally:
                os.umask(old)
            sock.listen(1)
            sock.setblocking(False)
        except BaseException:
            sock.close()
            if own_dir is not None:
                own_dir.rmdir()
            raise
        return cls(path, sock, own_dir)

    async def receive(self, gone: Awaitable[object]) -> int:
        """The master fd the runtime sends; ExecError when ``gone`` (the
        runtime's exit) completes first."""
        got = asyncio.ensure_future(self._receive())
        ended = asyncio.ensure_future(gone)
        try:
            done, _ = await asyncio.wait({got, ended}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            ended.cancel()
            if not got.done():
                got.cancel()
        if got in done:
            return got.result()
        raise ExecError("the runtime exited before it sent the terminal")

    async def _receive(self) -> int:
        conn, _ = await asyncio.get_running_loop().sock_accept(self._sock)
        with conn:
            conn.setblocking(False)
            while True:
                try:
                    _, fds, _, _ = socket.recv_fds(conn, 4096, 1)
                    break
                except BlockingIOError:
                    waits = _Waits(conn.fileno())
                    await waits.ready(False)
        if not fds:
            raise ExecError("the runtime sent no terminal on the console socket")
        for extra in fds[1:]:
            os.close(extra)
        return fds[0]

    def close(self) -> None:
        self._sock.close()
        with contextlib.suppress(OSError):
            self.path.unlink()
        if self._own_dir is not None:
            with contextlib.suppress(OSError):
                self._own_dir.rmdir()


class Pty:
    """The master of an exec's terminal (ours to close)."""

    def __init__(self, fd: int) -> None:
        os.set_blocking(fd, False)
        self.fd = fd
        self._waits = _Waits(fd)

    async def read(self, n: int = _READ) -> bytes:
        """What the process wrote; b"" once no process holds the terminal."""
        while self.fd >= 0:
            try:
                return os.read(self.fd, n)
            except BlockingIOError:
                await self._waits.ready(False)
            except OSError as exc:
                if exc.errno == errno.EIO:
                    return b""
                raise
        return b""

    async def write(self, data: bytes) -> None:
        """Type ``data`` (waits while the terminal's input queue is full)."""
        view = memoryview(data)
        while view:
            if self.fd < 0:
                raise BrokenPipeError("the terminal is closed")
            try:
                view = view[os.write(self.fd, view) :]
            except BlockingIOError:
                await self._waits.ready(True)
            except OSError as exc:
                if exc.errno == errno.EIO:
                    raise BrokenPipeError("the terminal is gone") from exc
                raise

    def close_input(self) -> None:
        """A terminal has no half-close: the process reads until it exits."""

    def resize(self, width: int, height: int) -> None:
        if self.fd >= 0:
            with contextlib.suppress(OSError):
                fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))

    def close(self) -> None:
        if self.fd >= 0:
            self._waits.cancel()
            os.close(self.fd)
            self.fd = -1


def _attach_address(bundle: Path, dir_fd: int) -> str:
    path = bundle / "attach"
    if len(os.fsencode(path)) <= _SUN_PATH_MAX:
        return str(path)
    # conmon binds it the same way: through the bundle directory's fd.
    return f"/proc/self/fd/{dir_fd}/attach"


class AttachSocket:
    """One attach session to a container's conmon."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock
        self._loop = asyncio.get_running_loop()

    @classmethod
    async def connect(cls, bundle: str | Path) -> AttachSocket:
        """ExecError when conmon is not listening (the container is gone)."""
        bundle = Path(bundle)
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET | socket.SOCK_CLOEXEC)
        try:
            dir_fd = os.open(bundle, os.O_PATH | os.O_CLOEXEC)
            try:
                sock.setblocking(False)
                await asyncio.get_running_loop().sock_connect(sock, _attach_address(bundle, dir_fd))
            finally:
                os.close(dir_fd)
        except OSError as exc:
            sock.close()
            raise ExecError(f"cannot attach: {exc.strerror or exc}") from exc
        except BaseException:
            sock.close()
            raise
        return cls(sock)

    async def recv(self) -> tuple[int, bytes] | None:
        """(pipe, data) of the next packet; None when conmon closed it."""
        while True:
            try:
                packet = await self._loop.sock_recv(self._sock, _READ)
            except (ConnectionResetError, BrokenPipeError):
                return None
            if not packet:
                return None
            if len(packet) > 1:
                return packet[0], packet[1:]

    async def send(self, data: bytes) -> None:
        """To the container's stdin, waiting while conmon does not read."""
        for start in range(0, len(data), ATTACH_PACKET_MAX):
            await self._loop.sock_sendall(self._sock, data[start : start + ATTACH_PACKET_MAX])

    def close_input(self) -> None:
        """No more stdin: conmon closes the container's (stdinOnce)."""
        with contextlib.suppress(OSError):
            self._sock.shutdown(socket.SHUT_WR)

    def close(self) -> None:
        self._sock.close()


def resize_attached(bundle: str | Path, width: int, height: int) -> None:
    """Resize the terminal of a ``tty: true`` container (conmon applies it)."""
    try:
        fd = os.open(Path(bundle) / "ctl", os.O_WRONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return  # conmon is gone, or this container has no terminal
    try:
        with contextlib.suppress(OSError):
            os.write(fd, f"1 {height} {width}\n".encode())
    finally:
        os.close(fd)
