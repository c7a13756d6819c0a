"""Warnings for fields podd accepts (as Kubernetes would) but cannot fully honour.

Each warning is ``<field>: <text>``, the form Kubernetes uses in its
``Warning: 299`` response headers. The API returns them as headers and
records them as a ``Warning`` event on the pod.
"""

from __future__ import annotations

from podd.model.container import Container
from podd.model.pod import Pod
from podd.model.quantity import QuantityError, parse_quantity

__all__ = ["warnings_for_pod"]


def warnings_for_pod(pod: Pod) -> list[str]:
    spec = pod.spec
    out: list[str] = []
    single_node = "ignored: podd runs every pod on its own single node"
    if spec.node_selector:
        out.append(f"spec.nodeSelector: {single_node}")
    if spec.affinity:
        out.append(f"spec.affinity: {single_node}")
    if spec.tolerations:
        out.append("spec.tolerations: ignored: podd's node has no taints")
    if spec.topology_spread_constraints:
        out.append(f"spec.topologySpreadConstraints: {single_node}")
    if spec.scheduling_gates:
        out.append(
            "spec.schedulingGates: ignored: podd starts the pod without waiting for the gates"
        )
    if spec.host_network:
        out.append(
            "spec.hostNetwork: the pod shares the network namespace of the user running podd "
            "(no network isolation)"
        )
    if spec.runtime_class_name:
        out.append("spec.runtimeClassName: ignored: podd uses its configured OCI runtime")
    if spec.priority_class_name or (spec.priority is not None and spec.priority != 0):
        out.append("spec.priorityClassName: ignored: podd has no priority or preemption")
    if spec.host_users is True:
        out.append("spec.hostUsers: ignored: rootless podd always runs pods in a user namespace")
    for i, vol in enumerate(spec.volumes or ()):
        if vol.persistent_volume_claim is not None:
            out.append(
                f"spec.volumes[{i}].persistentVolumeClaim: podd has no PersistentVolumeClaims; "
                "the pod cannot start"
            )
        for j, proj in enumerate(vol.projected.sources or () if vol.projected else ()):
            if proj.service_account_token is not None:
                out.append(
                    f"spec.volumes[{i}].projected.sources[{j}].serviceAccountToken: "
                    "podd issues no service account tokens; the file stays empty"
                )
    for wire, i, ctr in spec.all_containers():
        out.extend(_container_warnings(ctr, f"spec.{wire}[{i}]"))
    out.extend(_duplicate_port_warnings(pod))
    return out


def _container_warnings(ctr: Container, prefix: str) -> list[str]:
    out: list[str] = []
    res = ctr.resources
    for kind, values in (
        ("limits", res.limits if res else None),
        ("requests", res.requests if res else None),
    ):
        for name in ("memory", "ephemeral-storage"):
            raw = (values or {}).get(name)
            if raw is None:
                continue
            try:
                value = parse_quantity(raw)
            except QuantityError:
                continue
            if value != value.to_integral_value():
                out.append(
                    f'{prefix}.resources.{kind}[{name}]: fractional byte value "{raw}" is invalid, '
                    "must be an integer"
                )
    sc = ctr.security_context
    if sc is not None and sc.se_linux_options is not None:
        out.append(f"{prefix}.securityContext.seLinuxOptions: ignored by podd")
    return out


def _duplicate_port_warnings(pod: Pod) -> list[str]:
    out: list[str] = []
    seen: dict[tuple[int, str, str, int], str] = {}
    for wire, i, ctr in pod.spec.all_containers():
        for j, port in enumerate(ctr.ports or ()):
            key = (
                port.container_port,
                port.protocol or "TCP",
                port.host_ip or "",
                port.host_port or 0,
            )
            here = f"spec.{wire}[{i}].ports[{j}]"
            if key in seen:
                out.append(f"{here}: duplicate port definition with {seen[key]}")
            else:
                seen[key] = here
    return out
