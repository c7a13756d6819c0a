"""``podd get`` and ``podd describe`` print what the real kubectl (1.32)
prints for the same pods of the same podd, character for character: kubectl
over HTTPS with the kubeconfig ``podd kubeconfig`` writes, podd's CLI over
the unix socket. Ages tick between the two commands: their digits are
masked (``17s`` and ``18s`` both ``00s``, alignment still compared), and a
pair is run again (at most three times) when an age changed length."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import Kubectl, make_kubectl, write_kubeconfig
from tests.integration.cli.cli_helpers import podd_cli
from tests.integration.containers.helpers import pod, wait_phase, wait_running
from tests.integration.pods.helpers import wait_for
from tests.podd_process import PoddProcess
from tests.support.fixtures import registry, test_images  # noqa: F401
from tests.support.registry import Registry

pytestmark = pytest.mark.integration

PODS = "/api/v1/namespaces/default/pods"
TRIES = 3


@dataclass(frozen=True)
class Env:
    proc: PoddProcess
    kubeconfig: Path


def _sandbox_gone(pod_: dict[str, Any]) -> bool:
    conditions = {c["type"]: c["status"] for c in pod_["status"].get("conditions") or []}
    return conditions.get("PodReadyToStartContainers") == "False"


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory, registry: Registry) -> Iterator[Env]:  # noqa: F811
    base = tmp_path_factory.mktemp("podd-cli-kubectl")
    proc = PoddProcess(base, "--listen", "127.0.0.1:0", "--insecure-registry", registry.host)
    proc.start()
    image = f"{registry.host}/library/busybox:1.36"
    try:
        web = pod(
            "web",
            image,
            {
                "name": "main",
                "command": ["sh", "-c", "echo up; sleep 3600"],
                "ports": [{"containerPort": 8080, "name": "http"}],
                "env": [{"name": "MODE", "value": "test"}],
            },
        )
        web["metadata"]["labels"] = {"app": "web", "tier": "front"}
        web["metadata"]["annotations"] = {"team": "cli"}
        done = pod("done", image, {"name": "job", "command": ["sh", "-c", "exit 3"]})
        done["spec"]["restartPolicy"] = "Never"
        with proc.client(timeout=60) as c:
            assert c.post(PODS, json=web).status_code == 201
            assert c.post(PODS, json=done).status_code == 201
            wait_running(c, "web", "main")
            wait_phase(c, "done", "Failed")
            # its sandbox goes after its end: describe it once that settled
            wait_for("done's sandbox gone", lambda: _sandbox_gone(c.get(f"{PODS}/done").json()))
        yield Env(proc, write_kubeconfig(proc, base / "kubeconfig").path)
    finally:
        proc.stop()
    assert not proc.leftovers, f"processes left in podd's cgroup: {proc.leftovers}"


@pytest.fixture
def kubectl(env: Env, tmp_path: Path) -> Kubectl:
    return make_kubectl("1.32", tmp_path / "home", env.kubeconfig)


AGE = re.compile(r"\b\d+(?=[smhd](?:\d+[smh])?\b)|(?<=\d[smh])\d+(?=[smh]\b)")


def masked(text: str) -> str:
    """Ages (``5s``, ``4m5s``, ``3h``, ``12d``) with every digit a 0."""
    return AGE.sub(lambda m: "0" * len(m.group()), text)


def _pair(env: Env, kubectl: Kubectl, *argv: str) -> tuple[str, str]:
    ours: subprocess.CompletedProcess[str] | None = None
    theirs: subprocess.CompletedProcess[str] | None = None
    for _ in range(TRIES):
        theirs = kubectl.run(*argv)
        ours = podd_cli(env.proc, *argv)
        assert theirs.returncode == 0, theirs.stderr
        assert ours.returncode == 0, ours.stderr
        if masked(ours.stdout) == masked(theirs.stdout):
            break
    assert ours is not None and theirs is not None
    return masked(ours.stdout), masked(theirs.stdout)


@pytest.mark.parametrize(
    "argv",
    [
        ("get", "pods"),
        ("get", "pods", "-o", "wide"),
        ("get", "pods", "-l", "app=web"),
        ("get", "pod", "done"),
        ("get", "pods", "-o", "name"),
        ("get", "pods", "-A"),
        ("get", "events"),
        ("get", "pod", "web", "-o", "yaml"),
        ("get", "pod", "done", "-o", "json"),
        ("get", "pods", "-o", "yaml"),
    ],
    ids=" ".join,
)
def test_get_prints_what_kubectl_prints(env: Env, kubectl: Kubectl, argv: tuple[str, ...]) -> None:
    ours, theirs = _pair(env, kubectl, *argv)
    assert ours == theirs


@pytest.mark.parametrize("name", ["web", "done"])
def test_describe_prints_what_kubectl_prints(env: Env, kubectl: Kubectl, name: str) -> None:
    ours, theirs = _pair(env, kubectl, "describe", "pod", name)
    assert ours.splitlines() == theirs.splitlines()
    assert ours == theirs
