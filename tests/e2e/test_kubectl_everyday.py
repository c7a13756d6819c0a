"""The everyday kubectl commands (issue 11's last list) against a real
``podd serve --listen`` over TLS, with kubectl 1.27, 1.32 and 1.33: run, logs,
events in time order, wait (jsonpath and delete), label/annotate, replace,
field selectors, delete --wait / --force, auth can-i, cluster-info — asserting
on what kubectl prints."""

from __future__ import annotations

import json
import re
import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import yaml

from tests.e2e.conftest import (
    KUBECTLS,
    Kubeconfig,
    Kubectl,
    make_kubectl,
    start_podd,
    stop_podd,
    write_kubeconfig,
)
from tests.podd_process import PoddProcess
from tests.support.fixtures import registry, test_images  # noqa: F401
from tests.support.registry import Registry

pytestmark = pytest.mark.integration


@dataclass(frozen=True)
class Env:
    proc: PoddProcess
    kubeconfig: Kubeconfig
    image: str


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory, registry: Registry) -> Iterator[Env]:  # noqa: F811
    base = tmp_path_factory.mktemp("podd-keveryday")
    proc = start_podd(base, "--listen", "127.0.0.1:0", "--insecure-registry", registry.host)
    try:
        kc = write_kubeconfig(proc, base / "kubeconfig")
        yield Env(proc, kc, f"{registry.host}/library/busybox:1.36")
    finally:
        stop_podd(proc)


@pytest.fixture(params=sorted(KUBECTLS))
def kubectl(request: pytest.FixtureRequest, env: Env, tmp_path: Path) -> Kubectl:
    return make_kubectl(request.param, tmp_path / "home", env.kubeconfig.path)


def _ok(k: Kubectl, *args: str) -> str:
    out = k.run(*args)
    assert out.returncode == 0, f"kubectl {k.version} {args}: {out.stderr}"
    return out.stdout


def _name(k: Kubectl, what: str) -> str:
    return f"{what}-{k.version.replace('.', '')}"


def _sleeper(k: Kubectl, env: Env, name: str) -> None:
    _ok(k, "run", name, f"--image={env.image}", "--restart=Never", "--", "sleep", "3600")
    _ok(
        k,
        "wait",
        f"pod/{name}",
        "--for=jsonpath={.status.phase}=Running",
        "--timeout=90s",
    )


def test_cluster_info_names_the_control_plane(kubectl: Kubectl, env: Env) -> None:
    # kubectl lists kube-system's services labelled kubernetes.io/cluster-service=true
    # (none here) after the control plane's line; colours stripped.
    out = kubectl.run("cluster-info")
    assert out.returncode == 0, out.stderr
    assert re.sub(r"\x1b\[[0-9;]*m", "", out.stdout).splitlines() == [
        f"Kubernetes control plane is running at {env.kubeconfig.server}",
        "",
        "To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.",
    ]


def test_version_prints_client_and_server(kubectl: Kubectl) -> None:
    out = _ok(kubectl, "version")
    # 1.27 prints version.Info{...GitVersion:"v1.27.16"...}, later ones the short form
    assert re.search(rf"^Client Version: .*v{re.escape(kubectl.version)}\.", out, re.M), out
    assert re.search(r"^Server Version: .*v1\.32\.0-podd\.", out, re.MULTILINE), out


