"""Wire format: names exactly as Kubernetes, apiVersion/kind always, never null."""

import json

import msgspec
import pytest

from podd.model.base import decode_json, encode, to_builtins
from podd.model.codec import decode_body
from podd.model.container import Container
from podd.model.defaults import default_pod
from podd.model.event import Event, EventList
from podd.model.meta import ListMeta, ObjectMeta
from podd.model.namespace import Namespace, NamespaceList
from podd.model.pod import Pod, PodList, PodSpec
from podd.model.podstatus import ContainerState, ContainerStateTerminated, ContainerStatus
from podd.model.status import DeleteOptions, Status, WatchEvent, not_found

from .seed import seed_pod

# A pod as `kubectl get pod -o json` prints it, using the irregular wire names.
FULL_POD = {
    "apiVersion": "v1",
    "kind": "Pod",
    "metadata": {
        "name": "web",
        "namespace": "default",
        "uid": "0b5b5ad7-8d2c-4a55-9a4c-1f0c7f6a0001",
        "resourceVersion": "42",
        "generation": 1,
        "creationTimestamp": "2026-11-22T11:00:00Z",
        "labels": {"app": "web"},
        "annotations": {"a": "b"},
        "ownerReferences": [
            {
                "apiVersion": "apps/v1",
                "kind": "ReplicaSet",
                "name": "rs",
                "uid": "u",
                "controller": True,
            }
        ],
    },
    "spec": {
        "volumes": [
            {
                "name": "api",
                "downwardAPI": {
                    "items": [
                        {
                            "path": "labels",
                            "fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.labels"},
                        }
                    ],
                    "defaultMode": 420,
                },
            },
            {
                "name": "proj",
                "projected": {
                    "sources": [
                        {"downwardAPI": {"items": []}},
                        {"serviceAccountToken": {"path": "t", "expirationSeconds": 3600}},
                    ],
                    "defaultMode": 420,
                },
            },
            {"name": "host", "hostPath": {"path": "/srv", "type": ""}},
        ],
        "containers": [
            {
                "name": "web",
                "image": "nginx:1.25",
                "ports": [
                    {
                        "name": "http",
                        "containerPort": 80,
                        "hostPort": 8080,
                        "hostIP": "127.0.0.1",
                        "protocol": "TCP",
                    }
                ],
                "env": [
                    {
                        "name": "IP",
                        "valueFrom": {
                            "fieldRef": {"apiVersion": "v1", "fieldPath": "status.podIP"}
                        },
                    }
                ],
                "resources": {"limits": {"cpu": "1"}, "requests": {"cpu": "250m"}},
                "volumeMounts": [{"name": "api", "mountPath": "/etc/podinfo", "readOnly": True}],
                "livenessProbe": {
                    "httpGet": {
                        "path": "/",
                        "port": "http",
                        "scheme": "HTTP",
                        "httpHeaders": [{"name": "X", "value": ""}],
                    },
                    "timeoutSeconds": 1,
                    "periodSeconds": 10,
                    "successThreshold": 1,
                    "failureThreshold": 3,
                },
                "terminationMessagePath": "/dev/termination-log",
                "terminationMessagePolicy": "File",
                "imagePullPolicy": "IfNotPresent",
                "securityContext": {
                    "seLinuxOptions": {"level": "s0"},
                    "runAsNonRoot": True,
                    "seccompProfile": {"type": "RuntimeDefault"},
                },
            }
        ],
        "restartPolicy": "Always",
        "terminationGracePeriodSeconds": 30,
        "dnsPolicy": "ClusterFirst",
        "serviceAccountName": "default",
        "serviceAccount": "default",
        "nodeName": "node1",
        "hostPID": False,
        "hostIPC": False,
        "setHostnameAsFQDN": False,
        "securityContext": {
            "fsGroup": 2000,
            "supplementalGroups": [3000],
            "sysctls": [{"name": "net.ipv4.ping_group_range", "value": "0 0"}],
        },
        "schedulerName": "default-scheduler",
        "tolerations": [
            {
                "key": "node.kubernetes.io/not-ready",
                "operator": "Exists",
                "effect": "NoExecute",
                "tolerationSeconds": 300,
            }
        ],
        "priority": 0,
        "enableServiceLinks": True,
        "preemptionPolicy": "PreemptLowerPriority",
    },
    "status": {
        "phase": "Running",
        "conditions": [
            {
                "type": "Ready",
                "status": "True",
                "lastProbeTime": None,
                "lastTransitionTime": "2026-11-22T11:00:05Z",
            }
        ],
        "hostIP": "192.168.1.10",
        "hostIPs": [{"ip": "192.168.1.10"}],
        "podIP": "10.0.2.100",
        "podIPs": [{"ip": "10.0.2.100"}],
        "startTime": "2026-11-22T11:00:00Z",
        "containerStatuses": [
            {
                "name": "web",
                "state": {"running": {"startedAt": "2026-11-22T11:00:03Z"}},
                "lastState": {
                    "terminated": {
                        "exitCode": 0,
                        "reason": "Completed",
                        "startedAt": "2026-11-22T10:00:00Z",
                        "finishedAt": "2026-11-22T10:59:00Z",
                        "containerID": "crun://abc",
                    }
                },
                "ready": True,
                "restartCount": 1,
                "image": "docker.io/library/nginx:1.25",
                "imageID": "docker.io/library/nginx@sha256:abc",
                "containerID": "crun://def",
                "started": True,
            }
        ],
        "qosClass": "Burstable",
    },
}


