"""``podd run`` as a CI job uses it, the real CLI against a live podd with
real rootless pods: the container's exit code is the command's, its output
on stdout while it runs, and ``--rm`` leaves no pod behind (podd's own
fixture checks that no process is left in its cgroup)."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.cli.cli_helpers import cli_env, podd_cli, with_socket
from tests.podd_process import PoddProcess
from tests.support.fixtures import registry, test_images  # noqa: F401
from tests.support.registry import Registry

pytestmark = pytest.mark.integration

PODS = "/api/v1/namespaces/default/pods"


@pytest.fixture(scope="module")
def podd_reg(tmp_path_factory: pytest.TempPathFactory, registry: Registry) -> Iterator[PoddProcess]:  # noqa: F811
    proc = PoddProcess(
        tmp_path_factory.mktemp("podd-cli-run"), "--insecure-registry", registry.host
    )
    proc.start()
    try:
        yield proc
    finally:
        proc.stop()
    assert not proc.leftovers, f"processes left in podd's cgroup: {proc.leftovers}"


@pytest.fixture(scope="module")
def image(registry: Registry) -> str:  # noqa: F811
    return f"{registry.host}/library/busybox:1.36"


def _pod_names(proc: PoddProcess) -> list[str]:
    with proc.client() as c:
        return [p["metadata"]["name"] for p in c.get(PODS).json()["items"]]


def _files(proc: PoddProcess) -> set[Path]:
    found: set[Path] = set()
    for root in (proc.data_dir, proc.runtime_dir):
        for parent, dirs, files in os.walk(root):
            found.update(Path(parent, name) for name in dirs + files)
    return found


def test_rm_returns_the_exit_code_and_leaves_nothing(podd_reg: PoddProcess, image: str) -> None:
    assert podd_cli(podd_reg, "images", "pull", image).returncode == 0
    before = _files(podd_reg)
    # The line, word for word: no --restart (--rm makes it Never).
    out = podd_cli(podd_reg, "run", "--rm", "t", f"--image={image}", "--", "sh", "-c", "exit 3")
    assert out.returncode == 3, out.stderr
    assert out.stdout.splitlines()[-1] == 'pod "t" deleted'
    assert "pod default/t terminated (Error)" in out.stderr
    with podd_reg.client() as c:
        assert c.get(f"{PODS}/t").status_code == 404
    assert "t" not in _pod_names(podd_reg)
    # Nothing of the pod on disk: what is new are podd's (now empty) places
    # for pods, logs and volumes, and the pod network's own records.
    network = podd_reg.runtime_dir / "network"
    left = [
        p
        for p in _files(podd_reg) - before
        if not (p.is_dir() and not any(p.iterdir())) and not p.is_relative_to(network)
    ]
    assert left == []


def test_restart_never_streams_output_and_fails_with_the_code(
    podd_reg: PoddProcess, image: str
) -> None:
    script = "echo one; echo two; exit 7"
    out = podd_cli(
        podd_reg,
        "run",
        "--rm",
        "ci",
        f"--image={image}",
        "--restart=Never",
        "--",
        "sh",
        "-c",
        script,
    )
    assert out.returncode == 7, out.stderr
    assert out.stdout == 'one\ntwo\npod "ci" deleted\n'
    assert "ci" not in _pod_names(podd_reg)


def test_success_keeps_the_pod_without_rm(podd_reg: PoddProcess, image: str) -> None:
    # --command: the words are the container's command (the image's sh not used).
    out = podd_cli(
        podd_reg,
        "run",
        "done",
        f"--image={image}",
        "--restart=Never",
        "--env",
        "WHO=ci",
        "--command",
        "--",
        "sh",
        "-c",
        "echo hello $WHO",
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout == "hello ci\n"
    with podd_reg.client() as c:
        pod = c.get(f"{PODS}/done").json()
    assert pod["status"]["phase"] == "Succeeded"
    assert pod["metadata"]["labels"] == {"run": "done"}
    assert pod["spec"]["containers"][0]["command"] == ["sh", "-c", "echo hello $WHO"]
    deleted = podd_cli(podd_reg, "delete", "pod", "done")
    assert deleted.stdout == 'pod "done" deleted\n', deleted.stderr


def test_always_creates_and_returns(podd_reg: PoddProcess, image: str) -> None:
    out = podd_cli(podd_reg, "run", "bg", f"--image={image}", "-l", "app=bg", "--", "sleep", "3600")
    assert out.returncode == 0, out.stderr
    assert out.stdout == "pod/bg created\n"
    with podd_reg.client() as c:
        pod = c.get(f"{PODS}/bg").json()
    assert pod["spec"]["restartPolicy"] == "Always"
    assert pod["metadata"]["labels"] == {"app": "bg"}
    assert pod["spec"]["containers"][0]["args"] == ["sleep", "3600"]
    again = podd_cli(podd_reg, "run", "bg", f"--image={image}")
    assert again.returncode == 1
    assert 'Error from server (AlreadyExists): pods "bg" already exists' in again.stderr
    assert podd_cli(podd_reg, "delete", "pod", "bg", "--grace-period", "0").returncode == 0


def test_stdin_is_attached_with_i(podd_reg: PoddProcess, image: str) -> None:
    out = podd_cli(
        podd_reg,
        "run",
        "-i",
        "--rm",
        "cat",
        f"--image={image}",
        "--restart=Never",
        "--",
        "sh",
        "-c",
        "cat; exit 5",
        stdin="piped in\n",
    )
    assert out.returncode == 5, out.stderr
    assert out.stdout.startswith("piped in\n"), out.stdout
    assert out.stdout.endswith('pod "cat" deleted\n')
    assert "cat" not in _pod_names(podd_reg)


def test_refusals_say_what_is_wrong(podd_reg: PoddProcess, image: str) -> None:
    out = podd_cli(podd_reg, "run", "x", "--", "true")
    assert out.returncode == 1
    assert "--image is required" in out.stderr
    tty = podd_cli(podd_reg, "run", "x", f"--image={image}", "-t", "--", "true")
    assert tty.returncode == 1
    assert "-i/--stdin is required for containers with -t/--tty=true" in tty.stderr
    bad = podd_cli(podd_reg, "run", "Bad_Name", f"--image={image}", "--rm", "--", "true")
    assert bad.returncode == 1
    assert "Error from server (Invalid)" in bad.stderr
    assert "x" not in _pod_names(podd_reg)


def _read_until(fd: int, wanted: bytes, deadline: float) -> bytes:
    seen = b""
    while wanted not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], max(deadline - time.monotonic(), 0))
        if not ready:
            break
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    return seen


def test_it_gives_an_interactive_terminal(podd_reg: PoddProcess, image: str) -> None:
    """``-it`` on a real pseudo-terminal: what is typed reaches the container's
    shell, its terminal answers, ``exit 4`` is the command's exit code."""
    master, slave = pty.openpty()
    argv = with_socket(
        podd_reg, ("run", "-it", "--rm", "tty", f"--image={image}", "--restart=Never", "--", "sh")
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "podd.cli.main", *argv],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=cli_env(),
        start_new_session=True,
    )
    os.close(slave)
    deadline = time.monotonic() + 90
    try:
        seen = _read_until(master, b"try pressing enter", deadline)
        os.write(master, b"echo $((6*7)) $(tty)\n")
        seen += _read_until(master, b"42 /dev/", deadline)
        assert b"42 /dev/" in seen, seen
        os.write(master, b"exit 4\n")
        seen += _read_until(master, b'pod "tty" deleted', deadline)
        assert proc.wait(timeout=max(deadline - time.monotonic(), 1)) == 4, seen
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
    assert b'pod "tty" deleted' in seen
    assert "tty" not in _pod_names(podd_reg)


def test_a_container_that_never_starts_times_out_and_is_removed(
    podd_reg: PoddProcess,
    registry: Registry,  # noqa: F811
) -> None:
    missing = f"{registry.host}/library/nothing:1"
    out = podd_cli(
        podd_reg,
        "run",
        "--rm",
        "gone",
        f"--image={missing}",
        "--pod-running-timeout=5s",
        "--",
        "true",
    )
    assert out.returncode == 1
    assert "podd: timed out waiting for the condition on pods/gone" in out.stderr
    assert "(the container is waiting: " in out.stderr  # ErrImagePull, ImagePullBackOff...
    assert out.stdout == 'pod "gone" deleted\n'
    assert "gone" not in _pod_names(podd_reg)
