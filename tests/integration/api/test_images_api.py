"""``/podd/v1/images`` through a real podd and a real local registry."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.integration.api.helpers import simple_pod
from tests.podd_process import PoddProcess
from tests.support import oci_build as ob
from tests.support.fixtures import ImageSet
from tests.support.registry import Registry

IMAGES = "/podd/v1/images"


@pytest.fixture
def podd_reg(tmp_path_factory: pytest.TempPathFactory, registry: Registry) -> Iterator[PoddProcess]:
    host = registry.host
    proc = PoddProcess(tmp_path_factory.mktemp("podd"), "--insecure-registry", host)
    proc.start()
    try:
        yield proc
    finally:
        proc.stop()


def pull(podd: PoddProcess, image: str) -> list[dict[str, Any]]:
    with (
        podd.client(timeout=120) as c,
        c.stream("POST", f"{IMAGES}/pull", json={"image": image}) as r,
    ):
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("application/x-ndjson")
        return [json.loads(line) for line in r.iter_lines() if line]


def test_pull_list_inspect_remove(
    podd_reg: PoddProcess,
    registry: Registry,
    test_images: ImageSet,
) -> None:
    host = registry.host
    ref = f"{host}/library/busybox:1.36"
    events = pull(podd_reg, ref)
    final = events[-1]
    assert "error" not in json.dumps(final).lower(), events
    image_id = test_images.busybox.config.digest
    assert image_id in json.dumps(final)
    assert any("layer" in json.dumps(e).lower() or "digest" in e for e in events[:-1])
    with podd_reg.client() as c:
        items = c.get(IMAGES).json()["items"]
        assert [i["id"] for i in items] == [image_id]
        assert ref in items[0]["names"]
        record = c.get(f"{IMAGES}/{ref}").json()
        assert record["id"] == image_id and record["config"]
        assert c.get(f"{IMAGES}/{host}/library/nope:1").status_code == 404
        # A pod using it pins it.
        pod = simple_pod("user")
        pod["spec"]["containers"][0]["image"] = ref
        assert c.post("/api/v1/namespaces/default/pods", json=pod).status_code == 201
        r = c.delete(f"{IMAGES}/{ref}")
        assert r.status_code == 409 and r.json()["reason"] == "Conflict"
        r = c.delete(f"{IMAGES}/{ref}", params={"force": "true"})
        assert r.status_code == 200, r.text
        assert c.get(IMAGES).json()["items"] == []


def test_bad_reference_is_422(podd_reg: PoddProcess) -> None:
    with podd_reg.client() as c:
        r = c.post(f"{IMAGES}/pull", json={"image": "UPPER/case::bad"})
        assert r.status_code == 422
        assert r.json()["details"]["causes"][0]["field"] == "image"
        r = c.post(f"{IMAGES}/pull", json={"image": "x", "extra": 1})
        assert r.status_code == 422


def test_import_docker_save_gives_the_registry_id(
    podd_reg: PoddProcess, tmp_path: Path, test_images: ImageSet
) -> None:
    archive = ob.write_docker_save(tmp_path / "bb.tar", test_images.busybox, ["busybox:saved"])
    with podd_reg.client(timeout=120) as c:
        r = c.post(
            f"{IMAGES}/import",
            content=archive.read_bytes(),
            headers={"Content-Type": "application/x-tar"},
        )
        assert r.status_code == 200, r.text
        items = r.json()["items"]
        assert items[0]["id"] == test_images.busybox.config.digest
        assert c.get(f"{IMAGES}/busybox:saved").status_code == 200
        r = c.post(f"{IMAGES}/prune", params={"all": "true"})
        assert r.status_code == 200, r.text
        assert c.get(IMAGES).json()["items"] == []
