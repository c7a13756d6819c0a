"""An async client for the OCI distribution API (pull side), on httpx.

* manifests by tag or digest, all four manifest media types accepted; the
  sha256 of the bytes is always computed, and must equal the requested digest
  (pull by digest) or the registry's ``Docker-Content-Digest`` (pull by tag);
* blobs streamed to a file in chunks, hashed while streaming, bounded by the
  descriptor's size, resumed with ``Range`` after a broken connection;
* retries with exponential backoff on connection errors, timeouts, 5xx and
  429 (``Retry-After`` honoured), one attempt budget per operation;
* https with certificate verification, plain http only for hosts listed in
  ``insecure_registries`` (and never as a redirect downgrade);
* redirects (registries send blobs to object storage) followed by hand, the
  ``Authorization`` header kept only for the registry's own origin.
"""

from __future__ import annotations

import asyncio
import email.utils
import hashlib
import random
import time
from collections.abc import Callable, Mapping
from typing import BinaryIO

import httpx
import msgspec

from podd.images.auth import Authenticator, Credential, CredentialStore
from podd.images.digest import sha256_digest
from podd.images.errors import (
    AuthenticationError,
    DigestMismatchError,
    InsecureRegistryError,
    RegistryError,
    RegistryNotFoundError,
    RegistryUnavailableError,
    SizeMismatchError,
)
from podd.images.manifest import ACCEPT_MANIFESTS, MAX_MANIFEST_BYTES, Descriptor
from podd.images.reference import ImageReference, registry_host

_LOOPBACK = ("127.0.0.1", "localhost", "[::1]", "::1")
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


class RegistryOptions(msgspec.Struct, frozen=True):
    """Tunables of the registry client (podd's config and tests set them)."""

    insecure_registries: list[str] = msgspec.field(default_factory=list)
    max_concurrent_downloads: int = 3
    max_attempts: int = 5
    backoff_initial: float = 0.5
    backoff_max: float = 10.0
    max_retry_after: float = 60.0
    connect_timeout: float = 15.0
    read_timeout: float = 60.0
    chunk_size: int = 1 << 20
    max_redirects: int = 5
    user_agent: str = "podd/0.1"


class ManifestResponse(msgspec.Struct, frozen=True):
    """Manifest bytes as received, with their media type and verified digest."""

    data: bytes
    media_type: str | None
    digest: str


class _Budget:
    """Attempts left for one logical operation (shared by its requests)."""

    def __init__(self, attempts: int) -> None:
        self.left = attempts
        self.used = 0


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    return (url.scheme, url.host, url.port)


def _error_message(resp: httpx.Response) -> str:
    """The registry's ``{"errors": [{code, message}]}`` text, else the status line."""
    try:
        body = msgspec.json.decode(resp.content or b"{}")
        errors = body.get("errors") if isinstance(body, dict) else None
        if errors:
            return "; ".join(
                f"{e.get('code', '')}: {e.get('message', '')}".strip(": ")
                for e in errors
                if isinstance(e, dict)
            )
    except (msgspec.DecodeError, httpx.ResponseNotRead):
        pass
    return f"{resp.status_code} {resp.reason_phrase}"