def test_run_logs_events_in_order_and_delete_wait(kubectl: Kubectl, env: Env) -> None:
    name = _name(kubectl, "hello")
    _ok(kubectl, "run", name, f"--image={env.image}", "--restart=Never", "--", "echo", "hi", name)
    _ok(kubectl, "wait", f"pod/{name}", "--for=jsonpath={.status.phase}=Succeeded", "--timeout=90s")
    assert _ok(kubectl, "logs", name) == f"hi {name}\n"
    table = _ok(kubectl, "get", "pod", name)
    assert re.search(rf"^{name}\s+0/1\s+Completed\s+0\s+", table, re.MULTILINE), table

    events = _ok(kubectl, "get", "events", "--sort-by=.metadata.creationTimestamp")
    reasons = [ln.split()[2] for ln in events.splitlines()[1:] if f"pod/{name}" in ln]
    assert reasons.index("Scheduled") < reasons.index("Started"), events
    out = _ok(kubectl, "events", "--for", f"pod/{name}")
    head = out.splitlines()[0].split()
    assert head[:4] == ["LAST", "SEEN", "TYPE", "REASON"], out
    seen = [ln.split()[2] for ln in out.splitlines()[1:]]
    # podd emits Pulled only when it really pulled (the image is cached after
    # the first kubectl version's run), so only Scheduled < Created < Started
    assert seen.index("Scheduled") < seen.index("Created") < seen.index("Started"), out

    out = _ok(kubectl, "delete", "pod", name, "--wait")
    assert f'pod "{name}" deleted' in out
    gone = kubectl.run("get", "pod", name)
    assert gone.returncode != 0
    assert f'pods "{name}" not found' in gone.stderr


def test_wait_for_delete(kubectl: Kubectl, env: Env) -> None:
    name = _name(kubectl, "waitdel")
    _sleeper(kubectl, env, name)
    _ok(kubectl, "delete", "pod", name, "--wait=false")
    out = _ok(kubectl, "wait", "--for=delete", f"pod/{name}", "--timeout=60s")
    assert f"pod/{name} condition met" in out or out == "", out
    assert kubectl.run("get", "pod", name).returncode != 0


def test_label_and_annotate(kubectl: Kubectl, env: Env) -> None:
    name = _name(kubectl, "lab")
    _sleeper(kubectl, env, name)
    try:
        assert f"pod/{name} labeled" in _ok(kubectl, "label", "pod", name, "tier=web")
        out = _ok(kubectl, "get", "pod", name, "--show-labels")
        assert re.search(rf"^{name}\s.*run={name},tier=web$", out, re.MULTILINE), out
        clash = kubectl.run("label", "pod", name, "tier=db")
        assert clash.returncode != 0
        assert "'tier' already has a value (web), and --overwrite is false" in clash.stderr
        _ok(kubectl, "label", "pod", name, "tier=db", "--overwrite")
        jp = "-o=jsonpath={.metadata.labels.tier}"
        assert _ok(kubectl, "get", "pod", name, jp) == "db"
        assert f"pod/{name} unlabeled" in _ok(kubectl, "label", "pod", name, "tier-")
        assert "tier" not in _ok(kubectl, "get", "pod", name, "--show-labels")

        # kubectl 1.27 itself prints "pod/x annotate" (its own wording then)
        noted = _ok(kubectl, "annotate", "pod", name, "note=one")
        assert re.fullmatch(rf"pod/{name} annotated?\n", noted), noted
        _ok(kubectl, "annotate", "pod", name, "note=two", "--overwrite")
        jpa = "-o=jsonpath={.metadata.annotations.note}"
        assert _ok(kubectl, "get", "pod", name, jpa) == "two"
        _ok(kubectl, "annotate", "pod", name, "note-")
        assert _ok(kubectl, "get", "pod", name, jpa) == ""

        # replace -f: the fetched object with a changed label and deadline
        pod = yaml.safe_load(_ok(kubectl, "get", "pod", name, "-o", "yaml"))
        pod["metadata"]["labels"]["stage"] = "replaced"
        pod["spec"]["activeDeadlineSeconds"] = 3000
        path = kubectl.home / "pod.yaml"
        path.write_text(yaml.safe_dump(pod))
        assert f"pod/{name} replaced" in _ok(kubectl, "replace", "-f", str(path))
        got = json.loads(_ok(kubectl, "get", "pod", name, "-o", "json"))
        assert got["metadata"]["labels"]["stage"] == "replaced"
        assert got["spec"]["activeDeadlineSeconds"] == 3000

        # field selectors
        running = _ok(kubectl, "get", "pods", "--field-selector", "status.phase=Running")
        assert re.search(rf"^{name}\s+1/1\s+Running\s", running, re.MULTILINE), running
        bad = kubectl.run("get", "pods", "--field-selector", "spec.noSuchField=x")
        assert bad.returncode != 0
        assert "field label not supported: spec.noSuchField" in bad.stderr, bad.stderr
    finally:
        _ok(kubectl, "delete", "pod", name, "--force", "--grace-period=0")


