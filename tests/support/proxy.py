"""Small HTTP servers in front of a test registry (threads, 127.0.0.1 only).

* :class:`TokenServer` — a bearer-token realm (``GET /token?service=&scope=``),
  optionally demanding basic credentials; counts what it issued.
* :class:`RegistryProxy` — a reverse proxy to a registry that can
  - demand bearer tokens from a :class:`TokenServer` (the Docker Hub flow),
  - tamper with chosen blobs (same length, one byte flipped),
  - answer 503 (with ``Retry-After``) to the first N blob requests,
  - redirect blob GETs to another origin (``redirect_to``: a second proxy,
    as registries redirect to object storage),
  - stall a blob after N bytes until released (to kill a registry mid-pull),
  - and record every request with its headers.

Use as context managers; ``close()`` stops the thread and the socket.
"""

from __future__ import annotations

import http.client
import json
import re
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

_HOP = {
    "connection",
    "keep-alive",
    "transfer-encoding",
    "te",
    "trailer",
    "upgrade",
    "proxy-authorization",
    "proxy-authenticate",
}
_REPO_RE = re.compile(r"^/v2/(.+?)/(?:manifests|blobs|tags)/")


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    status: int = 0


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request: object, client_address: object) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class _Base:
    """A threaded HTTP server whose handler calls ``self.handle(request)``."""

    def __init__(self) -> None:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                owner.handle(self)

            def do_HEAD(self) -> None:
                owner.handle(self)

            def do_POST(self) -> None:
                owner.handle(self)

        self.server = _Server(("127.0.0.1", 0), Handler)
        self.port = int(self.server.server_address[1])
        self.seen: list[Seen] = []
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return f"http://{self.host}"

    def record(self, h: BaseHTTPRequestHandler) -> Seen:
        s = Seen(h.command, h.path, {k.lower(): v for k, v in h.headers.items()})
        with self._lock:
            self.seen.append(s)
        return s

    def handle(self, h: BaseHTTPRequestHandler) -> None:
        raise NotImplementedError

    @staticmethod
    def reply(
        h: BaseHTTPRequestHandler,
        status: int,
        body: bytes = b"",
        headers: dict[str, str] | None = None,
    ) -> None:
        h.send_response(status)
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        if h.command != "HEAD":
            h.wfile.write(body)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> _Base:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class TokenServer(_Base):
    """``GET /token`` → ``{"token": …, "expires_in": …}`` for the asked scopes."""

    def __init__(
        self,
        *,
        users: dict[str, str] | None = None,
        expires_in: int = 300,
        use_access_token: bool = False,
    ) -> None:
        self.users = users
        self.expires_in = expires_in
        self.use_access_token = use_access_token
        self.tokens: dict[str, tuple[set[str], float]] = {}
        super().__init__()

    @property
    def realm(self) -> str:
        return f"{self.url}/token"

    def issued(self) -> int:
        return sum(1 for s in self.seen if s.path.startswith("/token"))

    def handle(self, h: BaseHTTPRequestHandler) -> None:
        s = self.record(h)
        q = parse_qs(urlsplit(h.path).query)
        if self.users is not None:
            import base64

            auth = s.headers.get("authorization", "")
            ok = False
            if auth.startswith("Basic "):
                user, _, pw = base64.b64decode(auth[6:]).decode().partition(":")
                ok = self.users.get(user) == pw
            if not ok:
                s.status = 401
                self.reply(h, 401, b'{"details":"bad credentials"}')
                return
        token = secrets.token_hex(16)
        scopes = set(q.get("scope", []))
        self.tokens[token] = (scopes, time.monotonic() + self.expires_in)
        key = "access_token" if self.use_access_token else "token"
        s.status = 200
        self.reply(
            h,
            200,
            json.dumps({key: token, "expires_in": self.expires_in}).encode(),
            {"Content-Type": "application/json"},
        )

    def valid(self, token: str, repo: str | None) -> bool:
        hit = self.tokens.get(token)
        if hit is None or hit[1] < time.monotonic():
            return False
        return repo is None or any(sc.startswith(f"repository:{repo}:") for sc in hit[0])


@dataclass
class _Stall:
    after: int
    release: threading.Event = field(default_factory=threading.Event)
    reached: threading.Event = field(default_factory=threading.Event)


