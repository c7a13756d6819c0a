"""``podd describe pod``: kubectl's describePod layout on a pod of every
section (times in a fixed zone, ``now`` fixed)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from podd.cli.describe import describe_pod
from podd.cli.describe_sections import qos_class

NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)

POD = {
    "metadata": {
        "name": "web",
        "namespace": "default",
        "uid": "u1",
        "labels": {"tier": "front", "app": "web"},
        "annotations": {"note": "hi"},
    },
    "spec": {
        "nodeName": "vm",
        "serviceAccountName": "default",
        "containers": [
            {
                "name": "main",
                "image": "busybox:1.36",
                "args": ["httpd", "-f"],
                "ports": [{"containerPort": 80, "protocol": "TCP", "name": "http"}],
                "readinessProbe": {"httpGet": {"path": "/", "port": 80, "scheme": "HTTP"}},
                "env": [
                    {"name": "MODE", "value": "prod"},
                    {
                        "name": "COLOR",
                        "valueFrom": {"configMapKeyRef": {"name": "cfg", "key": "color"}},
                    },
                ],
                "volumeMounts": [{"name": "data", "mountPath": "/data"}],
            }
        ],
        "volumes": [{"name": "data", "emptyDir": {}}],
        "tolerations": [
            {
                "key": "node.kubernetes.io/not-ready",
                "operator": "Exists",
                "effect": "NoExecute",
                "tolerationSeconds": 300,
            }
        ],
    },
    "status": {
        "phase": "Running",
        "hostIP": "192.0.2.2",
        "podIP": "10.88.0.2",
        "podIPs": [{"ip": "10.88.0.2"}],
        "startTime": "2026-01-02T03:00:00Z",
        "qosClass": "BestEffort",
        "conditions": [{"type": "Ready", "status": "True"}],
        "containerStatuses": [
            {
                "name": "main",
                "containerID": "runc://abc",
                "imageID": "sha256:def",
                "ready": True,
                "restartCount": 1,
                "state": {"running": {"startedAt": "2026-01-02T03:01:00Z"}},
                "lastState": {
                    "terminated": {
                        "exitCode": 2,
                        "reason": "Error",
                        "startedAt": "2026-01-02T03:00:10Z",
                        "finishedAt": "2026-01-02T03:00:50Z",
                    }
                },
            }
        ],
    },
}

EVENTS = [
    {
        "type": "Warning",
        "reason": "BackOff",
        "message": "Back-off restarting failed container\n",
        "source": {"component": "kubelet"},
        "firstTimestamp": "2026-01-02T03:00:05Z",
        "lastTimestamp": "2026-01-02T03:03:05Z",
        "count": 3,
    },
    {
        "type": "Normal",
        "reason": "Scheduled",
        "message": "Successfully assigned default/web to vm",
        "source": {"component": "default-scheduler"},
        "firstTimestamp": "2026-01-02T03:00:00Z",
        "lastTimestamp": "2026-01-02T03:00:00Z",
        "count": 1,
    },
]

EXPECTED = """\
Name:             web
Namespace:        default
Service Account:  default
Node:             vm/192.0.2.2
Start Time:       Fri, 02 Jan 2026 03:00:00 +0000
Labels:           app=web
                  tier=front
Annotations:      note: hi
Status:           Running
IP:               10.88.0.2
IPs:
  IP:  10.88.0.2
Containers:
  main:
    Container ID:  runc://abc
    Image:         busybox:1.36
    Image ID:      sha256:def
    Port:          80/TCP
    Host Port:     0/TCP
    Args:
      httpd
      -f
    State:          Running
      Started:      Fri, 02 Jan 2026 03:01:00 +0000
    Last State:     Terminated
      Reason:       Error
      Exit Code:    2
      Started:      Fri, 02 Jan 2026 03:00:10 +0000
      Finished:     Fri, 02 Jan 2026 03:00:50 +0000
    Ready:          True
    Restart Count:  1
    Readiness:      http-get http://:80/ delay=0s timeout=1s period=10s #success=1 #failure=3
    Environment:
      MODE:   prod
      COLOR:  <set to the key 'color' of config map 'cfg'>  Optional: false
    Mounts:
      /data from data (rw)
Conditions:
  Type    Status
  Ready   True~
Volumes:
  data:
    Type:        EmptyDir (a temporary directory that shares a pod's lifetime)
    Medium:     ~
    SizeLimit:   <unset>
QoS Class:       BestEffort
Node-Selectors:  <none>
Tolerations:     node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
Events:
  Type     Reason     Age               From               Message
  ----     ------     ----              ----               -------
  Normal   Scheduled  4m5s              default-scheduler  Successfully assigned default/web to vm
  Warning  BackOff    60s (x3 over 4m)  kubelet            Back-off restarting failed container
""".replace("~\n", " \n")  # kubectl's cells end in a space there


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_every_section_in_kubectls_order_and_alignment() -> None:
    assert describe_pod(POD, EVENTS, NOW) == EXPECTED


def test_nothing_to_show_says_none() -> None:
    bare = {"metadata": {"name": "p", "namespace": "ns"}, "spec": {"containers": []}}
    text = describe_pod(bare, [], NOW)
    lines = text.splitlines()
    assert lines[:6] == [
        "Name:         p",
        "Namespace:    ns",
        "Node:         <none>",
        "Labels:       <none>",
        "Annotations:  <none>",
        "Status:       ",
    ]
    assert "Containers: <none>" in lines
    assert lines[-1] == "Events:  <none>"
    assert describe_pod(bare, None, NOW).splitlines()[-1].startswith("Tolerations:")


def test_terminating_pods_say_so() -> None:
    pod = {**POD, "metadata": {**POD["metadata"], "deletionTimestamp": "2026-01-02T03:04:00Z"}}
    pod["metadata"]["deletionGracePeriodSeconds"] = 30
    lines = describe_pod(pod, None, NOW).splitlines()
    assert "Status:                    Terminating (lasts 5s)" in lines
    assert "Termination Grace Period:  30s" in lines


def test_qos_class_when_the_status_has_none() -> None:
    def pod(*resources: dict[str, dict[str, str]]) -> dict[str, object]:
        return {"spec": {"containers": [{"name": "c", "resources": r} for r in resources]}}

    assert qos_class(pod({})) == "BestEffort"
    both = {"cpu": "1", "memory": "1Gi"}
    assert qos_class(pod({"limits": both})) == "Guaranteed"
    assert qos_class(pod({"limits": both, "requests": {"cpu": "500m"}})) == "Burstable"
    assert qos_class(pod({"requests": {"cpu": "1"}})) == "Burstable"
