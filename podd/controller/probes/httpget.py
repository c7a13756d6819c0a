"""httpGet probes and hooks, made by podd itself (no curl in the image).

The request is built as the kubelet builds it (``pkg/probe/http``):
``scheme://host:port/path`` with ``host`` defaulting to the pod IP, user
headers (names canonicalised as Go does), ``User-Agent: kube-probe/1.32``
and ``Accept: */*`` unless a header overrides them (an empty ``Accept``
removes it), no compression, no keep-alive, no proxy, no TLS verification.
A request to the pod IP is sent to a loopback forward of the port (see
``forward.py``) with the ``Host`` header the pod would have seen.

Redirects: followed (at most 10) only while they stay on the same host; a
redirect elsewhere is not followed, and the 3xx answer is a success with a
warning. A probe passes iff 200 <= code < 400 and reads at most 10 KiB of
body. A lifecycle hook passes on any HTTP answer (the kubelet only fails
hooks on transport errors) and falls back from HTTPS to HTTP when the
server speaks plain HTTP.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Sequence
from functools import lru_cache

import httpx
import msgspec

from podd.controller.probes.endpoint import HandlerContext, PortError, endpoint, resolve_port
from podd.controller.probes.forward import ForwardError
from podd.controller.probes.outcome import Outcome
from podd.model.probe import HTTPGetAction, HTTPHeader

__all__ = [
    "LIFECYCLE_USER_AGENT",
    "MAX_BODY",
    "PROBE_USER_AGENT",
    "build_headers",
    "canonical_header",
    "format_url",
    "http_get",
    "http_hook",
    "probe_outcome",
    "redirect_target",
]

PROBE_USER_AGENT = "kube-probe/1.32"
LIFECYCLE_USER_AGENT = "kube-lifecycle/1.32"
MAX_BODY = 10 * 1024
MAX_REDIRECTS = 10
REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})


class HTTPProbeError(Exception):
    """The request got no HTTP answer (refused, reset, timed out, TLS …)."""


class Response(msgspec.Struct, frozen=True):
    status: int
    body: str
    url: str  # the URL answered, as the pod sees it (pod IP, container port)


def canonical_header(name: str) -> str:
    """Go's CanonicalHeaderKey: ``x-custom-header`` → ``X-Custom-Header``."""
    if not name or any(c in name for c in " \t\r\n:"):
        return name
    return "-".join(part[:1].upper() + part[1:].lower() for part in name.split("-"))


def build_headers(
    headers: Sequence[HTTPHeader] | None, user_agent: str, host: str
) -> list[tuple[str, str]]:
    """The request headers, in order: the user's, then the defaults they do not set.

    ``host`` is the default ``Host`` (``podIP:port``); a user ``Host`` header
    with a value wins.
    """
    out = [(canonical_header(h.name), h.value) for h in headers or []]
    names = {name for name, _ in out}
    if "User-Agent" not in names:
        out.append(("User-Agent", user_agent))
    if "Accept" not in names:
        out.append(("Accept", "*/*"))
    elif next(v for n, v in out if n == "Accept") == "":
        out = [(n, v) for n, v in out if n != "Accept"]
    user_host = next((v for n, v in out if n == "Host"), "")
    out = [(n, v) for n, v in out if n != "Host"]
    out.insert(0, ("Host", user_host or host))
    out.append(("Connection", "close"))
    return out


def format_url(scheme: str, host: str, port: int, path: str | None) -> httpx.URL:
    """``scheme://host:port/path`` (IPv6 hosts in brackets; a query is kept)."""
    path = path or "/"
    if not path.startswith("/"):
        path = "/" + path
    hostport = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    try:
        return httpx.URL(f"{scheme}://{hostport}{path}")
    except httpx.InvalidURL:
        return httpx.URL(scheme=scheme, host=host, port=port, path=path)


def _port(url: httpx.URL) -> int:
    return url.port or (443 if url.scheme == "https" else 80)


def _hostport(url: httpx.URL) -> str:
    host = url.host
    return f"[{host}]:{_port(url)}" if ":" in host else f"{host}:{_port(url)}"


def redirect_target(current: httpx.URL, location: str | None) -> httpx.URL | None:
    """Where a redirect leads, if it is to be followed: same host, http(s) only."""
    if not location:
        return None
    try:
        target = current.join(location)
    except httpx.InvalidURL:
        return None
    if target.scheme not in ("http", "https") or target.host != current.host:
        return None
    return target


def probe_outcome(status: int, body: str) -> Outcome:
    """HTTP status → probe outcome: 2xx success, 3xx success with a warning, else failure."""
    if 200 <= status < 300:
        return Outcome.ok(body, body)
    if 300 <= status < 400:
        return Outcome(
            True, f"Probe terminated redirects, Response body: {body}", body, warning=True
        )
    return Outcome.failed(f"HTTP probe failed with statuscode: {status}", body)


@lru_cache(maxsize=1)
def _insecure_tls() -> ssl.SSLContext:
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


def _client(timeout: float) -> httpx.AsyncClient:
    client = httpx.AsyncClient(
        verify=_insecure_tls(),
        trust_env=False,  # never a proxy from the environment
        follow_redirects=False,
        timeout=timeout,
        limits=httpx.Limits(max_keepalive_connections=0),
    )
    for name in list(client.headers):  # no python-httpx agent, no Accept-Encoding
        del client.headers[name]
    return client


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return False
        if isinstance(seen, kind):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _describe(exc: BaseException) -> str:
    """The first non-empty message down the exception's cause chain."""
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            break
        if str(seen):
            return str(seen)
        seen = seen.__cause__ or seen.__context__
    return type(exc).__name__


