"""The real ``kubectl debug`` (1.32 and 1.33) against podd over TLS: an
ephemeral container added through the ephemeralcontainers subresource (a
strategic merge patch), run in the target container's PID namespace, its
output read back through attach (or the logs kubectl falls back to), its
status in ``get -o jsonpath`` and ``describe``; a second one added beside it,
and changing an existing one refused (422) in the apiserver's words; the
profiles general/baseline/netadmin (their capabilities) and sysadmin refused
as rootless podd refuses privileged containers; ``-it`` on a pseudo-terminal."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.e2e.conftest import Kubectl, make_kubectl, start_podd, stop_podd, write_kubeconfig
from tests.integration.containers.helpers import pod, wait_running
from tests.integration.pods.helpers import PODS, wait_for
from tests.podd_process import PoddProcess
from tests.support.fixtures import registry, test_images  # noqa: F401
from tests.support.registry import Registry

pytestmark = pytest.mark.integration


@dataclass(frozen=True)
class Env:
    proc: PoddProcess
    kubeconfig: Path
    image: str


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory, registry: Registry) -> Iterator[Env]:  # noqa: F811
    base = tmp_path_factory.mktemp("podd-kdebug")
    proc = start_podd(base, "--listen", "127.0.0.1:0", "--insecure-registry", registry.host)
    try:
        kc = write_kubeconfig(proc, base / "kubeconfig")
        image = f"{registry.host}/library/busybox:1.36"
        with proc.client(timeout=60) as c:
            spec = pod(
                "web",
                image,
                {"name": "app", "command": ["sleep", "3600"]},
                {"name": "side", "command": ["sleep", "7200"]},
            )
            assert c.post(PODS, json=spec).status_code == 201
            wait_running(c, "web", "app")
            wait_running(c, "web", "side")
        yield Env(proc, kc.path, image)
    finally:
        stop_podd(proc)


@pytest.fixture(params=["1.32", "1.33"])
def kubectl(request: pytest.FixtureRequest, env: Env, tmp_path: Path) -> Kubectl:
    return make_kubectl(request.param, tmp_path / "home", env.kubeconfig)


def run_with_stdin(k: Kubectl, stdin: str, *args: str) -> subprocess.CompletedProcess[str]:
    """kubectl with its stdin piped (``-i`` attaches it to the container)."""
    argv = [str(k.binary), "--kubeconfig", str(k.kubeconfig), "--cache-dir", str(k.home / "cache")]
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(k.home)}
    return subprocess.run(
        [*argv, *args], input=stdin, capture_output=True, text=True, timeout=120, env=env
    )


def jsonpath(k: Kubectl, expr: str) -> str:
    out = k.run("get", "pod", "web", "-o", f"jsonpath={expr}")
    assert out.returncode == 0, out.stderr
    return out.stdout


def ephemeral_field(k: Kubectl, name: str, path: str) -> str:
    return jsonpath(k, f'{{.status.ephemeralContainerStatuses[?(@.name=="{name}")]{path}}}')


def suffix(k: Kubectl) -> str:
    return k.version.replace(".", "")


def test_debug_with_target_sees_the_target_process(kubectl: Kubectl, env: Env) -> None:
    name = f"dbg{suffix(kubectl)}"
    out = run_with_stdin(
        kubectl, "", "debug", "web", "-i", "-c", name, f"--image={env.image}", "--target=app",
        "--", "ps",
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "sleep 3600" in out.stdout, (out.stdout, out.stderr)
    assert "sleep 7200" not in out.stdout  # the other container's PID namespace
    reason = wait_for(
        f"{name} terminated",
        lambda: ephemeral_field(kubectl, name, ".state.terminated.reason"),
        timeout=60,
    )
    assert reason == "Completed"
    assert ephemeral_field(kubectl, name, ".state.terminated.exitCode") == "0"
    assert ephemeral_field(kubectl, name, ".restartCount") == "0"
    targets = jsonpath(
        kubectl, f'{{.spec.ephemeralContainers[?(@.name=="{name}")].targetContainerName}}'
    )
    assert targets == "app"
    # READY counts the app containers only.
    table = kubectl.run("get", "pod", "web")
    assert table.returncode == 0 and " 2/2 " in table.stdout, table.stdout
    described = kubectl.run("describe", "pod", "web")
    assert described.returncode == 0, described.stderr
    text = described.stdout
    assert "Ephemeral Containers:" in text
    section = text[text.index("Ephemeral Containers:") :]
    assert f"  {name}:" in section and "Terminated" in section and "Completed" in section
    assert f"Started container {name}" in text  # its kubelet events


def test_debug_attaches_piped_stdin_to_a_running_one(kubectl: Kubectl, env: Env) -> None:
    """The container waits for a line, so kubectl attaches to it running."""
    name = f"talk{suffix(kubectl)}"
    script = "read -r line; echo got:$line; ps"
    out = run_with_stdin(
        kubectl, "hello\n", "debug", "web", "-i", "-c", name, f"--image={env.image}",
        "--target=app", "--", "sh", "-c", script,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "got:hello" in out.stdout and "sleep 3600" in out.stdout, (out.stdout, out.stderr)
    assert "falling back to streaming logs" not in out.stderr


def run_in_terminal(k: Kubectl, typed: bytes, *args: str, timeout: float = 60) -> tuple[int, str]:
    """kubectl on a pseudo-terminal (``-t`` needs one), ``typed`` sent once it
    says it is attached; (exit code, all it printed)."""
    argv = [str(k.binary), "--kubeconfig", str(k.kubeconfig), "--cache-dir", str(k.home / "cache")]
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(k.home), "TERM": "dumb"}
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [*argv, *args], stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    out, sent = b"", False
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: the terminal's other side is closed
                    break
                if not chunk:
                    break
                out += chunk
            if not sent and b"press" in out.lower():  # "try pressing enter"
                os.write(master, typed)
                sent = True
            if proc.poll() is not None and not ready:
                break
        return proc.wait(timeout=max(1.0, deadline - time.monotonic())), out.decode(
            errors="replace"
        )
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)


def test_debug_with_a_terminal(kubectl: Kubectl, env: Env) -> None:
    """``kubectl debug -it``: a shell on a terminal in the target's PID namespace."""
    name = f"tty{suffix(kubectl)}"
    rc, out = run_in_terminal(
        kubectl, b"ps; exit 0\r", "debug", "web", "-it", "-c", name, f"--image={env.image}",
        "--target=app", "--", "sh",
    )  # fmt: skip
    assert rc == 0, out
    assert "sleep 3600" in out, out
    assert "falling back" not in out  # attached, not read back from its log
    reason = wait_for(
        f"{name} terminated",
        lambda: ephemeral_field(kubectl, name, ".state.terminated.reason"),
        timeout=60,
    )
    assert reason == "Completed"


