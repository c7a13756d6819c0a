"""Payloads of configMap, secret, downwardAPI and projected volumes (pure)."""

from __future__ import annotations

import pytest

from podd.model.configmap import ConfigMap, Secret
from podd.model.container import (
    Container,
    ObjectFieldSelector,
    ResourceFieldSelector,
    ResourceRequirements,
)
from podd.model.meta import ObjectMeta
from podd.model.volume import (
    ConfigMapProjection,
    ConfigMapVolumeSource,
    DownwardAPIProjection,
    DownwardAPIVolumeFile,
    DownwardAPIVolumeSource,
    EmptyDirVolumeSource,
    KeyToPath,
    ProjectedVolumeSource,
    SecretProjection,
    SecretVolumeSource,
    ServiceAccountTokenProjection,
    Volume,
    VolumeProjection,
)
from podd.volumes.atomic_writer import FileProjection
from podd.volumes.errors import (
    KeyNotFoundError,
    ObjectNotFoundError,
    UnsupportedVolumeError,
)
from podd.volumes.projection import StaticLookup, project, referenced_objects
from tests.unit.volumes.conftest import make_pod

CM = ConfigMap(
    metadata=ObjectMeta(name="cfg", namespace="team"),
    data={"app.conf": "port=80\n", "mode": "prod"},
    binary_data={"logo.bin": b"\x89PNG"},
)
SECRET = Secret(metadata=ObjectMeta(name="creds", namespace="team"), data={"pw": b"hunter2"})
LOOKUP = StaticLookup([CM], [SECRET])


def _cm(**kw: object) -> Volume:
    return Volume(name="v", config_map=ConfigMapVolumeSource(name="cfg", **kw))  # type: ignore[arg-type]


def test_config_map_all_keys_default_mode() -> None:
    vol = _cm()
    assert project(vol, make_pod(vol), LOOKUP) == {
        "app.conf": FileProjection(b"port=80\n", 0o644),
        "mode": FileProjection(b"prod", 0o644),
        "logo.bin": FileProjection(b"\x89PNG", 0o644),
    }


def test_config_map_items_and_modes() -> None:
    vol = _cm(
        items=[
            KeyToPath(key="app.conf", path="etc/app.conf", mode=0o600),
            KeyToPath(key="mode", path="m"),
        ],
        default_mode=0o440,
    )
    assert project(vol, make_pod(vol), LOOKUP) == {
        "etc/app.conf": FileProjection(b"port=80\n", 0o600),
        "m": FileProjection(b"prod", 0o440),
    }


def test_config_map_missing_key_and_object() -> None:
    vol = _cm(items=[KeyToPath(key="nope", path="x")])
    with pytest.raises(KeyNotFoundError) as err:
        project(vol, make_pod(vol), LOOKUP)
    assert str(err.value) == "configmap references non-existent config key: nope"
    assert err.value.volume == "v"
    optional = _cm(
        items=[KeyToPath(key="nope", path="x"), KeyToPath(key="mode", path="m")], optional=True
    )
    assert project(optional, make_pod(optional), LOOKUP) == {"m": FileProjection(b"prod", 0o644)}

    missing = Volume(name="v", config_map=ConfigMapVolumeSource(name="ghost"))
    with pytest.raises(ObjectNotFoundError) as nf:
        project(missing, make_pod(missing), LOOKUP)
    assert str(nf.value) == 'configmap "ghost" not found'
    assert nf.value.event_message() == (
        'MountVolume.SetUp failed for volume "v" : configmap "ghost" not found'
    )
    assert nf.value.waiting_reason == "CreateContainerConfigError"
    opt = Volume(name="v", config_map=ConfigMapVolumeSource(name="ghost", optional=True))
    assert project(opt, make_pod(opt), LOOKUP) == {}
    # other namespaces are not looked at
    other = StaticLookup([ConfigMap(metadata=ObjectMeta(name="cfg", namespace="elsewhere"))])
    with pytest.raises(ObjectNotFoundError):
        project(_cm(), make_pod(_cm()), other)