def test_force_delete_prints_the_warning(kubectl: Kubectl, env: Env) -> None:
    name = _name(kubectl, "force")
    _sleeper(kubectl, env, name)
    out = kubectl.run("delete", "pod", name, "--force", "--grace-period=0")
    assert out.returncode == 0, out.stderr
    assert "Immediate deletion does not wait for confirmation" in out.stderr
    assert f'pod "{name}" force deleted' in out.stdout
    assert kubectl.run("get", "pod", name).returncode != 0


def test_logs_previous_of_a_restarted_container(kubectl: Kubectl, env: Env) -> None:
    name = _name(kubectl, "prev")
    cmd = "echo run-$(cat /proc/sys/kernel/random/uuid); exit 3"
    _ok(
        kubectl,
        "run",
        name,
        f"--image={env.image}",
        "--restart=Always",
        "--",
        "sh",
        "-c",
        cmd,
    )
    try:
        _ok(
            kubectl,
            "wait",
            f"pod/{name}",
            "--for=jsonpath={.status.containerStatuses[0].restartCount}=1",
            "--timeout=90s",
        )
        prev = _ok(kubectl, "logs", name, "--previous")
        assert re.fullmatch(r"run-[0-9a-f-]{36}\n", prev), prev
    finally:
        _ok(kubectl, "delete", "pod", name, "--force", "--grace-period=0")


def test_auth_can_i(kubectl: Kubectl) -> None:
    # podd's single user owns everything: a SelfSubjectAccessReview says yes.
    for args in (
        ("create", "pods"),
        ("delete", "configmaps", "-n", "kube-system"),
        ("get", "/logs"),
    ):
        out = kubectl.run("auth", "can-i", *args)
        assert (out.returncode, out.stdout, out.stderr) == (0, "yes\n", ""), args
    # A resource kubectl cannot find in discovery is still asked about, with its warning.
    out = kubectl.run("auth", "can-i", "list", "gadgets")
    assert (out.returncode, out.stdout) == (0, "yes\n")
    assert "the server doesn't have a resource type 'gadgets'" in out.stderr


def test_auth_can_i_list_prints_the_rules(kubectl: Kubectl) -> None:
    # A SelfSubjectRulesReview: one rule for every resource, one for every URL.
    out = _ok(kubectl, "auth", "can-i", "--list")
    rows = [line.split() for line in out.splitlines()]
    assert rows == [
        ["Resources", "Non-Resource", "URLs", "Resource", "Names", "Verbs"],
        ["*.*", "[]", "[]", "[*]"],
        ["[*]", "[]", "[*]"],
    ], out


def test_auth_whoami_names_the_kubeconfig_user(kubectl: Kubectl) -> None:
    if kubectl.version == "1.27":
        pytest.skip("kubectl 1.27 has `auth whoami` only as `alpha auth whoami` (v1alpha1)")
    out = _ok(kubectl, "auth", "whoami")
    rows = [line.split(None, 1) for line in out.splitlines()]
    assert rows == [
        ["ATTRIBUTE", "VALUE"],
        ["Username", "podd"],
        ["Groups", "[system:authenticated]"],
    ], out


