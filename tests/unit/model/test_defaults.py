import pytest

from podd.model.base import encode
from podd.model.container import Container, ContainerPort, ResourceRequirements
from podd.model.defaults import (
    default_namespace,
    default_pod,
    default_pull_policy,
    image_tag,
    pod_qos_class,
    prepare_pod_for_create,
    prepare_pod_status_update,
)
from podd.model.meta import ObjectMeta
from podd.model.namespace import Namespace
from podd.model.pod import Pod, PodSecurityContext, PodSpec
from podd.model.podstatus import PodStatus
from podd.model.probe import HTTPGetAction, Lifecycle, LifecycleHandler
from podd.model.volume import (
    ConfigMapVolumeSource,
    DownwardAPIVolumeSource,
    EmptyDirVolumeSource,
    HostPathVolumeSource,
    ProjectedVolumeSource,
    SecretVolumeSource,
    ServiceAccountTokenProjection,
    Volume,
    VolumeProjection,
)

from .seed import seed_pod


def test_pod_spec_defaults() -> None:
    pod = default_pod(seed_pod())
    spec = pod.spec
    assert spec.restart_policy == "Always"
    assert spec.termination_grace_period_seconds == 30
    assert spec.dns_policy == "ClusterFirst"
    assert spec.scheduler_name == "default-scheduler"
    assert spec.security_context == PodSecurityContext()
    assert spec.enable_service_links is True


def test_container_defaults() -> None:
    web, sidecar = default_pod(seed_pod()).spec.containers
    assert web.image_pull_policy == "IfNotPresent"  # nginx:1.25
    assert sidecar.image_pull_policy == "Always"  # busybox, no tag
    assert web.termination_message_path == "/dev/termination-log"
    assert web.termination_message_policy == "File"
    assert web.ports is not None and web.ports[0].protocol == "TCP"
    assert sidecar.env is not None
    assert sidecar.env[0].value_from.field_ref.api_version == "v1"  # type: ignore[union-attr]


def test_probe_defaults() -> None:
    web = default_pod(seed_pod()).spec.containers[0]
    ready, live, start = web.readiness_probe, web.liveness_probe, web.startup_probe
    assert ready is not None and live is not None and start is not None
    assert (ready.timeout_seconds, ready.period_seconds) == (1, 5)  # periodSeconds kept
    assert (ready.success_threshold, ready.failure_threshold) == (1, 3)
    assert ready.http_get is not None
    assert (ready.http_get.path, ready.http_get.scheme) == ("/", "HTTP")
    assert (live.period_seconds, live.initial_delay_seconds) == (10, 3)
    assert start.failure_threshold == 30


def test_lifecycle_http_get_defaults() -> None:
    pod = seed_pod()
    hook = LifecycleHandler(http_get=HTTPGetAction(port=80))
    pod.spec.containers[0].lifecycle = Lifecycle(pre_stop=hook)
    got = default_pod(pod).spec.containers[0].lifecycle
    assert got is not None and got.pre_stop is not None and got.pre_stop.http_get is not None
    assert (got.pre_stop.http_get.path, got.pre_stop.http_get.scheme) == ("/", "HTTP")


@pytest.mark.parametrize(
    ("image", "tag", "policy"),
    [
        ("busybox", "latest", "Always"),
        ("busybox:latest", "latest", "Always"),
        ("busybox:1.36", "1.36", "IfNotPresent"),
        ("localhost:5000/busybox", "latest", "Always"),
        ("localhost:5000/busybox:1", "1", "IfNotPresent"),
        ("busybox@sha256:" + "a" * 64, "", "IfNotPresent"),
        ("busybox:1@sha256:" + "a" * 64, "1", "IfNotPresent"),
        ("", "latest", "IfNotPresent"),
    ],
)
def test_pull_policy(image: str, tag: str, policy: str) -> None:
    if image:
        assert image_tag(image) == tag
    assert default_pull_policy(image or None) == policy


def test_volume_defaults() -> None:
    pod = seed_pod()
    pod.spec.volumes = [
        Volume(name="none"),
        Volume(name="cm", config_map=ConfigMapVolumeSource(name="c")),
        Volume(name="sec", secret=SecretVolumeSource(secret_name="s", default_mode=0o600)),
        Volume(name="dw", downward_api=DownwardAPIVolumeSource()),
        Volume(
            name="pr",
            projected=ProjectedVolumeSource(
                sources=[
                    VolumeProjection(service_account_token=ServiceAccountTokenProjection(path="t"))
                ]
            ),
        ),
        Volume(name="hp", host_path=HostPathVolumeSource(path="/srv")),
        Volume(name="data", empty_dir=EmptyDirVolumeSource(size_limit=1024)),
    ]
    vols = default_pod(pod).spec.volumes
    assert vols is not None
    none, cm, sec, dw, pr, hp, data = vols
    assert none.empty_dir == EmptyDirVolumeSource()
    assert cm.config_map is not None and cm.config_map.default_mode == 420
    assert sec.secret is not None and sec.secret.default_mode == 0o600
    assert dw.downward_api is not None and dw.downward_api.default_mode == 420
    assert pr.projected is not None and pr.projected.default_mode == 420
    token = pr.projected.sources[0].service_account_token  # type: ignore[index]
    assert token is not None and token.expiration_seconds == 3600
    assert hp.host_path is not None and hp.host_path.type == ""
    assert data.empty_dir is not None and data.empty_dir.size_limit == "1024"


