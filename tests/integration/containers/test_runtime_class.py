"""runc and crun side by side: a pod's ``runtimeClassName`` names the OCI
runtime its containers run with, and ``containerID`` names it. On a hybrid
cgroup host (this CI) crun refuses to run: the pod asking for it gets a clear
CreateContainerConfigError instead."""

from __future__ import annotations

from typing import Any

from tests.integration.containers.helpers import get, pod, status_of, wait_running
from tests.integration.pods.helpers import PODS, wait_for
from tests.podd_process import PoddProcess


def with_class(name: str, image: str, runtime_class: str) -> dict[str, Any]:
    body = pod(name, image, {"name": "main", "command": ["sleep", "3600"]})
    body["spec"]["runtimeClassName"] = runtime_class
    return body


def test_each_pod_runs_with_the_runtime_it_names(podd: PoddProcess, busybox: str) -> None:
    with podd.client() as c:
        info = c.get("/podd/v1/info").json()["sandbox"]["containers"]["runtime"]
        usable = {r["name"] for r in info["candidates"] if r["usable"]}
        assert "runc" in usable
        assert c.post(PODS, json=with_class("on-runc", busybox, "runc")).status_code == 201
        assert wait_running(c, "on-runc", "main")["containerID"].startswith("runc://")
        assert c.post(PODS, json=with_class("on-crun", busybox, "crun")).status_code == 201
        if "crun" in usable:
            assert wait_running(c, "on-crun", "main")["containerID"].startswith("crun://")
            return

        def waiting() -> dict[str, Any] | None:
            st = status_of(get(c, "on-crun"), "main") or {}
            w = st.get("state", {}).get("waiting") or {}
            return w if w.get("reason") == "CreateContainerConfigError" else None

        message = wait_for("CreateContainerConfigError", waiting)["message"]
        assert message.startswith('RuntimeHandler "crun" not supported')
        assert "usable: runc" in message
