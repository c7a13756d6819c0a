"""Containers of one pod share the pause's network (and, when asked, its PID
namespace); each container still has its own everything else."""

from __future__ import annotations

from pathlib import Path

import pytest

from podd.runtime import exec_in_container
from podd.runtime.exits import wait_exit_file

from .conftest import Harness, log_lines, make_pod

pytestmark = pytest.mark.integration

HTTPD = {
    "name": "web",
    "image": "busybox",
    "command": ["httpd", "-f", "-v", "-p", "80", "-h", "/var/www"],
}


async def _wait_listening(harness: Harness, handle: object, port: int = 80) -> None:
    """Until the server listens (each check is an exec; bounded in count)."""
    check = ["sh", "-c", f"netstat -ltn | grep -q ':{port} '"]
    for _ in range(100):
        res = await exec_in_container(harness.rt, handle, check)  # type: ignore[arg-type]
        if res.exit_code == 0:
            return
    raise AssertionError("the server never listened")


async def test_containers_share_the_pod_network(harness: Harness) -> None:
    box = await harness.sandbox("net")
    client = {
        "name": "client",
        "image": "busybox",
        "command": ["wget", "-qO-", "http://127.0.0.1:80/"],
    }
    pod = make_pod(box.uid, "net", [HTTPD, client])
    web = await harness.run(box, pod, "web")
    await _wait_listening(harness, web)
    fetch = await harness.run(box, pod, "client")
    status = await harness.wait_exit(fetch)
    assert status.exit_code == 0
    assert log_lines(Path(fetch.log_path)) == [("stdout", "hello from podd")]
    # the server logged the request (httpd -v writes to stderr)
    assert any("GET /" in t or "127.0.0.1" in t for _, t in log_lines(Path(web.log_path)))


@pytest.mark.parametrize("shared", [True, False])
async def test_share_process_namespace(harness: Harness, shared: bool) -> None:
    box = await harness.sandbox("pids")
    ps = {"name": "ps", "image": "busybox", "command": ["ps", "-o", "pid,comm"]}
    pod = make_pod(box.uid, "pids", [HTTPD, ps], shareProcessNamespace=shared)
    web = await harness.run(box, pod, "web")
    await _wait_listening(harness, web)
    handle = await harness.run(box, pod, "ps")
    await harness.wait_exit(handle)
    rows = [t.split() for s, t in log_lines(Path(handle.log_path)) if s == "stdout"][1:]
    procs = {comm: int(pid) for pid, comm in rows}
    if shared:
        assert procs.get("podd-pause") == 1, rows
        assert "httpd" in procs and "ps" in procs
    else:
        assert procs == {"ps": 1}, rows


async def test_second_server_on_the_same_port_fails(harness: Harness) -> None:
    box = await harness.sandbox("ports")
    second = dict(HTTPD, name="web2")
    pod = make_pod(box.uid, "ports", [HTTPD, second])
    first = await harness.run(box, pod, "web")
    await _wait_listening(harness, first)
    other = await harness.run(box, pod, "web2")
    status = await harness.wait_exit(other)
    assert status.exit_code != 0
    text = " ".join(t for _, t in log_lines(Path(other.log_path)))
    assert "Address already in use" in text, text
    # the first one keeps serving
    res = await exec_in_container(harness.rt, first, ["wget", "-qO-", "http://127.0.0.1:80/"])
    assert (res.exit_code, res.stdout) == (0, "hello from podd\n")
    assert not await wait_exit_file(first.exit_file, 0)
