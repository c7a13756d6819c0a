"""Registry credentials and the registry authentication flows.

Credentials come, first match wins, from: explicit credentials given to a
pull (a pod's ``imagePullSecrets``), podd's own ``<data>/auth.json``,
``${XDG_RUNTIME_DIR}/containers/auth.json``,
``${XDG_CONFIG_HOME}/containers/auth.json`` and ``~/.docker/config.json``.
All use the containers/Docker ``{"auths": {KEY: {"auth": base64(user:pass)}}}``
format; KEY is a host (``quay.io``, ``localhost:5000``), an URL
(``https://index.docker.io/v1/``) or a repository prefix
(``quay.io/org/repo``); the most specific key wins. Credential helpers
(``credsStore``/``credHelpers``) are not run.

On a 401 the registry's ``WWW-Authenticate`` challenge says what to do:
``Basic`` → send the credentials; ``Bearer realm=…,service=…,scope=…`` → GET
the realm with ``service`` and ``scope`` (basic-authenticated when we have
credentials; POSTing the OAuth2 refresh grant when the credential is an
identity token), take ``token`` or ``access_token`` and cache it per
(registry, scope, credential) until ``expires_in`` runs out.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hashlib
import os
import re
import time
from collections.abc import Callable, Mapping
from pathlib import Path

import httpx
import msgspec

from podd.images.errors import AuthenticationError, InsecureRegistryError, RegistryUnavailableError
from podd.images.reference import DEFAULT_REGISTRY

TOKEN_MIN_LIFETIME = 60
TOKEN_MARGIN = 10


class Credential(msgspec.Struct, frozen=True):
    """A user/password pair, or an identity (OAuth2 refresh) token."""

    username: str = ""
    password: str = ""
    identity_token: str | None = None

    def basic_header(self) -> str:
        raw = f"{self.username}:{self.password}".encode()
        return "Basic " + base64.b64encode(raw).decode()

    def fingerprint(self) -> str:
        """A stable, non-reversible key for caches."""
        h = hashlib.sha256(
            f"{self.username}\0{self.password}\0{self.identity_token or ''}".encode()
        )
        return h.hexdigest()[:16]


class _AuthEntry(msgspec.Struct):
    auth: str | None = None
    username: str | None = None
    password: str | None = None
    identitytoken: str | None = None


class _AuthConfig(msgspec.Struct):
    auths: dict[str, _AuthEntry] = msgspec.field(default_factory=dict)


def normalize_auth_key(key: str) -> str:
    """``https://index.docker.io/v1/`` → ``docker.io``; ``http://h:5000/`` → ``h:5000``."""
    k = key.strip()
    for prefix in ("https://", "http://"):
        if k.startswith(prefix):
            k = k[len(prefix) :]
            # an URL key names a host; any path (/v1/, /v2/) is dropped
            k = k.split("/", 1)[0]
            break
    k = k.rstrip("/")
    host, sep, rest = k.partition("/")
    if host in ("index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"):
        host = DEFAULT_REGISTRY
    return host + sep + rest


def parse_auth_config(data: bytes) -> dict[str, Credential]:
    """Credentials by normalised key from auth.json / config.json / dockerconfigjson bytes.

    Raises ``ValueError`` for malformed JSON; entries without usable
    credentials are skipped.
    """
    try:
        cfg = msgspec.json.decode(data, type=_AuthConfig)
    except msgspec.DecodeError as e:
        raise ValueError(f"malformed auth file: {e}") from None
    out: dict[str, Credential] = {}
    for key, entry in cfg.auths.items():
        cred: Credential | None = None
        if entry.auth:
            try:
                user, sep, pw = base64.b64decode(entry.auth, validate=False).decode().partition(":")
            except (binascii.Error, UnicodeDecodeError):
                continue
            if sep:
                cred = Credential(user, pw, entry.identitytoken or None)
        elif entry.username is not None and entry.password is not None:
            cred = Credential(entry.username, entry.password, entry.identitytoken or None)
        elif entry.identitytoken:
            cred = Credential("<token>", "", entry.identitytoken)
        if cred is not None:
            out[normalize_auth_key(key)] = cred
    return out


def lookup_credential(
    table: Mapping[str, Credential], registry: str, repository: str
) -> Credential | None:
    """The most specific entry of ``table`` for ``registry/repository``."""
    parts = repository.split("/")
    for n in range(len(parts), 0, -1):
        hit = table.get(f"{registry}/{'/'.join(parts[:n])}")
        if hit is not None:
            return hit
    return table.get(registry)


