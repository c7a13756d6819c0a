"""Pod validation, table-driven: metadata and containers (one change to the seed pod per case)."""

from __future__ import annotations

import pytest

from podd.model.container import (
    Capabilities,
    ConfigMapKeySelector,
    ContainerPort,
    EnvFromSource,
    EnvVar,
    EnvVarSource,
    ResourceFieldSelector,
    SeccompProfile,
    SecurityContext,
    VolumeMount,
)
from podd.model.defaults import default_pod
from podd.model.pod import Pod
from podd.model.probe import (
    ExecAction,
    GRPCAction,
    Lifecycle,
    LifecycleHandler,
    Probe,
    SleepAction,
    TCPSocketAction,
)
from podd.model.quantity import ERR_FORMAT
from podd.model.status import invalid
from podd.model.validation import validate_pod
from podd.model.volume import SecretVolumeSource, Volume
from tests.unit.model.helpers import (
    DNS_LABEL_MSG,
    DNS_SUBDOMAIN_MSG,
    DUP,
    FORB,
    INV,
    NF,
    NS,
    REQ,
    TL,
    Expected,
    Mutation,
    add_volume,
    causes_after,
    init,
    pairs,
    set_,
    sidecar,
    web,
)
from tests.unit.model.seed import seed_pod

CASES: list[tuple[str, Mutation, Expected]] = [
    # ------------------------------------------------------------- metadata
    ("name-invalid", lambda p: set_(p.metadata, name="Web_1"), [(INV, "metadata.name")]),
    ("name-too-long", lambda p: set_(p.metadata, name="a" * 254), [(INV, "metadata.name")]),
    ("name-missing", lambda p: set_(p.metadata, name=None), [(REQ, "metadata.name")]),
    (
        "generate-name-only",
        lambda p: set_(p.metadata, name=None, generate_name="web-"),
        [],
    ),
    (
        "generate-name-invalid",
        lambda p: set_(p.metadata, name=None, generate_name="Web-"),
        [(INV, "metadata.generateName")],
    ),
    (
        "namespace-missing",
        lambda p: set_(p.metadata, namespace=None),
        [(REQ, "metadata.namespace")],
    ),
    (
        "namespace-invalid",
        lambda p: set_(p.metadata, namespace="Prod"),
        [(INV, "metadata.namespace")],
    ),
    ("label-key", lambda p: set_(p.metadata, labels={"-bad": "x"}), [(INV, "metadata.labels")]),
    ("label-value", lambda p: set_(p.metadata, labels={"app": "a b"}), [(INV, "metadata.labels")]),
    (
        "label-value-long",
        lambda p: set_(p.metadata, labels={"a": "x" * 64}),
        [(INV, "metadata.labels")],
    ),
    (
        "label-prefix",
        lambda p: set_(p.metadata, labels={"Example.com/x": "y"}),
        [(INV, "metadata.labels")],
    ),
    ("label-prefixed-ok", lambda p: set_(p.metadata, labels={"example.com/x": "Y_1.z"}), []),
    (
        "annotation-key",
        lambda p: set_(p.metadata, annotations={"a b": "x"}),
        [(INV, "metadata.annotations")],
    ),
    (
        "annotations-too-large",
        lambda p: set_(p.metadata, annotations={"a": "x" * (256 * 1024)}),
        [(TL, "metadata.annotations")],
    ),
    (
        "annotations-at-limit",
        lambda p: set_(p.metadata, annotations={"a": "x" * (256 * 1024 - 1)}),
        [],
    ),
    # ----------------------------------------------------------- containers
    ("no-containers", lambda p: set_(p.spec, containers=[]), [(REQ, "spec.containers")]),
    (
        "container-name-invalid",
        lambda p: set_(web(p), name="Web"),
        [(INV, "spec.containers[0].name")],
    ),
    ("container-name-missing", lambda p: set_(web(p), name=""), [(REQ, "spec.containers[0].name")]),
    (
        "container-name-duplicate",
        lambda p: set_(sidecar(p), name="web"),
        [(DUP, "spec.containers[1].name")],
    ),
    (
        "init-name-duplicate",
        lambda p: set_(init(p), name="sidecar"),
        [(DUP, "spec.initContainers[0].name")],
    ),
    ("image-missing", lambda p: set_(web(p), image=None), [(REQ, "spec.containers[0].image")]),
    (
        "image-whitespace",
        lambda p: set_(web(p), image=" nginx"),
        [(INV, "spec.containers[0].image")],
    ),
    (
        "pull-policy",
        lambda p: set_(web(p), image_pull_policy="Sometimes"),
        [(NS, "spec.containers[0].imagePullPolicy")],
    ),
    (
        "term-msg-policy",
        lambda p: set_(web(p), termination_message_policy="X"),
        [(NS, "spec.containers[0].terminationMessagePolicy")],
    ),
    # ports
    (
        "port-missing",
        lambda p: set_(web(p).ports[0], container_port=0),
        [(REQ, "spec.containers[0].ports[0].containerPort")],
    ),
    (
        "port-range",
        lambda p: set_(web(p).ports[0], container_port=70000),
        [(INV, "spec.containers[0].ports[0].containerPort")],
    ),
    (
        "host-port-range",
        lambda p: set_(web(p).ports[0], host_port=70000),
        [(INV, "spec.containers[0].ports[0].hostPort")],
    ),
    ("host-port-unset", lambda p: set_(web(p).ports[0], host_port=0), []),
    (
        "protocol",
        lambda p: set_(web(p).ports[0], protocol="HTTP"),
        [(NS, "spec.containers[0].ports[0].protocol")],
    ),
    ("protocol-udp", lambda p: set_(web(p).ports[0], protocol="UDP"), []),
    (
        "port-name-upper",  # two problems: the charset, and no lowercase letter
        lambda p: set_(web(p).ports[0], name="HTTP"),
        [(INV, "spec.containers[0].ports[0].name")] * 2,
    ),
    (
        "port-name-digits",
        lambda p: set_(web(p).ports[0], name="8080"),
        [(INV, "spec.containers[0].ports[0].name")],
    ),
    (
        "port-name-long",
        lambda p: set_(web(p).ports[0], name="a" * 16),
        [(INV, "spec.containers[0].ports[0].name")],
    ),
    (
        "port-name-duplicate",
        lambda p: web(p).ports.append(ContainerPort(name="http", container_port=81)),
        [(DUP, "spec.containers[0].ports[1].name")],
    ),
    (
        "host-port-duplicate",
        lambda p: set_(sidecar(p), ports=[ContainerPort(container_port=9000, host_port=8080)]),
        [(DUP, "spec.containers[1].ports[0].hostPort")],
    ),
    (
        "host-port-other-protocol",
        lambda p: set_(
            sidecar(p), ports=[ContainerPort(container_port=9000, host_port=8080, protocol="UDP")]
        ),
        [],
    ),
    (
        "host-ip",
        lambda p: set_(web(p).ports[0], host_ip="nope"),
        [(INV, "spec.containers[0].ports[0].hostIP")],
    ),
    # mounts
    (
        "mount-undeclared",
        lambda p: set_(web(p).volume_mounts[0], name="missing"),
        [(NF, "spec.containers[0].volumeMounts[0].name")],
    ),
    (
        "mount-relative",
        lambda p: set_(web(p).volume_mounts[0], mount_path="html"),
        [(INV, "spec.containers[0].volumeMounts[0].mountPath")],
    ),
    (
        "mount-path-missing",
        lambda p: set_(web(p).volume_mounts[0], mount_path=""),
        [(REQ, "spec.containers[0].volumeMounts[0].mountPath")],
    ),
    (
        "mount-duplicate-path",
        lambda p: sidecar(p).volume_mounts.append(VolumeMount(name="data", mount_path="/data")),
        [(INV, "spec.containers[1].volumeMounts[1].mountPath")],
    ),
    (
        "subpath-dotdot",
        lambda p: set_(web(p).volume_mounts[0], sub_path="a/../b"),
        [(INV, "spec.containers[0].volumeMounts[0].subPath")],
    ),
    (
        "subpath-absolute",
        lambda p: set_(web(p).volume_mounts[0], sub_path="/a"),
        [(INV, "spec.containers[0].volumeMounts[0].subPath")],
    ),
    (
        "subpath-and-expr",
        lambda p: set_(web(p).volume_mounts[0], sub_path="a", sub_path_expr="$(POD)"),
        [(INV, "spec.containers[0].volumeMounts[0].subPathExpr")],
    ),
    (
        "propagation-unknown",
        lambda p: set_(web(p).volume_mounts[0], mount_propagation="Shared"),
        [(NS, "spec.containers[0].volumeMounts[0].mountPropagation")],
    ),
    (
        "propagation-bidirectional",
        lambda p: set_(web(p).volume_mounts[0], mount_propagation="Bidirectional"),
        [(FORB, "spec.containers[0].volumeMounts[0].mountPropagation")],
    ),
    (
        "propagation-h2c",
        lambda p: set_(web(p).volume_mounts[0], mount_propagation="HostToContainer"),
        [],
    ),
    # env
    (
        "env-name-equals",
        lambda p: set_(sidecar(p).env[0], name="A=B"),
        [(INV, "spec.containers[1].env[0].name")],
    ),
    ("env-name-relaxed", lambda p: set_(sidecar(p).env[0], name="1-my.var:x"), []),
    (
        "env-name-missing",
        lambda p: set_(sidecar(p).env[0], name=""),
        [(REQ, "spec.containers[1].env[0].name")],
    ),
    (
        "env-value-and-from",
        lambda p: set_(sidecar(p).env[0], value="x"),
        [(INV, "spec.containers[1].env[0].valueFrom")],
    ),
    (
        "env-from-empty",
        lambda p: set_(sidecar(p).env[0], value_from=EnvVarSource()),
        [(INV, "spec.containers[1].env[0].valueFrom")],
    ),
    (
        "env-two-sources",
        lambda p: set_(
            sidecar(p).env[0].value_from,
            config_map_key_ref=ConfigMapKeySelector(name="cm", key="k"),
        ),
        [(INV, "spec.containers[1].env[0].valueFrom")],
    ),
    (
        "env-field-path",
        lambda p: set_(sidecar(p).env[0].value_from.field_ref, field_path="spec.foo"),
        [(NS, "spec.containers[1].env[0].valueFrom.fieldRef.fieldPath")],
    ),
    (
        "env-field-label",
        lambda p: set_(sidecar(p).env[0].value_from.field_ref, field_path="metadata.labels['app']"),
        [],
    ),
    (
        "env-field-version",
        lambda p: set_(sidecar(p).env[0].value_from.field_ref, api_version="v2"),
        [(INV, "spec.containers[1].env[0].valueFrom.fieldRef.fieldPath")],
    ),
    (
        "env-resource-field",
        lambda p: set_(
            sidecar(p),
            env=[
                EnvVar(
                    name="X",
                    value_from=EnvVarSource(
                        resource_field_ref=ResourceFieldSelector(resource="limits.gpu")
                    ),
                )
            ],
        ),
        [(NS, "spec.containers[1].env[0].valueFrom.resourceFieldRef.resource")],
    ),
    (
        "env-resource-divisor",
        lambda p: set_(
            sidecar(p),
            env=[
                EnvVar(
                    name="X",
                    value_from=EnvVarSource(
                        resource_field_ref=ResourceFieldSelector(
                            resource="limits.cpu", divisor="1Mi"
                        )
                    ),
                )
            ],
        ),
        [(INV, "spec.containers[1].env[0].valueFrom.resourceFieldRef.divisor")],
    ),
    (
        "env-configmap-key",
        lambda p: set_(
            sidecar(p),
            env=[
                EnvVar(
                    name="X",
                    value_from=EnvVarSource(config_map_key_ref=ConfigMapKeySelector(name="cm")),
                )
            ],
        ),
        [(REQ, "spec.containers[1].env[0].valueFrom.configMapKeyRef.key")],
    ),
    (
        "env-from-none",
        lambda p: set_(sidecar(p), env_from=[EnvFromSource(prefix="P_")]),
        [(INV, "spec.containers[1].envFrom")],
    ),
    # resources
    (
        "quantity-syntax",
        lambda p: web(p).resources.limits.update(memory="1Kb"),
        [(INV, "spec.containers[0].resources.limits[memory]")],
    ),
    (
        "quantity-negative",
        lambda p: web(p).resources.requests.update(cpu="-1"),
        [(INV, "spec.containers[0].resources.requests[cpu]")],
    ),
    (
        "request-over-limit",
        lambda p: web(p).resources.requests.update(cpu="2"),
        [(INV, "spec.containers[0].resources.requests")],
    ),
    ("request-equal-limit", lambda p: web(p).resources.requests.update(memory="0.5Gi"), []),
    (
        "resource-name",  # the limit is copied to requests by defaulting: reported twice
        lambda p: web(p).resources.limits.update(gpu="1"),
        [
            (INV, "spec.containers[0].resources.limits[gpu]"),
            (INV, "spec.containers[0].resources.requests[gpu]"),
        ],
    ),
    ("hugepages", lambda p: web(p).resources.limits.update({"hugepages-2Mi": "2Mi"}), []),
    (
        "extended-needs-limit",
        lambda p: web(p).resources.requests.update({"example.com/gpu": "1"}),
        [(REQ, "spec.containers[0].resources.limits")],
    ),
    # probes
    (
        "probe-two-handlers",
        lambda p: set_(web(p).readiness_probe, exec=ExecAction(command=["true"])),
        [(FORB, "spec.containers[0].readinessProbe.httpGet")],
    ),
    (
        "probe-no-handler",
        lambda p: set_(web(p), liveness_probe=Probe(period_seconds=3)),
        [(REQ, "spec.containers[0].livenessProbe")],
    ),
    (
        "liveness-success",
        lambda p: set_(web(p).liveness_probe, success_threshold=2),
        [(INV, "spec.containers[0].livenessProbe.successThreshold")],
    ),
    (
        "startup-success",
        lambda p: set_(web(p).startup_probe, success_threshold=2),
        [(INV, "spec.containers[0].startupProbe.successThreshold")],
    ),
    ("readiness-success", lambda p: set_(web(p).readiness_probe, success_threshold=2), []),
    (
        "probe-negative",
        lambda p: set_(web(p).readiness_probe, period_seconds=-1),
        [(INV, "spec.containers[0].readinessProbe.periodSeconds")],
    ),
    (
        "readiness-grace",
        lambda p: set_(web(p).readiness_probe, termination_grace_period_seconds=5),
        [(INV, "spec.containers[0].readinessProbe.terminationGracePeriodSeconds")],
    ),
    (
        "liveness-grace",
        lambda p: set_(web(p).liveness_probe, termination_grace_period_seconds=0),
        [(INV, "spec.containers[0].livenessProbe.terminationGracePeriodSeconds")],
    ),
    (
        "http-port-zero",
        lambda p: set_(web(p).readiness_probe.http_get, port=0),
        [(INV, "spec.containers[0].readinessProbe.httpGet.port")],
    ),
    (
        "http-port-name",
        lambda p: set_(web(p).readiness_probe.http_get, port="-http"),
        [(INV, "spec.containers[0].readinessProbe.httpGet.port")],
    ),
    (
        "http-scheme",
        lambda p: set_(web(p).readiness_probe.http_get, scheme="FTP"),
        [(NS, "spec.containers[0].readinessProbe.httpGet.scheme")],
    ),
    (
        "tcp-port",
        lambda p: set_(web(p).liveness_probe.tcp_socket, port=65536),
        [(INV, "spec.containers[0].livenessProbe.tcpSocket.port")],
    ),
    (
        "exec-command",
        lambda p: set_(web(p).startup_probe.exec, command=[]),
        [(REQ, "spec.containers[0].startupProbe.exec.command")],
    ),
    (
        "grpc-port",
        lambda p: set_(web(p), liveness_probe=Probe(grpc=GRPCAction(port=70000))),
        [(INV, "spec.containers[0].livenessProbe.grpc.port")],
    ),
    # lifecycle
    (
        "prestop-sleep-too-long",
        lambda p: set_(
            web(p), lifecycle=Lifecycle(pre_stop=LifecycleHandler(sleep=SleepAction(seconds=100)))
        ),
        [(INV, "spec.containers[0].lifecycle.preStop.sleep.seconds")],
    ),
    (
        "prestop-sleep",
        lambda p: set_(
            web(p), lifecycle=Lifecycle(pre_stop=LifecycleHandler(sleep=SleepAction(seconds=5)))
        ),
        [],
    ),
    (
        "poststart-empty",
        lambda p: set_(web(p), lifecycle=Lifecycle(post_start=LifecycleHandler())),
        [(REQ, "spec.containers[0].lifecycle.postStart")],
    ),
    (
        "stop-signal",
        lambda p: set_(web(p), lifecycle=Lifecycle(stop_signal="SIGFOO")),
        [(INV, "spec.containers[0].lifecycle.stopSignal")],
    ),
    # init containers and sidecars
    (
        "init-probe",
        lambda p: set_(init(p), liveness_probe=Probe(tcp_socket=TCPSocketAction(port=80))),
        [(FORB, "spec.initContainers[0].livenessProbe")],
    ),
    (
        "init-lifecycle",
        lambda p: set_(
            init(p), lifecycle=Lifecycle(pre_stop=LifecycleHandler(exec=ExecAction(command=["x"])))
        ),
        [(FORB, "spec.initContainers[0].lifecycle")],
    ),
    (
        "sidecar-probes",
        lambda p: set_(
            init(p),
            restart_policy="Always",
            readiness_probe=Probe(exec=ExecAction(command=["true"])),
        ),
        [],
    ),
    (
        "init-restart-policy",
        lambda p: set_(init(p), restart_policy="OnFailure"),
        [(NS, "spec.initContainers[0].restartPolicy")],
    ),
    (
        "app-restart-policy",
        lambda p: set_(web(p), restart_policy="Always"),
        [(FORB, "spec.containers[0].restartPolicy")],
    ),
    # security context
    (
        "privileged",
        lambda p: set_(web(p), security_context=SecurityContext(privileged=True)),
        [(FORB, "spec.containers[0].securityContext.privileged")],
    ),
    (
        "run-as-user",
        lambda p: set_(web(p), security_context=SecurityContext(run_as_user=-1)),
        [(INV, "spec.containers[0].securityContext.runAsUser")],
    ),
    (
        "no-escalation-sys-admin",
        lambda p: set_(
            web(p),
            security_context=SecurityContext(
                allow_privilege_escalation=False, capabilities=Capabilities(add=["CAP_SYS_ADMIN"])
            ),
        ),
        [(INV, "spec.containers[0].securityContext")],
    ),
    (
        "seccomp-localhost",
        lambda p: set_(
            web(p),
            security_context=SecurityContext(seccomp_profile=SeccompProfile(type="Localhost")),
        ),
        [(REQ, "spec.containers[0].securityContext.seccompProfile.localhostProfile")],
    ),
    (
        "seccomp-type",
        lambda p: set_(
            web(p), security_context=SecurityContext(seccomp_profile=SeccompProfile(type="Strict"))
        ),
        [(NS, "spec.containers[0].securityContext.seccompProfile.type")],
    ),
    (
        "proc-mount",
        lambda p: set_(web(p), security_context=SecurityContext(proc_mount="Weird")),
        [(NS, "spec.containers[0].securityContext.procMount")],
    ),
    (
        "security-ok",
        lambda p: set_(
            web(p),
            security_context=SecurityContext(
                run_as_user=1000,
                run_as_non_root=True,
                read_only_root_filesystem=True,
                capabilities=Capabilities(drop=["ALL"]),
                seccomp_profile=SeccompProfile(type="RuntimeDefault"),
            ),
        ),
        [],
    ),
]


