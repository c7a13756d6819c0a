"""The SDK's hand-written layer without a podd: manifests to bodies, wait
targets, typed errors from answers, watch and pull lines, kubeconfigs."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
import yaml
from cryptography.hazmat.primitives.serialization import Encoding
from podd_client import _common as c
from podd_client import errors, models
from podd_client.connection import default_socket, endpoint, from_kubeconfig

from podd.tls import new_ca


def test_a_manifest_is_a_dict_a_yaml_string_or_a_model() -> None:
    as_dict = {"metadata": {"name": "a", "namespace": "n"}, "spec": {"containers": []}}
    assert c.to_body(as_dict, c.PODS) == {"apiVersion": "v1", "kind": "Pod", **as_dict}
    assert c.to_body(yaml.safe_dump(as_dict), c.PODS) == c.to_body(as_dict, c.PODS)
    model = models.Pod.from_dict(as_dict)
    assert c.to_body(model, c.PODS)["metadata"] == {"name": "a", "namespace": "n"}
    assert c.body_namespace(c.to_body(as_dict, c.PODS)) == "n"
    with pytest.raises(TypeError):
        c.to_body("- a list", c.PODS)


def test_wait_targets_are_kubectls() -> None:
    assert c.wait_target("Ready", None) == ("Ready", "True")
    assert c.wait_target("Ready=False", None) == ("Ready", "False")
    assert c.wait_target(None, "Running") is None
    for both_or_none in ((None, None), ("Ready", "Running")):
        with pytest.raises(ValueError):
            c.wait_target(*both_or_none)
    pod = models.Pod.from_dict(
        {"status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}]}}
    )
    assert c.pod_matches(pod, ("Ready", "True"), None)
    assert not c.pod_matches(pod, ("Ready", "False"), None)
    assert not c.pod_matches(pod, ("Initialized", "True"), None)
    assert c.pod_matches(pod, None, "Running") and not c.pod_matches(pod, None, "Failed")


def status(code: int, reason: str, **extra: object) -> bytes:
    body = {"kind": "Status", "apiVersion": "v1", "status": "Failure", "code": code}
    return json.dumps({**body, "reason": reason, "message": f"{reason}!", **extra}).encode()


def test_answers_become_typed_exceptions_with_their_status() -> None:
    causes = [{"reason": "FieldValueRequired", "field": "spec.containers", "message": "Required"}]
    invalid = errors.from_response(422, status(422, "Invalid", details={"causes": causes}))
    assert isinstance(invalid, errors.Invalid)
    assert (invalid.code, invalid.reason, invalid.message) == (422, "Invalid", "Invalid!")
    assert [x.field for x in invalid.causes] == ["spec.containers"]
    assert isinstance(errors.from_response(409, status(409, "AlreadyExists")), errors.AlreadyExists)
    assert type(errors.from_response(409, status(409, "Conflict"))) is errors.Conflict
    assert isinstance(errors.from_response(404, status(404, "NotFound")), errors.NotFound)
    assert isinstance(errors.from_response(410, status(410, "Expired")), errors.Gone)
    plain = errors.from_response(502, b"bad gateway")
    assert type(plain) is errors.PoddError and plain.message == "bad gateway"


def test_watch_and_pull_lines_are_typed() -> None:
    added = c.decode_watch_line(
        '{"type":"ADDED","object":{"metadata":{"name":"p","resourceVersion":"7"}}}', c.PODS
    )
    assert added.type == "ADDED" and isinstance(added.object, models.Pod)
    assert added.resource_version == "7"
    gone = c.decode_watch_line(
        json.dumps({"type": "ERROR", "object": json.loads(status(410, "Expired"))}), c.PODS
    )
    assert isinstance(gone.object, models.Status) and gone.object.code == 410
    layer = c.decode_pull_line('{"type":"layer","digest":"sha256:ab","state":"downloading"}')
    assert isinstance(layer, models.LayerProgress) and layer.state == "downloading"
    with pytest.raises(ValueError):
        c.decode_pull_line('{"type":"other"}')


def test_a_kubeconfig_gives_server_token_ca_and_namespace(tmp_path: Path) -> None:
    ca = new_ca().cert.public_bytes(Encoding.PEM)
    config = {
        "apiVersion": "v1",
        "kind": "Config",
        "current-context": "podd",
        "clusters": [
            {
                "name": "podd",
                "cluster": {
                    "server": "https://127.0.0.1:6443/",
                    "certificate-authority-data": base64.b64encode(ca).decode(),
                },
            }
        ],
        "users": [{"name": "podd", "user": {"token": "t0ken"}}],
        "contexts": [
            {"name": "podd", "context": {"cluster": "podd", "user": "podd"}},
            {"name": "other", "context": {"cluster": "podd", "user": "podd", "namespace": "x"}},
        ],
    }
    path = tmp_path / "kubeconfig"
    path.write_text(yaml.safe_dump(config))
    ep = from_kubeconfig(path)
    assert (ep.base_url, ep.token, ep.namespace, ep.socket) == (
        "https://127.0.0.1:6443",
        "t0ken",
        "default",
        None,
    )
    assert ep.headers()["Authorization"] == "Bearer t0ken"
    assert not isinstance(ep.verify, bool)  # an SSL context holding the CA
    assert from_kubeconfig(path, "other").namespace == "x"
    with pytest.raises(ValueError):
        from_kubeconfig(path, "missing")


def test_the_default_is_the_unix_socket(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", "/run/user/4242")
    assert default_socket() == Path("/run/user/4242/podd/podd.sock")
    ep = endpoint()
    assert ep.socket == default_socket() and "Authorization" not in ep.headers()
    assert endpoint(namespace="ns").namespace == "ns"
