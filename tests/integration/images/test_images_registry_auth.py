"""Basic auth (htpasswd), the bearer token flow, pull secrets and redirects."""

from __future__ import annotations

import base64
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from podd.images.auth import Credential, CredentialStore, default_auth_files
from podd.images.errors import AuthenticationError
from tests.support.fixtures import ImageSet, MakeManager, push_test_images
from tests.support.proxy import RegistryProxy, TokenServer
from tests.support.registry import Registry, run_registry

USERS = {"alice": "s3cret"}


@pytest.fixture(scope="module")
def auth_registry(test_images: ImageSet) -> Iterator[Registry]:
    root = Path(tempfile.mkdtemp(prefix="podd-registry-auth-"))
    with run_registry(root, users=USERS) as reg:
        push_test_images(reg.url, test_images, auth=("alice", "s3cret"))
        yield reg


def auth_file(path: Path, key: str, user: str, password: str) -> Path:
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"auths": {key: {"auth": token}}}))
    return path


async def test_basic_auth(
    auth_registry: Registry, make_manager: MakeManager, test_images: ImageSet, images_tmp: Path
) -> None:
    host = auth_registry.host
    ref = f"{host}/library/busybox:latest"
    anonymous = make_manager(host, name="anon")
    with pytest.raises(AuthenticationError, match="requires a login") as e:
        await anonymous.pull(ref)
    assert e.value.status == 401 and e.value.reason == "Unauthorized"

    wrong = make_manager(
        host,
        name="wrong",
        credentials=CredentialStore([auth_file(images_tmp / "w.json", host, "alice", "nope")]),
    )
    with pytest.raises(AuthenticationError, match=r"UNAUTHORIZED|401"):
        await wrong.pull(ref)

    # podd's own auth file, <data>/auth.json
    podd_file = auth_file(images_tmp / "podd" / "auth.json", host, "alice", "s3cret")
    m = make_manager(host, name="podd", credentials=CredentialStore.default(podd_file.parent))
    assert (await m.pull(ref)).id == test_images.busybox.id

    # ~/.docker/config.json with an URL key
    home = images_tmp / "home"
    auth_file(home / ".docker" / "config.json", f"http://{host}/v2/", "alice", "s3cret")
    files = default_auth_files(None, {"HOME": str(home)})
    m2 = make_manager(host, name="docker", credentials=CredentialStore(files))
    assert (await m2.pull(f"{host}/podd/zstd:v1")).id == test_images.zstd.id

    # explicit credentials (a pod's imagePullSecrets), no files at all
    m3 = make_manager(host, name="secret")
    rec = await m3.pull(ref, credentials={host: Credential("alice", "s3cret")})
    assert rec.id == test_images.busybox.id


@pytest.mark.parametrize("access_token", [False, True])
async def test_bearer_token_flow(
    registry: Registry, make_manager: MakeManager, test_images: ImageSet, access_token: bool
) -> None:
    with (
        TokenServer(use_access_token=access_token) as tokens,
        RegistryProxy(registry.host, token_server=tokens) as proxy,
    ):
        m = make_manager(proxy.host, tokens.host)
        ref = f"{proxy.host}/podd/multilayer:v1"
        rec = await m.pull(ref)
        assert rec.id == test_images.multilayer.id
        assert tokens.issued() == 1  # one token for the repository, reused by every request
        scope = tokens.seen[0].path
        assert "service=podd-test" in scope and "repository%3Apodd%2Fmultilayer%3Apull" in scope
        await m.pull(ref)
        assert tokens.issued() == 1  # cached until it expires
        await m.pull(f"{proxy.host}/library/busybox:1.36")
        assert tokens.issued() == 2  # another repository, another scope
        unauthorized = [s for s in proxy.seen if s.status == 401]
        assert len(unauthorized) == 2


async def test_bearer_token_server_wants_credentials(
    registry: Registry, make_manager: MakeManager, test_images: ImageSet
) -> None:
    with (
        TokenServer(users=USERS) as tokens,
        RegistryProxy(registry.host, token_server=tokens) as proxy,
    ):
        ref = f"{proxy.host}/library/busybox:latest"
        m = make_manager(proxy.host)
        with pytest.raises(AuthenticationError, match="token server refused"):
            await m.pull(ref)
        secret = {proxy.host: Credential("alice", "s3cret")}
        rec = await m.pull(ref, credentials=secret)
        assert rec.id == test_images.busybox.id
        assert tokens.seen[-1].headers["authorization"].startswith("Basic ")


async def test_blob_redirect_to_another_origin_drops_authorization(
    registry: Registry, make_manager: MakeManager, test_images: ImageSet
) -> None:
    with (
        TokenServer() as tokens,
        RegistryProxy(registry.host, token_server=tokens) as front,
        RegistryProxy(registry.host) as storage,
    ):
        front.redirect_to = storage.url
        m = make_manager(front.host, storage.host)
        rec = await m.pull(f"{front.host}/podd/multilayer:v1")
        assert rec.id == test_images.multilayer.id
        blob_requests = [s for s in storage.seen if "/blobs/" in s.path]
        assert len(blob_requests) == 4  # the config and three layers, all redirected
        assert all("authorization" not in s.headers for s in storage.seen)
        assert any(s.headers.get("authorization", "").startswith("Bearer ") for s in front.seen)