def test_create_configmap_secret_namespace_service(kubectl: Kubectl) -> None:
    # kubectl >= 1.32 sends these creates in protobuf (its typed clients).
    cm, secret, ns = _name(kubectl, "cm"), _name(kubectl, "secret"), _name(kubectl, "ns")
    svc = _name(kubectl, "svc")
    try:
        out = _ok(kubectl, "create", "service", "clusterip", svc, "--tcp=80:8080")
        assert out == f"service/{svc} created\n"
        spec = json.loads(_ok(kubectl, "get", "service", svc, "-o", "json"))["spec"]
        assert [(p["port"], p["targetPort"]) for p in spec["ports"]] == [(80, 8080)]
        assert spec["selector"] == {"app": svc}
        out = _ok(kubectl, "create", "configmap", cm, "--from-literal=a=b", "--from-literal=c=d")
        assert out == f"configmap/{cm} created\n"
        got = json.loads(_ok(kubectl, "get", "configmap", cm, "-o", "json"))
        assert got["data"] == {"a": "b", "c": "d"}
        out = _ok(kubectl, "create", "secret", "generic", secret, "--from-literal=pw=s3cret")
        assert out == f"secret/{secret} created\n"
        got = json.loads(_ok(kubectl, "get", "secret", secret, "-o", "json"))
        assert (got["data"], got["type"]) == ({"pw": "czNjcmV0"}, "Opaque")
        assert _ok(kubectl, "create", "namespace", ns) == f"namespace/{ns} created\n"
        again = kubectl.run("create", "namespace", ns)
        assert again.returncode == 1
        assert f'namespaces "{ns}" already exists' in again.stderr
    finally:
        kubectl.run("delete", "configmap", cm, "--ignore-not-found")
        kubectl.run("delete", "secret", secret, "--ignore-not-found")
        kubectl.run("delete", "namespace", ns, "--ignore-not-found", "--wait=false")
        kubectl.run("delete", "service", svc, "--ignore-not-found")


def test_api_groups_in_api_versions_api_resources_and_explain(kubectl: Kubectl) -> None:
    # Discovery of the named groups (/apis) and their OpenAPI v3 documents.
    versions = _ok(kubectl, "api-versions").split()
    assert {"v1", "authorization.k8s.io/v1", "authentication.k8s.io/v1"} <= set(versions)
    out = _ok(kubectl, "api-resources", "--api-group=authorization.k8s.io")
    assert [line.split() for line in out.splitlines()] == [
        ["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"],
        ["selfsubjectaccessreviews", "authorization.k8s.io/v1", "false", "SelfSubjectAccessReview"],
        ["selfsubjectrulesreviews", "authorization.k8s.io/v1", "false", "SelfSubjectRulesReview"],
    ], out
    explained = _ok(kubectl, "explain", "selfsubjectaccessreviews.spec")
    assert re.search(r"^GROUP:\s+authorization\.k8s\.io$", explained, re.MULTILINE), explained
    assert re.search(r"^KIND:\s+SelfSubjectAccessReview$", explained, re.MULTILINE), explained
    assert re.search(r"^  resourceAttributes\t<ResourceAttributes>$", explained, re.MULTILINE)
    assert "exactly one of this and nonResourceAttributes" in " ".join(explained.split())
    v2 = _ok(kubectl, "explain", "selfsubjectreviews", "--output=plaintext-openapiv2")
    assert re.search(r"^VERSION:\s+authentication\.k8s\.io/v1$", v2, re.MULTILINE), v2


def test_protobuf_accept_gets_json(env: Env, tmp_path: Path) -> None:
    ca = tmp_path / "ca.crt"
    ca.write_bytes(env.kubeconfig.ca_pem())
    ctx = ssl.create_default_context(cafile=ca)
    headers = {
        "Authorization": f"Bearer {env.kubeconfig.token}",
        "Accept": "application/vnd.kubernetes.protobuf,application/json",
    }
    with httpx.Client(base_url=env.kubeconfig.server, verify=ctx, headers=headers) as c:
        r = c.get("/api/v1/namespaces/default/pods")
        assert r.status_code == 200, r.text
        assert r.headers["content-type"].startswith("application/json")
        assert r.json()["kind"] == "PodList"
        only = c.get(
            "/api/v1/namespaces", headers={"Accept": "application/vnd.kubernetes.protobuf"}
        )
        assert only.status_code == 200, only.text
        assert only.json()["kind"] == "NamespaceList"
