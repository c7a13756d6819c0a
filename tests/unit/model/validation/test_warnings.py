"""Warnings for a valid pod: fields podd ignores or cannot honour, doubtful values."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from podd.model.container import ContainerPort
from podd.model.defaults import default_pod
from podd.model.pod import Pod, Toleration
from podd.model.validation import warnings_for_pod
from podd.model.volume import (
    PersistentVolumeClaimVolumeSource,
    ProjectedVolumeSource,
    ServiceAccountTokenProjection,
    Volume,
    VolumeProjection,
)
from tests.unit.model.helpers import set_
from tests.unit.model.seed import seed_pod


def test_seed_has_no_warnings() -> None:
    assert warnings_for_pod(default_pod(seed_pod())) == []


@pytest.mark.parametrize(
    ("mutate", "prefix"),
    [
        (lambda p: set_(p.spec, node_selector={"disk": "ssd"}), "spec.nodeSelector: ignored"),
        (lambda p: set_(p.spec, affinity={"nodeAffinity": {}}), "spec.affinity: ignored"),
        (
            lambda p: set_(p.spec, tolerations=[Toleration(operator="Exists")]),
            "spec.tolerations: ignored",
        ),
        (lambda p: set_(p.spec, host_network=True), "spec.hostNetwork: the pod shares the network"),
        (lambda p: set_(p.spec, runtime_class_name="kata"), "spec.runtimeClassName: ignored"),
        (lambda p: set_(p.spec, priority_class_name="high"), "spec.priorityClassName: ignored"),
        (
            lambda p: p.spec.volumes.append(
                Volume(
                    name="v",
                    persistent_volume_claim=PersistentVolumeClaimVolumeSource(claim_name="c"),
                )
            ),
            "spec.volumes[1].persistentVolumeClaim: podd has no PersistentVolumeClaims",
        ),
        (
            lambda p: p.spec.volumes.append(
                Volume(
                    name="t",
                    projected=ProjectedVolumeSource(
                        sources=[
                            VolumeProjection(
                                service_account_token=ServiceAccountTokenProjection(path="t")
                            )
                        ]
                    ),
                )
            ),
            "spec.volumes[1].projected.sources[0].serviceAccountToken:",
        ),
        (
            lambda p: p.spec.containers[0].resources.limits.update(memory="1.5"),
            'spec.containers[0].resources.limits[memory]: fractional byte value "1.5" is invalid',
        ),
        (
            lambda p: p.spec.containers[1].__setattr__(
                "ports", [ContainerPort(container_port=80, host_port=8080)]
            ),
            "spec.containers[1].ports[0]: duplicate port definition with "
            "spec.containers[0].ports[0]",
        ),
    ],
)
def test_warnings(mutate: Callable[[Pod], object], prefix: str) -> None:
    pod = seed_pod()
    mutate(pod)
    warnings = warnings_for_pod(default_pod(pod))
    assert any(w.startswith(prefix) for w in warnings), warnings
