"""Pods with containers, and waiting for their states."""

from __future__ import annotations

from typing import Any

import httpx

from tests.integration.pods.helpers import PODS, wait_for


def pod(name: str, image: str, *containers: dict[str, Any], **spec: Any) -> dict[str, Any]:
    cs = [{"image": image, **c} for c in containers]
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": name},
        "spec": {"containers": cs, "terminationGracePeriodSeconds": 2, **spec},
    }


def get(c: httpx.Client, name: str) -> dict[str, Any]:
    r = c.get(f"{PODS}/{name}")
    assert r.status_code == 200, r.text
    return dict(r.json())


def status_of(pod: dict[str, Any], container: str) -> dict[str, Any] | None:
    st = pod.get("status", {})
    for s in (st.get("containerStatuses") or []) + (st.get("initContainerStatuses") or []):
        if s["name"] == container:
            return dict(s)
    return None


def wait_running(c: httpx.Client, name: str, container: str, timeout: float = 60) -> dict[str, Any]:
    def check() -> dict[str, Any] | None:
        s = status_of(get(c, name), container)
        return s if s and s["state"].get("running") else None

    return dict(wait_for(f"{name}/{container} running", check, timeout))


def wait_phase(c: httpx.Client, name: str, phase: str, timeout: float = 60) -> dict[str, Any]:
    return dict(
        wait_for(
            f"{name} {phase}",
            lambda: (p := get(c, name))["status"]["phase"] == phase and p,
            timeout,
        )
    )


def logs(c: httpx.Client, name: str, **params: str) -> str:
    r = c.get(f"{PODS}/{name}/log", params=params)
    assert r.status_code == 200, r.text
    return r.text


def exec_(c: httpx.Client, name: str, *cmd: str, container: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"command": list(cmd)}
    if container:
        body["container"] = container
    r = c.post(f"/podd/v1/namespaces/default/pods/{name}/exec", json=body)
    assert r.status_code == 200, r.text
    return dict(r.json())