async def _read_body(resp: httpx.Response) -> str:
    data = b""
    async for chunk in resp.aiter_raw():
        data += chunk[: MAX_BODY - len(data)]
        if len(data) >= MAX_BODY:
            break
    return data.decode(errors="replace")


async def _once(
    client: httpx.AsyncClient, ctx: HandlerContext, url: httpx.URL, headers: list[tuple[str, str]]
) -> tuple[int, str | None, str]:
    """One GET of ``url`` (as the pod sees it): status, Location, body."""
    for attempt in range(2):
        ep = await endpoint(ctx, url.host, _port(url))
        real = url.copy_with(host=ep.host, port=ep.port)
        answered = False
        try:
            async with client.stream("GET", real, headers=headers) as resp:
                answered = True
                body = await _read_body(resp)
                return resp.status_code, resp.headers.get("location"), body
        except httpx.ConnectError as exc:
            if ep.forwarded and attempt == 0 and _caused_by(exc, ConnectionRefusedError):
                await ep.invalidate()  # the forward is gone (new sandbox?): make it again
                continue
            if _caused_by(exc, ssl.SSLError):
                raise HTTPProbeError(f"TLS handshake failed: {_describe(exc)}") from exc
            raise HTTPProbeError(f"connect: {_describe(exc)}") from exc
        except (httpx.ReadError, httpx.RemoteProtocolError) as exc:
            if ep.forwarded and not answered:
                # slirp4netns accepted for the pod, then closed: no listener on the port
                raise HTTPProbeError(
                    f"connection closed without a response (nothing listening on port"
                    f" {_port(url)} in the pod?)"
                ) from exc
            raise HTTPProbeError(_describe(exc)) from exc
        except httpx.HTTPError as exc:
            raise HTTPProbeError(_describe(exc)) from exc
    raise HTTPProbeError("connect: connection refused")


async def _get(
    ctx: HandlerContext, url: httpx.URL, action: HTTPGetAction, user_agent: str, timeout: float
) -> Response:
    """GET following same-host redirects; the last answer, whatever its code."""
    async with _client(timeout) as client:
        for _ in range(MAX_REDIRECTS + 1):
            headers = build_headers(action.http_headers, user_agent, _hostport(url))
            status, location, body = await _once(client, ctx, url, headers)
            target = redirect_target(url, location) if status in REDIRECT_CODES else None
            if target is None:
                return Response(status, body, str(url))
            url = target
    raise HTTPProbeError(f"stopped after {MAX_REDIRECTS} redirects")


def _request_url(action: HTTPGetAction, ctx: HandlerContext) -> httpx.URL:
    scheme = (action.scheme or "HTTP").lower()
    if scheme not in ("http", "https"):
        raise PortError(f"unsupported scheme {action.scheme!r}")
    port = resolve_port(action.port, ctx.ports)
    return format_url(scheme, action.host or ctx.pod_ip, port, action.path)


async def _fetch(
    action: HTTPGetAction, ctx: HandlerContext, timeout: float, user_agent: str
) -> Response | Outcome:
    try:
        url = _request_url(action, ctx)
    except PortError as exc:
        return Outcome.errored(str(exc))
    try:
        async with asyncio.timeout(timeout):
            return await _get(ctx, url, action, user_agent, timeout)
    except TimeoutError:
        return Outcome.failed(f'Get "{url}": timed out after {timeout:g}s')
    except ForwardError as exc:
        return Outcome.errored(str(exc))
    except HTTPProbeError as exc:
        return Outcome.failed(f'Get "{url}": {exc}')


async def http_get(
    action: HTTPGetAction,
    ctx: HandlerContext,
    timeout: float,
    *,
    user_agent: str = PROBE_USER_AGENT,
) -> Outcome:
    """Run an httpGet probe once."""
    got = await _fetch(action, ctx, timeout, user_agent)
    if isinstance(got, Outcome):
        return got
    return probe_outcome(got.status, got.body)


async def http_hook(action: HTTPGetAction, ctx: HandlerContext, timeout: float) -> Outcome:
    """Run an httpGet lifecycle hook: any HTTP answer passes (as the kubelet)."""
    got = await _fetch(action, ctx, timeout, LIFECYCLE_USER_AGENT)
    if (
        isinstance(got, Outcome)
        and not got.error
        and (action.scheme or "").upper() == "HTTPS"
        and "TLS handshake failed" in got.message
    ):
        plain_headers = [h for h in action.http_headers or [] if h.name.lower() != "authorization"]
        plain = msgspec.structs.replace(action, scheme="HTTP", http_headers=plain_headers)
        retried = await _fetch(plain, ctx, timeout, LIFECYCLE_USER_AGENT)
        if isinstance(retried, Response):
            return Outcome(
                True,
                f"request to HTTPS lifecycle hook {retried.url} got an HTTP response,"
                f" retry with HTTP succeeded (HTTP {retried.status})",
                retried.body,
                warning=True,
            )
    if isinstance(got, Outcome):
        return got
    return Outcome.ok(f"HTTP {got.status}", got.body)