CAP_NET_ADMIN, CAP_SYS_PTRACE = 12, 19


def effective_caps(text: str) -> int:
    line = next(x for x in text.splitlines() if x.startswith("CapEff:"))
    return int(line.split()[1], 16)


@pytest.mark.parametrize(
    ("profile", "cap"),
    [("general", CAP_SYS_PTRACE), ("baseline", None), ("netadmin", CAP_NET_ADMIN)],
)
def test_debug_profiles(kubectl: Kubectl, env: Env, profile: str, cap: int | None) -> None:
    """The capabilities a profile adds are the container's (SYS_PTRACE for
    general, NET_ADMIN for netadmin), in the target's PID namespace."""
    name = f"{profile[:3]}{suffix(kubectl)}"
    out = run_with_stdin(
        kubectl, "", "debug", "web", "-i", "-c", name, f"--image={env.image}",
        f"--profile={profile}", "--target=app", "--", "sh", "-c", "grep Cap /proc/self/status; ps",
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "sleep 3600" in out.stdout, (out.stdout, out.stderr)
    if cap is not None:
        assert effective_caps(out.stdout) & (1 << cap), out.stdout


def test_sysadmin_profile_is_refused_as_rootless(kubectl: Kubectl, env: Env) -> None:
    """sysadmin asks for a privileged container, which rootless podd refuses (422)."""
    name = f"sys{suffix(kubectl)}"
    out = kubectl.run(
        "debug", "web", "-c", name, f"--image={env.image}", "--profile=sysadmin", "--", "true"
    )
    assert out.returncode != 0
    assert 'The Pod "web" is invalid' in out.stderr
    assert ".securityContext.privileged: Forbidden" in out.stderr, out.stderr


def test_a_second_debug_container_is_added_beside_the_first(kubectl: Kubectl, env: Env) -> None:
    first, second = f"one{suffix(kubectl)}", f"two{suffix(kubectl)}"
    for name in (first, second):
        out = kubectl.run("debug", "web", "-c", name, f"--image={env.image}", "--", "true")
        assert out.returncode == 0, out.stderr
    names = jsonpath(kubectl, "{.spec.ephemeralContainers[*].name}").split()
    assert names.index(first) < names.index(second)
    for name in (first, second):
        wait_for(
            f"{name} terminated",
            lambda n=name: ephemeral_field(kubectl, n, ".state.terminated.reason"),  # type: ignore[misc]
            timeout=60,
        )


def test_changing_an_existing_one_is_invalid(kubectl: Kubectl, env: Env) -> None:
    """kubectl debug cannot express a change (it only adds); kubectl patch on
    the subresource can, and is refused as the apiserver refuses it."""
    name = f"fixed{suffix(kubectl)}"
    out = kubectl.run("debug", "web", "-c", name, f"--image={env.image}", "--", "true")
    assert out.returncode == 0, out.stderr
    names = jsonpath(kubectl, "{.spec.ephemeralContainers[*].name}").split()
    index = names.index(name)
    ops = (
        f'[{{"op":"replace","path":"/spec/ephemeralContainers/{index}/command","value":["false"]}}]'
    )
    again = kubectl.run(
        "patch", "pod", "web", "--subresource=ephemeralcontainers", "--type=json", "-p", ops
    )
    assert again.returncode != 0
    assert 'The Pod "web" is invalid' in again.stderr, again.stderr
    assert f'existing ephemeral containers "{name}" may not be changed' in again.stderr