def test_requests_default_to_limits_key_by_key() -> None:
    pod = Pod(
        spec=PodSpec(
            containers=[
                Container(
                    name="a",
                    image="x",
                    resources=ResourceRequirements(
                        limits={"cpu": "1", "memory": 1073741824}, requests={"cpu": "500m"}
                    ),
                )
            ]
        )
    )
    res = default_pod(pod).spec.containers[0].resources
    assert res is not None
    assert res.requests == {"cpu": "500m", "memory": "1073741824"}
    assert res.limits == {"cpu": "1", "memory": "1073741824"}


def test_host_network_host_ports() -> None:
    pod = Pod(
        spec=PodSpec(
            host_network=True,
            containers=[Container(name="a", image="x", ports=[ContainerPort(container_port=8080)])],
        )
    )
    ports = default_pod(pod).spec.containers[0].ports
    assert ports is not None and ports[0].host_port == 8080


def test_service_account_kept_in_step() -> None:
    pod = Pod(spec=PodSpec(service_account="builder", containers=[]))
    spec = default_pod(pod).spec
    assert (spec.service_account_name, spec.service_account) == ("builder", "builder")


def test_defaulting_is_pure_and_idempotent() -> None:
    pod = seed_pod()
    before = encode(pod)
    once = default_pod(pod)
    assert encode(pod) == before
    assert default_pod(once) == once
    pod.metadata.managed_fields = [{"manager": "kubectl"}]
    assert default_pod(pod).metadata.managed_fields is None


@pytest.mark.parametrize(
    ("resources", "qos"),
    [
        ([None, None], "BestEffort"),
        (
            [{"limits": {"cpu": "1", "memory": "1Gi"}}, {"limits": {"cpu": "2", "memory": "1Gi"}}],
            "Guaranteed",
        ),
        (
            [
                {
                    "limits": {"cpu": "1", "memory": "1Gi"},
                    "requests": {"cpu": "1000m", "memory": "1Gi"},
                },
                None,
            ],
            "Burstable",
        ),
        ([{"limits": {"cpu": "1"}}, {"limits": {"cpu": "1"}}], "Burstable"),
        ([{"requests": {"cpu": "0"}}, None], "BestEffort"),
        ([{"requests": {"ephemeral-storage": "1Gi"}}, None], "BestEffort"),
        (
            [
                {"limits": {"cpu": "1", "memory": "1Gi"}, "requests": {"cpu": "500m"}},
                {"limits": {"cpu": "1", "memory": "1Gi"}},
            ],
            "Burstable",
        ),
    ],
)
def test_qos_class(resources: list[dict | None], qos: str) -> None:
    pod = seed_pod()
    pod.spec.init_containers = None  # an init container without limits is never Guaranteed
    for ctr, res in zip(pod.spec.containers, resources, strict=True):
        ctr.resources = ResourceRequirements(**res) if res else None
    assert pod_qos_class(default_pod(pod)) == qos


def test_seed_is_burstable() -> None:
    assert pod_qos_class(default_pod(seed_pod())) == "Burstable"


def test_prepare_for_create() -> None:
    pod = default_pod(seed_pod())
    pod.status = PodStatus(phase="Running")  # a client cannot set status
    pod.metadata.deletion_timestamp = "2026-01-01T00:00:00Z"
    got = prepare_pod_for_create(pod, uid="u-1", now="2026-11-22T11:00:00Z", node_name="node1")
    assert got.metadata.uid == "u-1"
    assert got.metadata.creation_timestamp == "2026-11-22T11:00:00Z"
    assert got.metadata.generation == 1
    assert got.metadata.deletion_timestamp is None
    assert got.spec.node_name == "node1"
    assert got.status.phase == "Pending"
    assert got.status.qos_class == "Burstable"
    cond = got.status.condition("PodScheduled")
    assert cond is not None and cond.status == "True"
    assert pod.status.phase == "Running"  # the argument is untouched


def test_prepare_status_update_takes_only_status() -> None:
    old = prepare_pod_for_create(default_pod(seed_pod()), uid="u", now="2026-11-22T11:00:00Z")
    new = default_pod(seed_pod())
    new.spec.restart_policy = "Never"
    new.status = PodStatus(phase="Running", pod_ip="10.0.2.100")
    got = prepare_pod_status_update(old, new)
    assert got.spec == old.spec
    assert got.status.phase == "Running"
    assert got.metadata.uid == "u"


def test_namespace_defaults() -> None:
    ns = default_namespace(Namespace(metadata=ObjectMeta(name="prod")))
    assert ns.status.phase == "Active"
    assert ns.spec.finalizers == ["kubernetes"]
    assert ns.metadata.labels == {"kubernetes.io/metadata.name": "prod"}