def test_secret_volume_decoded() -> None:
    vol = Volume(name="s", secret=SecretVolumeSource(secret_name="creds", default_mode=0o400))
    assert project(vol, make_pod(vol), LOOKUP) == {"pw": FileProjection(b"hunter2", 0o400)}
    keyed = Volume(
        name="s",
        secret=SecretVolumeSource(secret_name="creds", items=[KeyToPath(key="x", path="y")]),
    )
    with pytest.raises(KeyNotFoundError, match="references non-existent secret key: x"):
        project(keyed, make_pod(keyed), LOOKUP)
    ghost = Volume(name="s", secret=SecretVolumeSource(secret_name="ghost"))
    with pytest.raises(ObjectNotFoundError, match='secret "ghost" not found'):
        project(ghost, make_pod(ghost), LOOKUP)


def test_downward_volume_and_init_container() -> None:
    vol = Volume(
        name="info",
        downward_api=DownwardAPIVolumeSource(
            items=[
                DownwardAPIVolumeFile(
                    path="labels", field_ref=ObjectFieldSelector(field_path="metadata.labels")
                ),
                DownwardAPIVolumeFile(
                    path="./sub/name",
                    field_ref=ObjectFieldSelector(field_path="metadata.name"),
                    mode=0o600,
                ),
                DownwardAPIVolumeFile(
                    path="cpu",
                    resource_field_ref=ResourceFieldSelector(
                        container_name="init", resource="limits.cpu", divisor="1m"
                    ),
                ),
            ],
            default_mode=0o444,
        ),
    )
    pod = make_pod(vol)
    pod.spec.init_containers = [
        Container(name="init", resources=ResourceRequirements(limits={"cpu": "1500m"}))
    ]
    assert project(vol, pod, LOOKUP) == {
        "labels": FileProjection(b'app="web"\ntier="front"', 0o444),
        "sub/name": FileProjection(b"web", 0o600),
        "cpu": FileProjection(b"1500", 0o444),
    }


def test_projected_volume_merges_sources() -> None:
    vol = Volume(
        name="all",
        projected=ProjectedVolumeSource(
            default_mode=0o640,
            sources=[
                VolumeProjection(
                    config_map=ConfigMapProjection(
                        name="cfg", items=[KeyToPath(key="mode", path="mode")]
                    )
                ),
                VolumeProjection(
                    secret=SecretProjection(
                        name="creds", items=[KeyToPath(key="pw", path="secret/pw", mode=0o400)]
                    )
                ),
                VolumeProjection(secret=SecretProjection(name="ghost", optional=True)),
                VolumeProjection(
                    downward_api=DownwardAPIProjection(
                        items=[
                            DownwardAPIVolumeFile(
                                path="ns",
                                field_ref=ObjectFieldSelector(field_path="metadata.namespace"),
                            )
                        ]
                    )
                ),
            ],
        ),
    )
    assert project(vol, make_pod(vol), LOOKUP) == {
        "mode": FileProjection(b"prod", 0o640),
        "secret/pw": FileProjection(b"hunter2", 0o400),
        "ns": FileProjection(b"team", 0o640),
    }
    bad = Volume(
        name="tok",
        projected=ProjectedVolumeSource(
            sources=[
                VolumeProjection(service_account_token=ServiceAccountTokenProjection(path="t"))
            ]
        ),
    )
    with pytest.raises(UnsupportedVolumeError, match="serviceAccountToken") as err:
        project(bad, make_pod(bad), LOOKUP)
    assert err.value.volume == "tok"
    ghost = Volume(
        name="g",
        projected=ProjectedVolumeSource(
            sources=[VolumeProjection(config_map=ConfigMapProjection(name="ghost"))]
        ),
    )
    with pytest.raises(ObjectNotFoundError):
        project(ghost, make_pod(ghost), LOOKUP)
    with pytest.raises(UnsupportedVolumeError):
        project(Volume(name="e", empty_dir=EmptyDirVolumeSource()), make_pod(), LOOKUP)


def test_referenced_objects() -> None:
    pod = make_pod(
        _cm(),
        Volume(name="s", secret=SecretVolumeSource(secret_name="creds")),
        Volume(
            name="p",
            projected=ProjectedVolumeSource(
                sources=[
                    VolumeProjection(config_map=ConfigMapProjection(name="other")),
                    VolumeProjection(secret=SecretProjection(name="tls")),
                ]
            ),
        ),
    )
    refs = referenced_objects(pod)
    assert refs.config_maps == {"cfg", "other"} and refs.secrets == {"creds", "tls"}
