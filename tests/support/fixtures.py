"""pytest fixtures for image tests (import them into a conftest).

* ``test_images`` (session): the built test images (:class:`ImageSet`), among
  them busybox with the host's GNU wget (``podd/busybox-wget:v1``) for tests
  that fetch by name;
* ``registry`` (session): a plain docker-registry with them pushed;
* ``images_tmp``: a temp dir removed afterwards even when layers in it
  belong to subordinate ids (removed from inside the pods' user namespace);
* ``pods_userns``: a :class:`~podd.images.userns_holder.UsernsHolder`
  (skips when podd-pause or a subordinate id range is missing);
* ``make_manager``: builds :class:`~podd.images.manager.ImageManager`\\ s on
  ``images_tmp`` for a registry, closed at teardown.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from podd.images.auth import CredentialStore
from podd.images.manager import ImageManager
from podd.images.records import JsonImageIndex
from podd.images.registry import RegistryOptions
from podd.images.unpacker import LayerUnpacker
from podd.images.userns_holder import UsernsHolder
from tests.support import oci_build as ob
from tests.support.registry import Registry, run_registry


@dataclass(frozen=True)
class ImageSet:
    busybox: ob.Image
    busybox_docker: ob.Image
    multilayer: ob.Image
    multiarch: ob.Index
    multiarch_docker: ob.Index
    zstd: ob.Image
    # busybox + GNU wget, which resolves names (pushed as podd/busybox-wget:v1)
    busybox_wget: ob.Image | None = None


def build_test_images() -> ImageSet:
    return ImageSet(
        busybox=ob.busybox_image(),
        busybox_docker=ob.busybox_image(fmt="docker"),
        multilayer=ob.multilayer_image(),
        multiarch=ob.multiarch_index(),
        multiarch_docker=ob.multiarch_index("docker"),
        zstd=ob.busybox_image(compression="zstd"),
        # without wget on the host only the tests fetching by name fail
        busybox_wget=ob.wget_image() if ob.WGET.exists() else None,
    )


def push_test_images(base_url: str, imgs: ImageSet, auth: tuple[str, str] | None = None) -> None:
    ob.push(base_url, "library/busybox", "latest", imgs.busybox, auth)
    ob.push(base_url, "library/busybox", "1.36", imgs.busybox, auth)
    ob.push(base_url, "podd/busybox-docker", "v1", imgs.busybox_docker, auth)
    ob.push(base_url, "podd/multilayer", "v1", imgs.multilayer, auth)
    ob.push(base_url, "podd/multiarch", "v1", imgs.multiarch, auth)
    ob.push(base_url, "podd/multiarch-docker", "v1", imgs.multiarch_docker, auth)
    ob.push(base_url, "podd/zstd", "v1", imgs.zstd, auth)
    if imgs.busybox_wget is not None:
        ob.push(base_url, "podd/busybox-wget", "v1", imgs.busybox_wget, auth)


@pytest.fixture(scope="session")
def test_images() -> ImageSet:
    return build_test_images()


@pytest.fixture(scope="session")
def registry(test_images: ImageSet) -> Iterator[Registry]:
    root = Path(tempfile.mkdtemp(prefix="podd-registry-"))
    with run_registry(root) as reg:
        push_test_images(reg.url, test_images)
        yield reg


def _force_rmtree(path: Path) -> None:
    def onerror(func: Callable[..., object], p: str, _exc: object) -> None:
        parent = os.path.dirname(p)
        try:
            os.chmod(parent, os.stat(parent).st_mode | stat.S_IRWXU)
            if os.path.isdir(p) and not os.path.islink(p):
                os.chmod(p, os.stat(p).st_mode | stat.S_IRWXU)
            func(p)
        except OSError:
            pass

    shutil.rmtree(path, onerror=onerror)


def _pause_available() -> bool:
    try:
        from podd.sandbox import binaries

        binaries.find_pause()
    except Exception:
        return False
    return True


@pytest.fixture
async def pods_userns() -> AsyncIterator[UsernsHolder]:
    if not _pause_available():
        pytest.skip("podd-pause is not built")
    holder = UsernsHolder()
    try:
        await holder.start()
    except Exception as e:  # no subordinate ids, userns restricted, ...
        pytest.skip(f"cannot hold a user namespace: {e}")
    if any("only root is mapped" in w for w in holder.warnings):
        await holder.stop()
        pytest.skip("no subordinate id range: " + "; ".join(holder.warnings))
    try:
        yield holder
    finally:
        await holder.stop()


@pytest.fixture
async def images_tmp() -> AsyncIterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="podd-images-"))
    try:
        yield path
    finally:
        _force_rmtree(path)
        if path.exists() and _pause_available():
            holder = UsernsHolder()
            unpacker = LayerUnpacker(holder.join_prefix)
            try:
                await unpacker.remove([path])
            finally:
                await unpacker.close()
                await holder.stop()


MakeManager = Callable[..., ImageManager]


@pytest.fixture
async def make_manager(images_tmp: Path) -> AsyncIterator[MakeManager]:
    made: list[ImageManager] = []

    def make(
        *insecure: str,
        name: str = "data",
        holder: UsernsHolder | None = None,
        credentials: CredentialStore | None = None,
        **options: object,
    ) -> ImageManager:
        opts = {"backoff_initial": 0.05, "backoff_max": 0.2, "max_attempts": 3, **options}
        data = images_tmp / name
        data.mkdir(exist_ok=True)
        m = ImageManager(
            data,
            JsonImageIndex(data / "images.json"),
            registry_options=RegistryOptions(insecure_registries=list(insecure), **opts),  # type: ignore[arg-type]
            credentials=credentials or CredentialStore([]),
            holder=holder,
        )
        made.append(m)
        return m

    try:
        yield make
    finally:
        for m in made:
            if m.holder is not None:
                # layers hold files of subordinate ids: remove them from inside
                await m.unpacker.remove([m.data_dir])
            await m.close()  # stops the holder too (again, if pods_userns already did)