def test_full_pod_round_trips_strictly() -> None:
    pod, warnings = decode_body(json.dumps(FULL_POD).encode(), "application/json", Pod, "Strict")
    assert warnings == []
    expected = json.loads(json.dumps(FULL_POD))
    del expected["status"]["conditions"][0]["lastProbeTime"]  # null means unset; never written
    assert json.loads(encode(pod)) == expected
    assert decode_json(encode(pod), Pod) == pod


def test_irregular_wire_names() -> None:
    text = encode(decode_body(json.dumps(FULL_POD).encode(), "application/json", Pod)[0]).decode()
    for name in (
        "hostIP",
        "hostIPs",
        "podIP",
        "podIPs",
        "containerID",
        "imageID",
        "downwardAPI",
        "hostPID",
        "hostIPC",
        "setHostnameAsFQDN",
        "fsGroup",
        "seLinuxOptions",
        "qosClass",
    ):
        assert f'"{name}"' in text, name
    assert encode(ListMeta(continue_="tok")) == b'{"continue":"tok"}'


@pytest.mark.parametrize(
    ("obj", "api_version", "kind"),
    [
        (Pod(), "v1", "Pod"),
        (PodList(), "v1", "PodList"),
        (Namespace(), "v1", "Namespace"),
        (NamespaceList(), "v1", "NamespaceList"),
        (Event(), "v1", "Event"),
        (EventList(), "v1", "EventList"),
        (Status(), "v1", "Status"),
        (DeleteOptions(), "v1", "DeleteOptions"),
    ],
)
def test_top_level_objects_always_carry_api_version_and_kind(
    obj: msgspec.Struct, api_version: str, kind: str
) -> None:
    data = encode(obj)
    assert data.startswith(f'{{"apiVersion":"{api_version}","kind":"{kind}"'.encode())
    assert b"null" not in data


def test_pod_encoding_has_no_nulls_and_keeps_kubernetes_shapes() -> None:
    pod = Pod(
        metadata=ObjectMeta(name="web"),
        spec=PodSpec(containers=[Container(name="web", image="nginx")]),
    )
    data = encode(pod)
    assert b'"apiVersion":"v1","kind":"Pod"' in data
    assert b"null" not in data
    assert data == (
        b'{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web"},'
        b'"spec":{"containers":[{"name":"web","image":"nginx"}]},"status":{}}'
    )
    full = encode(default_pod(seed_pod()))
    assert b"null" not in full
    assert encode(PodList()) == b'{"apiVersion":"v1","kind":"PodList","metadata":{},"items":[]}'


def test_status_fields_kubernetes_always_writes() -> None:
    status = ContainerStatus(name="web")
    assert json.loads(encode(status)) == {
        "name": "web",
        "state": {},
        "lastState": {},
        "ready": False,
        "restartCount": 0,
        "image": "",
        "imageID": "",
    }
    term = ContainerState(terminated=ContainerStateTerminated())
    assert encode(term) == b'{"terminated":{"exitCode":0}}'


def test_watch_event_is_type_and_object_only() -> None:
    ev = WatchEvent(type="ADDED", object=msgspec.Raw(encode(Pod(metadata=ObjectMeta(name="a")))))
    assert encode(ev) == (
        b'{"type":"ADDED","object":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a"},'
        b'"spec":{},"status":{}}}'
    )
    err = WatchEvent(type="ERROR", object=msgspec.Raw(encode(not_found("pods", "a"))))
    assert json.loads(encode(err))["object"]["code"] == 404


def test_to_builtins_uses_wire_names() -> None:
    assert to_builtins(ListMeta(resource_version="1")) == {"resourceVersion": "1"}
