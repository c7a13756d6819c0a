"""Debian's docker-registry (distribution v2) for tests, on 127.0.0.1.

``with run_registry(tmp) as reg:`` starts ``/usr/bin/docker-registry`` on a
free port with storage under ``tmp`` (optionally with htpasswd basic auth),
waits until ``/v2/`` answers, and always kills it and removes its files on
exit. ``reg.kill()`` / ``reg.start()`` stop and restart it on the same port
and storage (a registry dying mid-pull). ``reg.requests()`` reads the
registry's JSON log to count what it served.

The token server and the proxies (bearer flow, tampering, redirects,
counting) are in :mod:`tests.support.proxy`.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import json
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

REGISTRY_BIN = Path("/usr/bin/docker-registry")
START_TIMEOUT = 15.0


def bcrypt_hash(password: str, cost: int = 5) -> str:
    """A ``$2b$`` htpasswd hash from libcrypt (no bcrypt package needed)."""
    lib = ctypes.CDLL(ctypes.util.find_library("crypt") or "libcrypt.so.1")
    lib.crypt_gensalt.restype = ctypes.c_char_p
    lib.crypt_gensalt.argtypes = [ctypes.c_char_p, ctypes.c_ulong, ctypes.c_char_p, ctypes.c_int]
    lib.crypt.restype = ctypes.c_char_p
    lib.crypt.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    salt = lib.crypt_gensalt(b"$2b$", cost, None, 0)
    if not salt:
        raise RuntimeError("libcrypt cannot make a bcrypt salt")
    hashed = lib.crypt(password.encode(), salt)
    if not hashed or not hashed.startswith(b"$2b$"):
        raise RuntimeError("libcrypt cannot hash with bcrypt")
    return hashed.decode()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class RegistryRequest:
    method: str
    uri: str
    status: int


class Registry:
    """One docker-registry process (start/kill/restart), plain or with htpasswd."""

    def __init__(self, root: Path, *, users: dict[str, str] | None = None) -> None:
        self.root = root
        self.port = free_port()
        self.users = users
        self.proc: subprocess.Popen[bytes] | None = None
        self.log_path = root / "registry.log"
        root.mkdir(parents=True, exist_ok=True)
        (root / "storage").mkdir(exist_ok=True)
        auth = ""
        if users:
            lines = "".join(f"{u}:{bcrypt_hash(p)}\n" for u, p in users.items())
            (root / "htpasswd").write_text(lines)
            auth = f"auth:\n  htpasswd:\n    realm: podd-test\n    path: {root / 'htpasswd'}\n"
        (root / "config.yml").write_text(
            "version: 0.1\n"
            "log:\n  level: info\n  formatter: json\n  accesslog:\n    disabled: true\n"
            f"storage:\n  filesystem:\n    rootdirectory: {root / 'storage'}\n"
            "  delete:\n    enabled: true\n"
            "  maintenance:\n    uploadpurging:\n      enabled: false\n"
            f"http:\n  addr: 127.0.0.1:{self.port}\n  secret: podd-test-secret\n" + auth
        )

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return f"http://{self.host}"

    @property
    def auth(self) -> tuple[str, str] | None:
        return next(iter(self.users.items())) if self.users else None

    def start(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            return
        log = open(self.log_path, "ab")  # noqa: SIM115 (the child owns it)
        try:
            self.proc = subprocess.Popen(
                [str(REGISTRY_BIN), "serve", str(self.root / "config.yml")],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                start_new_session=True,
            )
        finally:
            log.close()
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"docker-registry exited: {self.log_path.read_text()[-2000:]}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{self.url}/v2/", timeout=1).status_code in (200, 401):
                    return
            time.sleep(0.05)
        self.kill()
        raise RuntimeError("docker-registry did not answer in time")

    def kill(self) -> None:
        """SIGKILL the registry (storage and port are kept for start())."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
        if self.proc is not None:
            self.proc.wait(timeout=10)

    def requests(self) -> list[RegistryRequest]:
        out = []
        with contextlib.suppress(FileNotFoundError):
            for line in self.log_path.read_text().splitlines():
                try:
                    rec = json.loads(line)
                except ValueError:
                    continue
                if rec.get("msg") == "response completed" or "http.response.status" in rec:
                    out.append(
                        RegistryRequest(
                            rec.get("http.request.method", ""),
                            rec.get("http.request.uri", ""),
                            int(rec.get("http.response.status", 0)),
                        )
                    )
        return out

    def blob_gets(self, digest: str) -> int:
        return sum(
            1 for r in self.requests() if r.method == "GET" and r.uri.endswith(f"/blobs/{digest}")
        )

    def close(self) -> None:
        self.kill()
        shutil.rmtree(self.root, ignore_errors=True)


@contextlib.contextmanager
def run_registry(root: Path, *, users: dict[str, str] | None = None) -> Iterator[Registry]:
    """A started registry, killed and removed on exit whatever happens."""
    reg = Registry(root, users=users)
    try:
        reg.start()
        yield reg
    finally:
        reg.close()
