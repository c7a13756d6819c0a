"""Pod validation, table-driven: volumes, pod-level fields and rootless limits."""

from __future__ import annotations

import pytest

from podd.model.container import EphemeralContainer, ObjectFieldSelector
from podd.model.defaults import default_pod
from podd.model.field import CauseType
from podd.model.pod import (
    HostAlias,
    Pod,
    PodDNSConfig,
    PodOS,
    PodReadinessGate,
    PodSecurityContext,
    Sysctl,
    Toleration,
)
from podd.model.validation import ValidationOptions, validate_pod
from podd.model.volume import (
    ConfigMapVolumeSource,
    DownwardAPIVolumeFile,
    DownwardAPIVolumeSource,
    EmptyDirVolumeSource,
    HostPathVolumeSource,
    KeyToPath,
    PersistentVolumeClaimVolumeSource,
    ProjectedVolumeSource,
    SecretProjection,
    SecretVolumeSource,
    ServiceAccountTokenProjection,
    Volume,
    VolumeProjection,
)
from tests.unit.model.helpers import (
    DUP,
    FORB,
    INV,
    NS,
    REQ,
    Expected,
    Mutation,
    add_volume,
    causes_after,
    pairs,
    set_,
    web,
)
from tests.unit.model.seed import seed_pod

MAX_CONTAINERS = ValidationOptions().max_containers
TOO_MANY = CauseType.TOO_MANY