def default_auth_files(data_dir: Path | None, env: Mapping[str, str] | None = None) -> list[Path]:
    """The auth files podd reads, in order of precedence."""
    env = os.environ if env is None else env
    home = Path(env.get("HOME") or Path.home())
    out: list[Path] = []
    if data_dir is not None:
        out.append(data_dir / "auth.json")
    if env.get("REGISTRY_AUTH_FILE"):
        out.append(Path(env["REGISTRY_AUTH_FILE"]))
    if env.get("XDG_RUNTIME_DIR"):
        out.append(Path(env["XDG_RUNTIME_DIR"]) / "containers" / "auth.json")
    out.append(Path(env.get("XDG_CONFIG_HOME") or home / ".config") / "containers" / "auth.json")
    out.append(Path(env.get("DOCKER_CONFIG") or home / ".docker") / "config.json")
    return out


class CredentialStore:
    """Looks credentials up in auth files (re-read when they change on disk)."""

    def __init__(self, files: list[Path]) -> None:
        self.files = list(files)
        self._cache: dict[Path, tuple[tuple[int, int], dict[str, Credential]]] = {}
        self.notes: list[str] = []

    @classmethod
    def default(cls, data_dir: Path | None = None) -> CredentialStore:
        return cls(default_auth_files(data_dir))

    def _table(self, path: Path) -> dict[str, Credential]:
        try:
            st = path.stat()
        except OSError:
            self._cache.pop(path, None)
            return {}
        stamp = (st.st_mtime_ns, st.st_size)
        cached = self._cache.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        try:
            table = parse_auth_config(path.read_bytes())
        except (OSError, ValueError) as e:
            self.notes.append(f"ignoring auth file {path}: {e}")
            table = {}
        self._cache[path] = (stamp, table)
        return table

    def lookup(
        self,
        registry: str,
        repository: str,
        explicit: Mapping[str, Credential] | None = None,
    ) -> Credential | None:
        """Credentials for ``registry/repository``; ``explicit`` (pull secrets) first."""
        if explicit:
            normalized = {normalize_auth_key(k): v for k, v in explicit.items()}
            hit = lookup_credential(normalized, registry, repository)
            if hit is not None:
                return hit
        for path in self.files:
            hit = lookup_credential(self._table(path), registry, repository)
            if hit is not None:
                return hit
        return None


class Challenge(msgspec.Struct, frozen=True):
    """One ``WWW-Authenticate`` challenge: a scheme and its parameters."""

    scheme: str
    params: dict[str, str]


_TOKEN = r"[!#$%&'*+.^_`|~0-9A-Za-z-]+"
_PARAM_RE = re.compile(rf'\s*({_TOKEN})\s*=\s*("(?:[^"\\]|\\.)*"|[^,\s]*)\s*(,|$)')
_SCHEME_RE = re.compile(rf"\s*({_TOKEN})(?:\s+|$)")


def parse_www_authenticate(header: str) -> list[Challenge]:
    """Parse a ``WWW-Authenticate`` value (quoted values may hold commas)."""
    out: list[Challenge] = []
    pos = 0
    n = len(header)
    for _ in range(64):
        while pos < n and header[pos] in ", ":
            pos += 1
        if pos >= n:
            break
        m = _SCHEME_RE.match(header, pos)
        if not m:
            break
        scheme = m.group(1).lower()
        pos = m.end()
        params: dict[str, str] = {}
        for _ in range(64):
            p = _PARAM_RE.match(header, pos)
            if not p:
                break
            value = p.group(2)
            if value.startswith('"'):
                value = re.sub(r"\\(.)", r"\1", value[1:-1])
            params[p.group(1).lower()] = value
            pos = p.end()
        out.append(Challenge(scheme, params))
    return out


class _TokenResponse(msgspec.Struct):
    token: str | None = None
    access_token: str | None = None
    expires_in: int | None = None


