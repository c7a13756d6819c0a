"""kubectl's default ``apply`` (strict validation) and ``explain`` work against
podd: they read podd's ``/openapi/v3`` (and ``/openapi/v2``, the protobuf
client-go insists on), leave validation to the server (``fieldValidation=
Strict``), compute strategic merge patches by podd's merge keys, and print
podd's descriptions. Each test runs with kubectl 1.27, 1.32 and 1.33 over
TLS (``podd serve --listen``, ``podd kubeconfig``)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.e2e.conftest import Kubectl

# An image no registry serves: the pods here are only ever objects to apply,
# patch and explain (pulling it fails fast, nothing runs).
IMAGE = "127.0.0.1:9/podd-test/none:v1"


def pod_yaml(name: str, *, image2: str = IMAGE, labels: dict[str, str] | None = None) -> str:
    pod = {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": name, "labels": labels or {"app": "apply"}},
        "spec": {
            "restartPolicy": "Never",
            "terminationGracePeriodSeconds": 0,
            "containers": [
                {"name": "first", "image": IMAGE, "command": ["sleep", "60"]},
                {
                    "name": "second",
                    "image": image2,
                    "env": [{"name": "A", "value": "1"}],
                    "ports": [{"containerPort": 8080}],
                },
            ],
        },
    }
    return yaml.safe_dump(pod, sort_keys=False)


def name_for(kubectl: Kubectl, what: str) -> str:
    return f"{what}-{kubectl.version.replace('.', '')}"


@pytest.fixture
def pod_name(kubectl: Kubectl) -> Iterator[str]:
    """A pod name for this kubectl; the pod is deleted afterwards (and waited for)."""
    name = name_for(kubectl, "apply")
    yield name
    out = kubectl.run("delete", "pod", name, "--ignore-not-found", "--grace-period=0", "--wait")
    assert out.returncode == 0, out.stderr


def write(tmp_path: Path, text: str, file: str = "pod.yaml") -> Path:
    path = tmp_path / file
    path.write_text(text)
    return path


VERBS = "GET|POST|PATCH|PUT|DELETE"


def requests_logged(stderr: str) -> list[tuple[str, str]]:
    """(verb, URL) of each request kubectl -v=6 logs: ``GET https://...`` up to
    1.32, ``verb="GET" url="https://..."`` from 1.33."""
    plain = re.findall(rf"\b({VERBS}) (https://\S+)", stderr)
    structured = re.findall(rf'verb="({VERBS})" url="(https://[^"]+)"', stderr)
    return plain + structured


def request_bodies(stderr: str) -> list[str]:
    """Request bodies kubectl -v=8 logs: ``Request Body: {...}`` up to 1.31,
    ``"Request Body" body="<quoted>"`` from 1.32."""
    bodies = re.findall(r"Request Body: (.*)$", stderr, re.MULTILINE)
    for quoted in re.findall(r'"Request Body" body=("(?:[^"\\]|\\.)*")', stderr):
        bodies.append(json.loads(quoted))
    return [b for b in bodies if b]


def test_apply_creates_with_validation_left_to_the_server(
    kubectl: Kubectl, pod_name: str, tmp_path: Path
) -> None:
    out = kubectl.run("apply", "-f", str(write(tmp_path, pod_yaml(pod_name))), "-v=6")
    assert out.returncode == 0, out.stderr
    assert f"pod/{pod_name} created" in out.stdout
    assert "failed to download openapi" not in out.stderr
    urls = [url for _, url in requests_logged(out.stderr)]
    assert any("/openapi/v3/api/v1?hash=" in u for u in urls), out.stderr
    posts = [url for verb, url in requests_logged(out.stderr) if verb == "POST"]
    # The server takes fieldValidation (its PATCH operation lists it), so
    # kubectl asks it to validate instead of validating from the schema.
    assert posts and all("fieldValidation=Strict" in u for u in posts), posts
    got = kubectl.run("get", "pod", pod_name, "-o", "json")
    assert got.returncode == 0, got.stderr
    containers = json.loads(got.stdout)["spec"]["containers"]
    assert [c["name"] for c in containers] == ["first", "second"]


def test_apply_again_patches_containers_by_their_name(
    kubectl: Kubectl, pod_name: str, tmp_path: Path
) -> None:
    first = kubectl.run("apply", "-f", str(write(tmp_path, pod_yaml(pod_name))))
    assert first.returncode == 0, first.stderr
    changed = pod_yaml(pod_name, image2=IMAGE + "-b", labels={"app": "apply", "tier": "b"})
    out = kubectl.run("apply", "-f", str(write(tmp_path, changed)), "-v=8")
    assert out.returncode == 0, out.stderr
    assert f"pod/{pod_name} configured" in out.stdout
    # The patch was computed from podd's schema (no fallback to kubectl's
    # built-in types was logged): containers merge by name.
    assert "warning: error calculating patch" not in out.stderr
    assert "OpenAPI V3 path does not" not in out.stderr
    patches = [json.loads(b) for b in request_bodies(out.stderr) if "$setElementOrder" in b]
    assert len(patches) == 1, out.stderr
    spec = patches[0]["spec"]
    assert spec["$setElementOrder/containers"] == [{"name": "first"}, {"name": "second"}]
    assert spec["containers"] == [{"image": IMAGE + "-b", "name": "second"}]
    patch_urls = [url for verb, url in requests_logged(out.stderr) if verb == "PATCH"]
    assert patch_urls and all("fieldValidation=Strict" in u for u in patch_urls)
    assert "Content-Type: application/strategic-merge-patch+json" in out.stderr
    got = json.loads(kubectl.run("get", "pod", pod_name, "-o", "json").stdout)
    first_c, second_c = got["spec"]["containers"]
    assert (first_c["name"], first_c["command"], first_c["image"]) == (
        "first",
        ["sleep", "60"],
        IMAGE,
    )
    assert (second_c["name"], second_c["image"]) == ("second", IMAGE + "-b")
    assert second_c["env"] == [{"name": "A", "value": "1"}]
    assert got["metadata"]["labels"] == {"app": "apply", "tier": "b"}


def test_server_side_apply_is_validated_by_the_server_too(
    kubectl: Kubectl, pod_name: str, tmp_path: Path
) -> None:
    path = write(tmp_path, pod_yaml(pod_name))
    out = kubectl.run("apply", "--server-side", "-f", str(path), "-v=6")
    assert out.returncode == 0, out.stderr
    assert f"pod/{pod_name} serverside-applied" in out.stdout
    patches = [url for verb, url in requests_logged(out.stderr) if verb == "PATCH"]
    assert patches and all("fieldValidation=Strict" in u for u in patches), patches
    bad = yaml.safe_load(pod_yaml(pod_name))
    bad["spec"]["containers"][1]["portz"] = []
    out = kubectl.run("apply", "--server-side", "-f", str(write(tmp_path, yaml.safe_dump(bad))))
    assert out.returncode != 0
    # structured-merge-diff's words for the applied configuration (kubectl
    # put the namespace in); a 400 here, where the apiserver says 500.
    assert (
        "Error from server (BadRequest): failed to create typed patch object "
        f"(default/{pod_name}; /v1, Kind=Pod): "
        '.spec.containers[name="second"].portz: field not declared in schema'
    ) in out.stderr, out.stderr


def test_apply_refuses_an_unknown_field_with_the_servers_message(
    kubectl: Kubectl, tmp_path: Path
) -> None:
    name = name_for(kubectl, "unknown")
    pod = yaml.safe_load(pod_yaml(name))
    pod["spec"]["containers"][0]["imagePullPolicyy"] = "Never"
    path = write(tmp_path, yaml.safe_dump(pod))
    out = kubectl.run("apply", "-f", str(path), "-v=6")
    assert out.returncode != 0
    # The apiserver's 400, as kubectl prints it (no client-side schema error).
    assert (
        f'Error from server (BadRequest): error when creating "{path}": '
        'Pod in version "v1" cannot be handled as a Pod: strict decoding error: '
        'unknown field "spec.containers[0].imagePullPolicyy"'
    ) in out.stderr, out.stderr
    assert "ValidationError" not in out.stderr
    posts = [url for verb, url in requests_logged(out.stderr) if verb == "POST"]
    assert posts and all("fieldValidation=Strict" in u for u in posts), posts
    assert kubectl.run("get", "pod", name).returncode != 0  # nothing was created


def volume_pod(name: str, source: dict[str, Any]) -> str:
    pod = yaml.safe_load(pod_yaml(name))
    pod["spec"]["volumes"] = [{"name": "data", **source}]
    pod["spec"]["containers"][0]["volumeMounts"] = [{"name": "data", "mountPath": "/data"}]
    return yaml.safe_dump(pod, sort_keys=False)


def test_apply_changing_a_volume_source_sends_retain_keys(
    kubectl: Kubectl, pod_name: str, tmp_path: Path
) -> None:
    """volumes are patchStrategy merge,retainKeys in podd's schema: kubectl
    sends ``$retainKeys`` so the emptyDir goes with the change. A pod's
    volumes cannot change once it exists: the update is refused as the
    apiserver refuses it (Forbidden), after the patch was merged."""
    first = kubectl.run("apply", "-f", str(write(tmp_path, volume_pod(pod_name, {"emptyDir": {}}))))
    assert first.returncode == 0, first.stderr
    changed = volume_pod(pod_name, {"configMap": {"name": "cfg"}})
    out = kubectl.run("apply", "-f", str(write(tmp_path, changed)), "-v=8")
    assert out.returncode != 0
    patches = [json.loads(b) for b in request_bodies(out.stderr) if "$retainKeys" in b]
    assert len(patches) == 1, out.stderr
    [volume] = patches[0]["spec"]["volumes"]
    assert volume["$retainKeys"] == ["configMap", "name"], patches[0]
    assert volume["configMap"] == {"name": "cfg"} and volume["name"] == "data"
    assert f'The Pod "{pod_name}" is invalid: spec: Forbidden: pod updates may not change' in (
        out.stderr
    ), out.stderr
    got = json.loads(kubectl.run("get", "pod", pod_name, "-o", "json").stdout)
    assert got["spec"]["volumes"] == [{"name": "data", "emptyDir": {}}]


def test_explain_prints_containers_with_their_fields(kubectl: Kubectl) -> None:
    out = kubectl.run("explain", "pod.spec.containers")
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert re.search(r"KIND:\s+Pod", text) and re.search(r"VERSION:\s+v1", text), text
    assert re.search(r"FIELD:\s+containers\s+<\[\]Container>", text), text
    assert "List of containers belonging to the pod." in text
    assert "A single application container" in text
    fields = re.findall(r"^  (\w+)\t<", text, re.MULTILINE)
    for field in ("name", "image", "command", "ports", "env", "volumeMounts", "securityContext"):
        assert field in fields, (field, text)


def test_explain_a_leaf_field_and_a_whole_kind(kubectl: Kubectl) -> None:
    leaf = kubectl.run("explain", "pod.spec.containers.ports.containerPort")
    assert leaf.returncode == 0, leaf.stderr
    assert re.search(r"FIELD:\s+containerPort\s+<integer>", leaf.stdout), leaf.stdout
    assert "Number of port to expose" in leaf.stdout
    kind = kubectl.run("explain", "configmaps")
    assert kind.returncode == 0, kind.stderr
    assert "ConfigMap holds configuration data" in kind.stdout
    assert re.search(r"^  binaryData\t<map\[string\]string>", kind.stdout, re.MULTILINE)


def test_explain_from_openapi_v2_reads_the_protobuf(kubectl: Kubectl) -> None:
    """The v2 renderer parses the gnostic protobuf of ``/openapi/v2``."""
    out = kubectl.run("explain", "pod.spec.containers", "--output=plaintext-openapiv2")
    assert out.returncode == 0, out.stderr
    assert "List of containers belonging to the pod." in out.stdout
    assert re.search(r"^   image\t<string>", out.stdout, re.MULTILINE), out.stdout
    assert re.search(r"^   ports\t<\[\]Object>", out.stdout, re.MULTILINE), out.stdout