CASES: list[tuple[str, Mutation, Expected]] = [
    # -------------------------------------------------------------- volumes
    (
        "volume-duplicate",
        lambda p: add_volume(p, Volume(name="data", empty_dir=EmptyDirVolumeSource())),
        [(DUP, "spec.volumes[1].name")],
    ),
    (
        "volume-name",
        lambda p: add_volume(p, Volume(name="Cache", empty_dir=EmptyDirVolumeSource())),
        [(INV, "spec.volumes[1].name")],
    ),
    (
        "volume-name-missing",
        lambda p: add_volume(p, Volume(empty_dir=EmptyDirVolumeSource())),
        [(REQ, "spec.volumes[1].name")],
    ),
    (
        "volume-two-sources",
        lambda p: set_(p.spec.volumes[0], host_path=HostPathVolumeSource(path="/srv")),
        [(FORB, "spec.volumes[0].emptyDir")],
    ),
    (
        "hostpath-relative",
        lambda p: add_volume(p, Volume(name="h", host_path=HostPathVolumeSource(path="srv"))),
        [(INV, "spec.volumes[1].hostPath.path")],
    ),
    (
        "hostpath-dotdot",
        lambda p: add_volume(
            p, Volume(name="h", host_path=HostPathVolumeSource(path="/srv/../etc"))
        ),
        [(INV, "spec.volumes[1].hostPath.path")],
    ),
    (
        "hostpath-type",
        lambda p: add_volume(
            p, Volume(name="h", host_path=HostPathVolumeSource(path="/srv", type="Dir"))
        ),
        [(NS, "spec.volumes[1].hostPath.type")],
    ),
    (
        "hostpath-ok",
        lambda p: add_volume(
            p,
            Volume(name="h", host_path=HostPathVolumeSource(path="/srv", type="DirectoryOrCreate")),
        ),
        [],
    ),
    (
        "emptydir-size-negative",
        lambda p: set_(p.spec.volumes[0].empty_dir, size_limit="-1Mi"),
        [(FORB, "spec.volumes[0].emptyDir.sizeLimit")],
    ),
    (
        "emptydir-size-syntax",
        lambda p: set_(p.spec.volumes[0].empty_dir, size_limit="lots"),
        [(INV, "spec.volumes[0].emptyDir.sizeLimit")],
    ),
    (
        "emptydir-medium",
        lambda p: set_(p.spec.volumes[0].empty_dir, medium="Disk"),
        [(NS, "spec.volumes[0].emptyDir.medium")],
    ),
    (
        "configmap-name",
        lambda p: add_volume(p, Volume(name="c", config_map=ConfigMapVolumeSource())),
        [(REQ, "spec.volumes[1].configMap.name")],
    ),
    (
        "configmap-item-path",
        lambda p: add_volume(
            p,
            Volume(
                name="c",
                config_map=ConfigMapVolumeSource(
                    name="cm", items=[KeyToPath(key="k", path="../x")]
                ),
            ),
        ),
        [
            (INV, "spec.volumes[1].configMap.items[0].path"),
            (INV, "spec.volumes[1].configMap.items[0].path"),
        ],
    ),
    (
        "secret-name",
        lambda p: add_volume(p, Volume(name="s", secret=SecretVolumeSource())),
        [(REQ, "spec.volumes[1].secret.secretName")],
    ),
    (
        "secret-mode",
        lambda p: add_volume(
            p, Volume(name="s", secret=SecretVolumeSource(secret_name="s", default_mode=0o1000))
        ),
        [(INV, "spec.volumes[1].secret.defaultMode")],
    ),
    (
        "downward-empty-item",
        lambda p: add_volume(
            p,
            Volume(
                name="d",
                downward_api=DownwardAPIVolumeSource(items=[DownwardAPIVolumeFile(path="x")]),
            ),
        ),
        [(REQ, "spec.volumes[1].downwardAPI.items[0]")],
    ),
    (
        "downward-labels",
        lambda p: add_volume(
            p,
            Volume(
                name="d",
                downward_api=DownwardAPIVolumeSource(
                    items=[
                        DownwardAPIVolumeFile(
                            path="labels",
                            field_ref=ObjectFieldSelector(field_path="metadata.labels"),
                        )
                    ]
                ),
            ),
        ),
        [],
    ),
    (
        "projected-token-short",
        lambda p: add_volume(
            p,
            Volume(
                name="t",
                projected=ProjectedVolumeSource(
                    sources=[
                        VolumeProjection(
                            service_account_token=ServiceAccountTokenProjection(
                                path="token", expiration_seconds=60
                            )
                        )
                    ]
                ),
            ),
        ),
        [(INV, "spec.volumes[1].projected.sources[0].serviceAccountToken.expirationSeconds")],
    ),
    (
        "projected-two-sources",
        lambda p: add_volume(
            p,
            Volume(
                name="t",
                projected=ProjectedVolumeSource(
                    sources=[
                        VolumeProjection(
                            secret=SecretProjection(name="s"),
                            service_account_token=ServiceAccountTokenProjection(path="token"),
                        )
                    ]
                ),
            ),
        ),
        [(FORB, "spec.volumes[1].projected.sources[0]")],
    ),
    (
        "pvc-claim",
        lambda p: add_volume(
            p, Volume(name="v", persistent_volume_claim=PersistentVolumeClaimVolumeSource())
        ),
        [(REQ, "spec.volumes[1].persistentVolumeClaim.claimName")],
    ),
    # ------------------------------------------------------------- pod spec
    (
        "restart-policy",
        lambda p: set_(p.spec, restart_policy="Sometimes"),
        [(NS, "spec.restartPolicy")],
    ),
    ("dns-policy", lambda p: set_(p.spec, dns_policy="Google"), [(NS, "spec.dnsPolicy")]),
    ("dns-none-no-config", lambda p: set_(p.spec, dns_policy="None"), [(REQ, "spec.dnsConfig")]),
    (
        "dns-none-with-config",
        lambda p: set_(
            p.spec,
            dns_policy="None",
            dns_config=PodDNSConfig(nameservers=["1.1.1.1"], searches=["example.com."]),
        ),
        [],
    ),
    (
        "dns-nameservers",
        lambda p: set_(p.spec, dns_config=PodDNSConfig(nameservers=["1.1.1.1"] * 4)),
        [(INV, "spec.dnsConfig.nameservers")],
    ),
    (
        "dns-nameserver-ip",
        lambda p: set_(p.spec, dns_config=PodDNSConfig(nameservers=["dns.example"])),
        [(INV, "spec.dnsConfig.nameservers[0]")],
    ),
    (
        "deadline-zero",
        lambda p: set_(p.spec, active_deadline_seconds=0),
        [(INV, "spec.activeDeadlineSeconds")],
    ),
    (
        "grace-negative",
        lambda p: set_(p.spec, termination_grace_period_seconds=-1),
        [(INV, "spec.terminationGracePeriodSeconds")],
    ),
    ("hostname", lambda p: set_(p.spec, hostname="Host_1"), [(INV, "spec.hostname")]),
    ("subdomain", lambda p: set_(p.spec, subdomain="a.b"), [(INV, "spec.subdomain")]),
    (
        "service-account",
        lambda p: set_(p.spec, service_account_name="Default"),
        [(INV, "spec.serviceAccountName")],
    ),
    (
        "node-selector",
        lambda p: set_(p.spec, node_selector={"disk": "fast ssd"}),
        [(INV, "spec.nodeSelector")],
    ),
    (
        "host-alias-ip",
        lambda p: set_(p.spec, host_aliases=[HostAlias(ip="nope", hostnames=["a"])]),
        [(INV, "spec.hostAliases[0].ip")],
    ),
    (
        "host-alias-ok",
        lambda p: set_(
            p.spec, host_aliases=[HostAlias(ip="127.0.0.1", hostnames=["foo.local", "bar"])]
        ),
        [],
    ),
    (
        "readiness-gate",
        lambda p: set_(p.spec, readiness_gates=[PodReadinessGate(condition_type="bad gate")]),
        [(INV, "spec.readinessGates[0].conditionType")],
    ),
    (
        "tolerations",
        lambda p: set_(p.spec, tolerations=[Toleration(key="k", operator="Exists", value="v")]),
        [(INV, "spec.tolerations[0].operator")],
    ),
    (
        "sysctl-name",
        lambda p: set_(
            p.spec, security_context=PodSecurityContext(sysctls=[Sysctl(name="Net.Foo", value="1")])
        ),
        [(INV, "spec.securityContext.sysctls[0].name")],
    ),
    (
        "sysctl-duplicate",
        lambda p: set_(
            p.spec,
            security_context=PodSecurityContext(
                sysctls=[Sysctl(name="net.ipv4.ip_forward", value="1")] * 2
            ),
        ),
        [(DUP, "spec.securityContext.sysctls[1].name")],
    ),
    (
        "fs-group",
        lambda p: set_(p.spec, security_context=PodSecurityContext(fs_group=-5)),
        [(INV, "spec.securityContext.fsGroup")],
    ),
    ("os-windows", lambda p: set_(p.spec, os=PodOS(name="windows")), [(FORB, "spec.os.name")]),
    (
        "ephemeral-on-create",
        lambda p: set_(
            p.spec, ephemeral_containers=[EphemeralContainer(name="dbg", image="busybox")]
        ),
        [(FORB, "spec.ephemeralContainers")],
    ),
    # ---------------------------------------------------------- rootless limits
    (
        "host-pid",
        lambda p: set_(p.spec, host_pid=True, share_process_namespace=False),
        [(FORB, "spec.hostPID")],
    ),
    (
        "host-pid-and-share",
        lambda p: set_(p.spec, host_pid=True),
        [(INV, "spec.shareProcessNamespace"), (FORB, "spec.hostPID")],
    ),
    ("host-ipc", lambda p: set_(p.spec, host_ipc=True), [(FORB, "spec.hostIPC")]),
    (
        "host-network-mismatch",
        lambda p: set_(p.spec, host_network=True),
        [(INV, "spec.containers[0].ports[0].containerPort")],
    ),
    (
        "host-network-low-port",
        lambda p: (set_(p.spec, host_network=True), set_(web(p).ports[0], host_port=None)),
        [(FORB, "spec.containers[0].ports[0].hostPort")],
    ),
    (
        "host-network-high-port",
        lambda p: (set_(p.spec, host_network=True), set_(web(p).ports[0], container_port=8080)),
        [],
    ),
    (
        "host-port-low",
        lambda p: set_(web(p).ports[0], host_port=443),
        [(FORB, "spec.containers[0].ports[0].hostPort")],
    ),
]