class Authenticator:
    """Answers registry challenges and caches what it obtained.

    ``allow_plain_http(host)`` says whether credentials may be sent to a
    token realm over plain http (insecure-listed hosts and loopback).
    """

    def __init__(
        self,
        client: httpx.AsyncClient,
        *,
        allow_plain_http: Callable[[str], bool],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._client = client
        self._allow_http = allow_plain_http
        self._clock = clock
        self._tokens: dict[tuple[str, str, str], tuple[str, float]] = {}
        self._basic: set[tuple[str, str]] = set()
        self._locks: dict[tuple[str, str, str], asyncio.Lock] = {}
        self.token_requests = 0

    def cached_header(self, registry: str, scope: str, cred: Credential | None) -> str | None:
        """An Authorization value to send up front, if one is known to work."""
        fp = cred.fingerprint() if cred else "-"
        hit = self._tokens.get((registry, scope, fp))
        if hit is not None:
            if hit[1] > self._clock():
                return f"Bearer {hit[0]}"
            del self._tokens[(registry, scope, fp)]
        if cred is not None and (registry, fp) in self._basic:
            return cred.basic_header()
        return None

    async def answer(
        self,
        registry: str,
        scope: str,
        cred: Credential | None,
        response: httpx.Response,
    ) -> str:
        """The Authorization value that answers ``response``'s 401 challenge."""
        challenges = parse_www_authenticate(response.headers.get("www-authenticate", ""))
        by_scheme = {c.scheme: c for c in challenges}
        if "bearer" in by_scheme:
            return await self._bearer(registry, scope, cred, by_scheme["bearer"])
        if "basic" in by_scheme:
            if cred is None:
                raise AuthenticationError(
                    f"{registry} requires a login (basic auth) and no credentials are configured",
                    registry=registry,
                    status=401,
                )
            self._basic.add((registry, cred.fingerprint()))
            return cred.basic_header()
        raise AuthenticationError(
            f"{registry} answered 401 without a usable WWW-Authenticate challenge",
            registry=registry,
            status=401,
        )

    async def _bearer(
        self, registry: str, scope: str, cred: Credential | None, ch: Challenge
    ) -> str:
        fp = cred.fingerprint() if cred else "-"
        key = (registry, scope, fp)
        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:
            hit = self._tokens.get(key)
            if hit is not None and hit[1] > self._clock():
                return f"Bearer {hit[0]}"
            token, lifetime = await self._fetch_token(registry, scope, cred, ch)
            self._tokens[key] = (token, self._clock() + max(lifetime - TOKEN_MARGIN, 1))
            return f"Bearer {token}"

    async def _fetch_token(
        self, registry: str, scope: str, cred: Credential | None, ch: Challenge
    ) -> tuple[str, float]:
        realm = ch.params.get("realm")
        if not realm:
            raise AuthenticationError(
                f"{registry}: bearer challenge without a realm", registry=registry, status=401
            )
        url = httpx.URL(realm)
        if url.scheme not in ("https", "http"):
            raise AuthenticationError(f"{registry}: token realm {realm!r} is not http(s)")
        if url.scheme == "http" and not self._allow_http(url.netloc.decode()):
            raise InsecureRegistryError(
                f"{registry}: token realm {realm} is plain http and its host is not an "
                "insecure registry",
                registry=registry,
            )
        scopes = [s for s in {ch.params.get("scope") or "", scope} if s]
        query: dict[str, list[str]] = {"scope": scopes}
        if ch.params.get("service"):
            query["service"] = [ch.params["service"]]
        params = httpx.QueryParams(query)
        self.token_requests += 1
        try:
            if cred is not None and cred.identity_token:
                form = {
                    "grant_type": "refresh_token",
                    "refresh_token": cred.identity_token,
                    "client_id": "podd",
                    "service": ch.params.get("service", ""),
                    "scope": " ".join(scopes),
                }
                resp = await self._client.post(url, data=form)
            else:
                headers = {"Authorization": cred.basic_header()} if cred is not None else {}
                resp = await self._client.get(url, params=params, headers=headers)
        except httpx.TransportError as e:
            raise RegistryUnavailableError(
                f"{registry}: token server {realm} unreachable: {e}", registry=registry
            ) from None
        if resp.status_code in (401, 403):
            raise AuthenticationError(
                f"{registry}: the token server refused the credentials ({resp.status_code}): "
                f"{resp.text[:200]}",
                registry=registry,
                status=resp.status_code,
            )
        if resp.status_code >= 500:
            raise RegistryUnavailableError(
                f"{registry}: token server answered {resp.status_code}",
                registry=registry,
                status=resp.status_code,
            )
        if resp.status_code != 200:
            raise AuthenticationError(
                f"{registry}: token server answered {resp.status_code}: {resp.text[:200]}",
                registry=registry,
                status=resp.status_code,
            )
        try:
            body = msgspec.json.decode(resp.content, type=_TokenResponse)
        except msgspec.DecodeError as e:
            raise AuthenticationError(f"{registry}: malformed token response: {e}") from None
        token = body.token or body.access_token
        if not token:
            raise AuthenticationError(f"{registry}: token response without a token")
        return token, float(max(body.expires_in or TOKEN_MIN_LIFETIME, TOKEN_MIN_LIFETIME))