@pytest.mark.parametrize(("mutate", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_validate_pod(mutate: Mutation, expected: Expected) -> None:
    assert sorted(pairs(causes_after(mutate))) == sorted(expected)


def test_seed_is_valid_with_and_without_defaults() -> None:
    assert validate_pod(seed_pod()) == []
    assert validate_pod(default_pod(seed_pod())) == []


def message_of(mutate: Mutation, field: str) -> str:
    for cause in causes_after(mutate):
        if cause.field == field:
            return cause.message or ""
    raise AssertionError(f"no cause at {field}")


@pytest.mark.parametrize(
    ("mutate", "field", "message"),
    [
        (
            lambda p: set_(web(p), name="A"),
            "spec.containers[0].name",
            f'Invalid value: "A": {DNS_LABEL_MSG}',
        ),
        (
            lambda p: set_(p.metadata, name="Web_1"),
            "metadata.name",
            f'Invalid value: "Web_1": {DNS_SUBDOMAIN_MSG}',
        ),
        (
            lambda p: set_(p.metadata, name="a" * 254),
            "metadata.name",
            f'Invalid value: "{"a" * 254}": must be no more than 253 characters',
        ),
        (
            lambda p: set_(p.metadata, name=None),
            "metadata.name",
            "Required value: name or generateName is required",
        ),
        (
            lambda p: set_(sidecar(p), name="web"),
            "spec.containers[1].name",
            'Duplicate value: "web"',
        ),
        (
            lambda p: set_(web(p).volume_mounts[0], name="cache"),
            "spec.containers[0].volumeMounts[0].name",
            'Not found: "cache"',
        ),
        (
            lambda p: set_(web(p).ports[0], container_port=70000),
            "spec.containers[0].ports[0].containerPort",
            "Invalid value: 70000: must be between 1 and 65535, inclusive",
        ),
        (
            lambda p: set_(web(p).ports[0], protocol="HTTP"),
            "spec.containers[0].ports[0].protocol",
            'Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
        ),
        (
            lambda p: set_(web(p).ports[0], name="HTTP"),
            "spec.containers[0].ports[0].name",
            'Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), '
            "and hyphens (-)",
        ),
        (
            lambda p: set_(web(p).ports[0], name="8080"),
            "spec.containers[0].ports[0].name",
            'Invalid value: "8080": must contain at least one letter (a-z)',
        ),
        (
            lambda p: set_(web(p).volume_mounts[0], mount_path="html"),
            "spec.containers[0].volumeMounts[0].mountPath",
            'Invalid value: "html": must be an absolute path',
        ),
        (
            lambda p: web(p).resources.requests.update(cpu="2"),
            "spec.containers[0].resources.requests",
            'Invalid value: "2": must be less than or equal to cpu limit of 1',
        ),
        (
            lambda p: web(p).resources.limits.update(memory="1Kb"),
            "spec.containers[0].resources.limits[memory]",
            f'Invalid value: "1Kb": {ERR_FORMAT}',
        ),
        (
            lambda p: set_(web(p), liveness_probe=Probe()),
            "spec.containers[0].livenessProbe",
            "Required value: must specify a handler type",
        ),
        (
            lambda p: set_(web(p).readiness_probe, exec=ExecAction(command=["true"])),
            "spec.containers[0].readinessProbe.httpGet",
            "Forbidden: may not specify more than 1 handler type",
        ),
        (
            lambda p: set_(web(p).liveness_probe, success_threshold=3),
            "spec.containers[0].livenessProbe.successThreshold",
            "Invalid value: 3: must be 1",
        ),
        (
            lambda p: set_(web(p), security_context=SecurityContext(privileged=True)),
            "spec.containers[0].securityContext.privileged",
            "Forbidden: privileged containers are not supported by rootless podd",
        ),
        (
            lambda p: set_(init(p), restart_policy="Never"),
            "spec.initContainers[0].restartPolicy",
            'Unsupported value: "Never": supported values: "Always"',
        ),
        (
            lambda p: set_(p.spec, host_network=True),
            "spec.containers[0].ports[0].containerPort",
            "Invalid value: 80: must match `hostPort` when `hostNetwork` is true",
        ),
        (
            lambda p: set_(web(p).ports[0], host_port=443),
            "spec.containers[0].ports[0].hostPort",
            "Forbidden: rootless podd cannot bind host port 443: ports below 1024 need "
            "privileges (net.ipv4.ip_unprivileged_port_start)",
        ),
        (
            lambda p: set_(p.metadata, annotations={"a": "x" * (256 * 1024)}),
            "metadata.annotations",
            "Too long: must have at most 262144 bytes",
        ),
        (
            lambda p: add_volume(
                p, Volume(name="s", secret=SecretVolumeSource(secret_name="s", default_mode=512))
            ),
            "spec.volumes[1].secret.defaultMode",
            "Invalid value: 512: must be a number between 0 and 0777 (octal), both inclusive",
        ),
        (
            lambda p: set_(sidecar(p).env[0], name="A=B"),
            "spec.containers[1].env[0].name",
            'Invalid value: "A=B": a valid environment variable name must consist only of '
            "printable ASCII characters other than '='",
        ),
        (
            lambda p: set_(p.metadata, labels={"app": "a b"}),
            "metadata.labels",
            'Invalid value: "a b": a valid label must be an empty string or consist of '
            "alphanumeric characters, '-', '_' or '.', and must start and end with an "
            "alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used "
            "for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
        ),
    ],
)
def test_messages(mutate: Mutation, field: str, message: str) -> None:
    assert message_of(mutate, field) == message


def test_invalid_status_message_like_the_apiserver() -> None:
    causes = causes_after(lambda p: set_(web(p), name="A"))
    status = invalid("Pod", "web", causes)
    assert status.code == 422
    assert status.reason == "Invalid"
    assert (
        status.message
        == f'Pod "web" is invalid: spec.containers[0].name: Invalid value: "A": {DNS_LABEL_MSG}'
    )
    two = causes_after(lambda p: (set_(web(p), name="A"), set_(p.spec, restart_policy="X")))
    message = invalid("Pod", "web", two).message or ""
    assert message.startswith('Pod "web" is invalid: [')
    assert 'spec.restartPolicy: Unsupported value: "X"' in message
    assert message.endswith("]")


def test_several_problems_are_all_reported() -> None:
    def many(p: Pod) -> None:
        p.metadata.name = "Bad Name"
        sidecar(p).name = "web"
        web(p).volume_mounts[0].name = "nope"

    got = pairs(causes_after(many))
    assert (INV, "metadata.name") in got
    assert (DUP, "spec.containers[1].name") in got
    assert (NF, "spec.containers[0].volumeMounts[0].name") in got