@pytest.mark.parametrize(("mutate", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_validate_pod(mutate: Mutation, expected: Expected) -> None:
    assert sorted(pairs(causes_after(mutate))) == sorted(expected)


def test_volume_without_source() -> None:
    def add(p: Pod) -> None:
        add_volume(p, Volume(name="scratch"))

    assert pairs(causes_after(add, defaults=False)) == [(REQ, "spec.volumes[1]")]
    assert causes_after(add, defaults=True) == []  # defaulting makes it an emptyDir


def test_low_ports_allowed_when_the_host_allows_them() -> None:
    def low(p: Pod) -> None:
        web(p).ports[0].host_port = 80

    assert causes_after(low, unprivileged_port_start=0) == []
    assert causes_after(low, rootless=False) == []
    assert causes_after(lambda p: set_(p.spec, host_ipc=True), rootless=False) == []


# ------------------------------------------------------- containers per pod


def _more(wire: str, n: int) -> Mutation:
    """``n`` more valid containers in the list ``wire`` (copies of its first, or of web)."""

    def grow(p: Pod) -> None:
        ctrs = list(getattr(p.spec, wire) or [])
        base = ctrs[0] if ctrs else web(p)
        typ = EphemeralContainer if wire == "ephemeral_containers" else type(base)
        fields = {k: getattr(base, k) for k in base.__struct_fields__}
        for i in range(n):
            ctrs.append(typ(**{**fields, "name": f"{wire[:4]}-{i}", "ports": None}))
        setattr(p.spec, wire, ctrs)

    return grow


def test_containers_up_to_the_cap_are_valid() -> None:
    assert MAX_CONTAINERS == 64  # seed: 2 containers and 1 init container
    assert causes_after(_more("containers", MAX_CONTAINERS - 3)) == []


@pytest.mark.parametrize(
    ("wire", "count", "field", "total"),
    [
        ("containers", 5000, "spec.containers", 5002),  # counted up to the list crossing it
        ("init_containers", MAX_CONTAINERS - 2, "spec.initContainers", MAX_CONTAINERS + 1),
    ],
)
def test_too_many_containers_is_one_cause_naming_the_cap(
    wire: str, count: int, field: str, total: int
) -> None:
    causes = causes_after(_more(wire, count))
    assert pairs(causes) == [(TOO_MANY, field)]
    assert causes[0].message == (
        f"Too many: {total}: must have at most {MAX_CONTAINERS} items "
        "(containers, initContainers and ephemeralContainers together)"
    )


def test_ephemeral_containers_count_on_update() -> None:
    pod = default_pod(seed_pod())
    _more("containers", MAX_CONTAINERS - 3)(pod)
    _more("ephemeral_containers", 1)(pod)
    causes = validate_pod(pod, for_update=True)
    assert pairs(causes) == [(TOO_MANY, "spec.ephemeralContainers")]


def test_the_cap_is_an_option() -> None:
    causes = causes_after(lambda p: None, max_containers=2)
    assert pairs(causes) == [(TOO_MANY, "spec.initContainers")]
