"""Manifest kinds, image configs and platform selection."""

from __future__ import annotations

import json

import pytest

from podd.images import manifest as mf
from podd.images.errors import (
    ManifestError,
    PlatformNotFoundError,
    UnsupportedManifestError,
)
from podd.images.platform import Platform, best_match, parse_platform

D = "sha256:" + "b" * 64


def _manifest(mt: str | None = mf.OCI_MANIFEST, config_mt: str = mf.OCI_CONFIG) -> bytes:
    body: dict[str, object] = {
        "schemaVersion": 2,
        "config": {"mediaType": config_mt, "digest": D, "size": 2},
        "layers": [{"mediaType": mf.OCI_LAYER_GZIP, "digest": D, "size": 3}],
    }
    if mt:
        body["mediaType"] = mt
    return json.dumps(body).encode()


def _index(platforms: list[dict[str, str] | None], mt: str = mf.OCI_INDEX) -> mf.Index:
    entries = []
    for i, p in enumerate(platforms):
        e: dict[str, object] = {
            "mediaType": mf.OCI_MANIFEST,
            "digest": "sha256:" + f"{i:x}" * 64,
            "size": 10,
        }
        if p is not None:
            e["platform"] = p
        entries.append(e)
    parsed = mf.parse_manifest(
        json.dumps({"schemaVersion": 2, "mediaType": mt, "manifests": entries}).encode()
    )
    assert isinstance(parsed, mf.Index)
    return parsed


@pytest.mark.parametrize("mt", [mf.OCI_MANIFEST, mf.DOCKER_MANIFEST, None])
def test_manifest_kinds(mt: str | None) -> None:
    parsed = mf.parse_manifest(_manifest(mt), mt)
    assert isinstance(parsed, mf.Manifest)
    assert parsed.layers[0].size == 3


def test_kind_from_content_type_only() -> None:
    parsed = mf.parse_manifest(_manifest(None), mf.DOCKER_MANIFEST + "; charset=utf-8")
    assert isinstance(parsed, mf.Manifest)


@pytest.mark.parametrize("mt", [mf.OCI_INDEX, mf.DOCKER_MANIFEST_LIST])
def test_index_kinds(mt: str) -> None:
    idx = _index([{"architecture": "amd64", "os": "linux"}], mt)
    assert idx.manifests[0].platform == Platform("amd64", os="linux")


def test_schema1_refused() -> None:
    body = json.dumps({"schemaVersion": 1, "name": "x", "tag": "y", "fsLayers": []}).encode()
    for ct in (mf.DOCKER_SCHEMA1_SIGNED, None):
        with pytest.raises(UnsupportedManifestError, match="schema 1"):
            mf.parse_manifest(body, ct)


def test_unknown_and_artifact_refused() -> None:
    with pytest.raises(UnsupportedManifestError, match="media type"):
        mf.parse_manifest(_manifest("application/vnd.example+json"))
    with pytest.raises(UnsupportedManifestError, match="not a container image"):
        mf.parse_manifest(_manifest(config_mt="application/vnd.cncf.helm.config.v1+json"))
    with pytest.raises(ManifestError, match="malformed"):
        mf.parse_manifest(b"{nope")
    bad = _manifest().replace(D.encode(), b"md5:abc")
    with pytest.raises(ManifestError, match="digest"):
        mf.parse_manifest(bad)


def test_layer_compression() -> None:
    for mt, comp in [
        (mf.OCI_LAYER, "none"),
        (mf.OCI_LAYER_ZSTD, "zstd"),
        (mf.DOCKER_LAYER_GZIP, "gzip"),
    ]:
        assert mf.layer_compression(mf.Descriptor(mt, D, 1)) == comp
    with pytest.raises(UnsupportedManifestError, match="foreign"):
        mf.layer_compression(mf.Descriptor(mf.DOCKER_FOREIGN_LAYER, D, 1))
    with pytest.raises(UnsupportedManifestError):
        mf.layer_compression(mf.Descriptor("text/plain", D, 1))


def test_image_config_nulls_and_fields() -> None:
    raw = {
        "architecture": "arm64",
        "variant": "v8",
        "os": "linux",
        "created": "2024-01-01T00:00:00Z",
        "config": {
            "Entrypoint": None,
            "Cmd": ["nginx", "-g", "daemon off;"],
            "Env": ["PATH=/bin"],
            "WorkingDir": "/srv",
            "User": "101:101",
            "ExposedPorts": {"80/tcp": {}},
            "Volumes": {"/data": {}},
            "StopSignal": "SIGQUIT",
            "Labels": {"a": "b"},
            "Hostname": "ignored",
        },
        "rootfs": {"type": "layers", "diff_ids": [D]},
        "history": [{"created_by": "x", "empty_layer": True}],
    }
    cfg = mf.parse_image_config(json.dumps(raw).encode())
    c = cfg.config
    assert c.entrypoint is None and c.cmd == ["nginx", "-g", "daemon off;"]
    assert (c.working_dir, c.user, c.stop_signal) == ("/srv", "101:101", "SIGQUIT")
    assert c.exposed_ports == {"80/tcp": {}} and c.volumes == {"/data": {}}
    assert c.labels == {"a": "b"} and c.env == ["PATH=/bin"]
    assert cfg.rootfs.diff_ids == [D] and cfg.history[0].empty_layer
    assert str(cfg.platform) == "linux/arm64/v8"
    empty = mf.parse_image_config(b'{"config": null, "rootfs": {"type":"layers","diff_ids":[]}}')
    assert empty.config == mf.ContainerConfig() and empty.history == []
    with pytest.raises(ManifestError, match="diff_id"):
        mf.parse_image_config(b'{"rootfs": {"type":"layers","diff_ids":["x"]}}')


def test_check_layers_counts() -> None:
    m = mf.parse_manifest(_manifest())
    assert isinstance(m, mf.Manifest)
    cfg = mf.parse_image_config(b'{"rootfs": {"type":"layers","diff_ids":[]}}')
    with pytest.raises(ManifestError, match="1 layers but the config has 0"):
        mf.check_layers(m, cfg)


def test_select_manifest() -> None:
    idx = _index(
        [
            {"architecture": "arm", "os": "linux", "variant": "v6"},
            {"architecture": "arm64", "os": "linux"},
            {"architecture": "amd64", "os": "linux"},
            {"architecture": "unknown", "os": "unknown"},
        ]
    )
    d = idx.manifests
    assert mf.select_manifest(idx, Platform("amd64")) == d[2]
    assert mf.select_manifest(idx, parse_platform("linux/arm64/v8")) == d[1]
    # an arm/v7 host runs v6 images; an explicit linux/arm/v7 does not take v6
    assert best_match(Platform("arm", variant="v7"), [e.platform for e in d]) == 0
    with pytest.raises(PlatformNotFoundError, match="available: linux/amd64, linux/arm/v6"):
        mf.select_manifest(idx, Platform("arm", variant="v7"))
    with pytest.raises(PlatformNotFoundError, match="s390x"):
        mf.select_manifest(idx, Platform("s390x"))


def test_select_single_unlabelled_entry() -> None:
    idx = _index([None])
    assert mf.select_manifest(idx) == idx.manifests[0]
    with pytest.raises(PlatformNotFoundError):
        mf.select_manifest(_index([]))