def _retry_after(resp: httpx.Response) -> float | None:
    value = resp.headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class RegistryClient:
    """Pull-side distribution API client; one per podd, shared by all pulls."""

    def __init__(
        self,
        options: RegistryOptions | None = None,
        credentials: CredentialStore | None = None,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.options = options or RegistryOptions()
        self.credentials = credentials
        o = self.options
        self._client = httpx.AsyncClient(
            timeout=httpx.Timeout(o.read_timeout, connect=o.connect_timeout),
            follow_redirects=False,
            verify=True,
            headers={"User-Agent": o.user_agent},
            limits=httpx.Limits(max_connections=32, max_keepalive_connections=16),
            transport=transport,
        )
        self.auth = Authenticator(self._client, allow_plain_http=self._plain_http_ok)

    async def aclose(self) -> None:
        await self._client.aclose()

    def _plain_http_ok(self, netloc: str) -> bool:
        host = netloc.rsplit(":", 1)[0] if not netloc.endswith("]") else netloc
        return netloc in self.options.insecure_registries or host in _LOOPBACK

    def base_url(self, registry: str) -> httpx.URL:
        scheme = "http" if registry in self.options.insecure_registries else "https"
        return httpx.URL(f"{scheme}://{registry_host(registry)}")

    def credential_for(
        self, ref: ImageReference, explicit: Mapping[str, Credential] | None = None
    ) -> Credential | None:
        if self.credentials is None:
            if explicit:
                return CredentialStore([]).lookup(ref.registry, ref.repository, explicit)
            return None
        return self.credentials.lookup(ref.registry, ref.repository, explicit)

    # -- requests ---------------------------------------------------------

    def _delay(self, attempt: int) -> float:
        o = self.options
        base = min(o.backoff_max, o.backoff_initial * (2**attempt))
        return base * (0.75 + random.random() / 2)

    async def _send(
        self,
        ref: ImageReference,
        cred: Credential | None,
        url: httpx.URL,
        headers: dict[str, str],
        budget: _Budget,
    ) -> httpx.Response:
        """GET ``url`` with auth, redirects and retries; a streaming 2xx response.

        The caller closes the response. 4xx raise typed errors at once;
        connection errors, timeouts, 5xx and 429 are retried on ``budget``.
        """
        last = ""
        while budget.left > 0:
            budget.left -= 1
            attempt = budget.used
            budget.used += 1
            try:
                resp = await self._send_once(ref, cred, url, headers)
            except httpx.TransportError as e:
                last = f"{type(e).__name__}: {e}" if str(e) else type(e).__name__
                delay = self._delay(attempt)
            else:
                if resp.status_code not in _RETRY_STATUS:
                    if resp.status_code >= 400:
                        await resp.aread()
                        await resp.aclose()
                        raise self._status_error(ref, resp)
                    return resp
                await resp.aread()
                await resp.aclose()
                last = f"{resp.status_code}: {_error_message(resp)}"
                delay = self._delay(attempt)
                ra = _retry_after(resp)
                if ra is not None:
                    if ra > self.options.max_retry_after:
                        raise RegistryUnavailableError(
                            f"{ref.registry}: asks to retry after {ra:.0f} s ({last})",
                            registry=ref.registry,
                            status=resp.status_code,
                        )
                    delay = max(delay, ra)
            if budget.left > 0:
                await asyncio.sleep(delay)
        raise RegistryUnavailableError(
            f"{ref.registry}: giving up after {budget.used} attempts: {last}",
            registry=ref.registry,
        )

    async def _send_once(
        self, ref: ImageReference, cred: Credential | None, url: httpx.URL, headers: dict[str, str]
    ) -> httpx.Response:
        home = self.base_url(ref.registry)
        scope = f"repository:{ref.repository}:pull"
        authorization = self.auth.cached_header(ref.registry, scope, cred)
        answered = False
        for _ in range(self.options.max_redirects + 2):
            h = dict(headers)
            if authorization and _origin(url) == _origin(home):
                h["Authorization"] = authorization
            resp = await self._client.send(
                self._client.build_request("GET", url, headers=h), stream=True
            )
            if resp.status_code == 401 and _origin(url) == _origin(home) and not answered:
                await resp.aread()
                await resp.aclose()
                authorization = await self.auth.answer(ref.registry, scope, cred, resp)
                answered = True
                continue
            if resp.is_redirect and "location" in resp.headers:
                target = url.join(resp.headers["location"])
                await resp.aclose()
                if target.scheme not in ("http", "https"):
                    raise RegistryError(f"{ref.registry}: redirect to {target.scheme} URL")
                if (
                    target.scheme == "http"
                    and url.scheme == "https"
                    and not self._plain_http_ok(target.netloc.decode())
                ):
                    raise InsecureRegistryError(
                        f"{ref.registry}: refusing a redirect from https to {target}",
                        registry=ref.registry,
                    )
                url = target
                continue
            return resp
        raise RegistryError(f"{ref.registry}: too many redirects", registry=ref.registry)

    def _status_error(self, ref: ImageReference, resp: httpx.Response) -> RegistryError:
        msg = f"{ref.registry}/{ref.repository}: {_error_message(resp)}"
        if resp.status_code in (401, 403):
            return AuthenticationError(msg, registry=ref.registry, status=resp.status_code)
        if resp.status_code == 404:
            return RegistryNotFoundError(msg, registry=ref.registry, status=404)
        return RegistryError(msg, registry=ref.registry, status=resp.status_code)

    # -- manifests and blobs ---------------------------------------------

    async def get_manifest(
        self, ref: ImageReference, target: str | None = None, *, cred: Credential | None = None
    ) -> ManifestResponse:
        """Fetch the manifest ``target`` (tag or digest; default: the ref's)."""
        target = target or ref.target
        url = self.base_url(ref.registry).join(f"/v2/{ref.repository}/manifests/{target}")
        budget = _Budget(self.options.max_attempts)
        headers, data = await self._read_small(ref, cred, url, {"Accept": ACCEPT_MANIFESTS}, budget)
        digest = sha256_digest(data)
        expected = target if target.startswith("sha256:") else headers.get("docker-content-digest")
        if expected and expected.startswith("sha256:") and expected != digest:
            raise DigestMismatchError(
                f"manifest {ref.name}@{target}: digest mismatch: expected {expected}, got {digest}",
                expected=expected,
                actual=digest,
            )
        return ManifestResponse(data, headers.get("content-type"), digest)

    async def _read_small(
        self,
        ref: ImageReference,
        cred: Credential | None,
        url: httpx.URL,
        headers: dict[str, str],
        budget: _Budget,
        limit: int = MAX_MANIFEST_BYTES,
    ) -> tuple[httpx.Headers, bytes]:
        while True:
            resp = await self._send(ref, cred, url, headers, budget)
            try:
                buf = bytearray()
                async for chunk in resp.aiter_raw():
                    buf += chunk
                    if len(buf) > limit:
                        raise RegistryError(f"{url}: response larger than {limit} bytes")
                return resp.headers, bytes(buf)
            except httpx.TransportError:
                if budget.left <= 0:
                    raise RegistryUnavailableError(
                        f"{ref.registry}: connection broke while reading {url}",
                        registry=ref.registry,
                    ) from None
                await asyncio.sleep(self._delay(budget.used))
            finally:
                await resp.aclose()

    async def get_blob_bytes(
        self, ref: ImageReference, desc: Descriptor, *, cred: Credential | None = None
    ) -> bytes:
        """A small blob (an image config) in memory, digest and size verified."""
        url = self.base_url(ref.registry).join(f"/v2/{ref.repository}/blobs/{desc.digest}")
        budget = _Budget(self.options.max_attempts)
        _, data = await self._read_small(
            ref, cred, url, {"Accept-Encoding": "identity"}, budget, limit=max(desc.size, 1)
        )
        if len(data) != desc.size:
            raise SizeMismatchError(
                f"blob {desc.digest}: expected {desc.size} bytes, got {len(data)}"
            )
        actual = sha256_digest(data)
        if actual != desc.digest:
            raise DigestMismatchError(
                f"blob {desc.digest}: digest mismatch (got {actual})",
                expected=desc.digest,
                actual=actual,
            )
        return data

    async def fetch_blob(
        self,
        ref: ImageReference,
        desc: Descriptor,
        out: BinaryIO,
        *,
        cred: Credential | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        """Stream blob ``desc`` into ``out`` (an empty file), verifying size and digest.

        A connection broken mid-body is resumed with ``Range`` when the
        registry honours it, else restarted; all on one attempt budget.
        """
        url = self.base_url(ref.registry).join(f"/v2/{ref.repository}/blobs/{desc.digest}")
        budget = _Budget(self.options.max_attempts)
        h = hashlib.sha256()
        done = 0
        chunk = self.options.chunk_size
        while True:
            headers = {"Accept-Encoding": "identity"}
            if done:
                headers["Range"] = f"bytes={done}-"
            resp = await self._send(ref, cred, url, headers, budget)
            try:
                if done and not (
                    resp.status_code == 206
                    and resp.headers.get("content-range", "").startswith(f"bytes {done}-")
                ):
                    out.seek(0)
                    out.truncate()
                    h = hashlib.sha256()
                    done = 0
                async for data in resp.aiter_raw(chunk):
                    if done + len(data) > desc.size:
                        raise SizeMismatchError(
                            f"blob {desc.digest}: registry sent more than {desc.size} bytes"
                        )
                    h.update(data)
                    out.write(data)
                    done += len(data)
                    if progress is not None:
                        progress(done)
            except httpx.TransportError as e:
                if budget.left <= 0:
                    raise RegistryUnavailableError(
                        f"{ref.registry}: connection broke while downloading {desc.digest} "
                        f"({done}/{desc.size} bytes): {type(e).__name__}",
                        registry=ref.registry,
                    ) from None
                await asyncio.sleep(self._delay(budget.used))
                continue
            finally:
                await resp.aclose()
            break
        if done != desc.size:
            raise SizeMismatchError(f"blob {desc.digest}: expected {desc.size} bytes, got {done}")
        actual = "sha256:" + h.hexdigest()
        if actual != desc.digest:
            raise DigestMismatchError(
                f"blob {desc.digest}: digest mismatch (got {actual})",
                expected=desc.digest,
                actual=actual,
            )
