from __future__ import annotations

from tests.integration.containers.helpers import exec_, logs, pod, wait_phase, wait_running
from tests.integration.pods.helpers import PODS
from tests.podd_process import PoddProcess


def test_one_container_runs(podd: PoddProcess, busybox: str) -> None:
    with podd.client() as c:
        r = c.post(
            PODS,
            json=pod(
                "one",
                busybox,
                {"name": "main", "command": ["sh", "-c", "echo hello; echo oops >&2; sleep 3600"]},
            ),
        )
        assert r.status_code == 201, r.text
        try:
            st = wait_running(c, "one", "main")
        except AssertionError:
            print(podd.log()[-6000:])
            raise
        assert st["containerID"].startswith("runc://")
        assert st["imageID"]
        wait_phase(c, "one", "Running")
        out = logs(c, "one")
        assert "hello" in out and "oops" in out
        assert exec_(c, "one", "cat", "/etc/hostname")["stdout"].strip() == "one"