class RegistryProxy(_Base):
    """A reverse proxy to ``upstream`` (``host:port``) with test behaviours."""

    def __init__(self, upstream: str, *, token_server: TokenServer | None = None) -> None:
        self.upstream = upstream
        self.token_server = token_server
        self.tamper: set[str] = set()
        self.tamper_manifests: set[str] = set()
        self.fail_blobs = 0
        self.retry_after: str | None = "0"
        self.redirect_to: str | None = None
        self.stalls: dict[str, _Stall] = {}
        super().__init__()

    def stall(self, digest: str, after: int) -> _Stall:
        """Hold the next GET of blob ``digest`` after ``after`` bytes until
        ``.release`` is set, then drop that connection (once)."""
        st = _Stall(after)
        self.stalls[digest] = st
        return st

    def blob_gets(self, digest: str) -> int:
        return sum(
            1
            for s in self.seen
            if s.method == "GET" and s.path.split("?")[0].endswith(f"/blobs/{digest}")
        )

    def handle(self, h: BaseHTTPRequestHandler) -> None:
        s = self.record(h)
        path = h.path
        m = _REPO_RE.match(path)
        repo = m.group(1) if m else None
        if self.token_server is not None:
            auth = s.headers.get("authorization", "")
            token = auth[7:] if auth.startswith("Bearer ") else ""
            if not self.token_server.valid(token, repo):
                chal = f'Bearer realm="{self.token_server.realm}",service="podd-test"'
                if repo:
                    chal += f',scope="repository:{repo}:pull"'
                s.status = 401
                self.reply(
                    h,
                    401,
                    b'{"errors":[{"code":"UNAUTHORIZED","message":"token"}]}',
                    {"WWW-Authenticate": chal, "Content-Type": "application/json"},
                )
                return
        digest = path.split("?")[0].rsplit("/blobs/", 1)[-1] if "/blobs/sha256:" in path else None
        if digest and h.command == "GET":
            if self.fail_blobs > 0:
                self.fail_blobs -= 1
                s.status = 503
                hdrs = {"Retry-After": self.retry_after} if self.retry_after is not None else {}
                self.reply(h, 503, b"busy", hdrs)
                return
            if self.redirect_to:
                s.status = 307
                self.reply(h, 307, b"", {"Location": f"{self.redirect_to}{path}"})
                return
        tamper = digest in self.tamper
        if "/manifests/" in path and path.split("?")[0].rsplit("/", 1)[-1] in self.tamper_manifests:
            tamper = True
        self.forward(h, s, digest, tamper)

    def forward(
        self, h: BaseHTTPRequestHandler, s: Seen, digest: str | None, tamper: bool = False
    ) -> None:
        host, port = self.upstream.rsplit(":", 1)
        conn = http.client.HTTPConnection(host, int(port), timeout=30)
        headers = {k: v for k, v in h.headers.items() if k.lower() not in _HOP}
        headers["Host"] = self.upstream
        body = None
        if h.command == "POST":
            body = h.rfile.read(int(h.headers.get("Content-Length") or 0))
        try:
            try:
                conn.request(h.command, h.path, body=body, headers=headers)
                resp = conn.getresponse()
            except OSError as e:
                s.status = 502
                self.reply(h, 502, f"upstream: {e}".encode())
                return
            s.status = resp.status
            h.send_response(resp.status)
            out_headers = [(k, v) for k, v in resp.getheaders() if k.lower() not in _HOP]
            length = resp.getheader("Content-Length")
            data = None
            if length is None:
                data = resp.read()
                out_headers = [(k, v) for k, v in out_headers if k.lower() != "content-length"]
                out_headers.append(("Content-Length", str(len(data))))
            for k, v in out_headers:
                h.send_header(k, v)
            h.end_headers()
            if h.command == "HEAD":
                return
            if data is not None:
                h.wfile.write(data)
                return
            ok = resp.status == 200
            self._stream(h, resp, digest if ok else None, tamper and ok)
        finally:
            conn.close()

    def _stream(
        self,
        h: BaseHTTPRequestHandler,
        resp: http.client.HTTPResponse,
        digest: str | None,
        tamper: bool,
    ) -> None:
        sent = 0
        tampered = False
        stall = self.stalls.pop(digest or "", None)  # one-shot
        for _ in range(1 << 24):
            chunk = resp.read(64 << 10)
            if not chunk:
                return
            if tamper and not tampered:
                chunk = chunk[:-1] + bytes([chunk[-1] ^ 0x01])
                tampered = True
            if stall is not None and sent + len(chunk) > stall.after:
                cut = max(stall.after - sent, 0)
                h.wfile.write(chunk[:cut])
                h.wfile.flush()
                stall.reached.set()
                stall.release.wait(timeout=60)
                # the registry behind us is usually dead now: drop the connection
                h.close_connection = True
                return
            h.wfile.write(chunk)
            sent += len(chunk)
