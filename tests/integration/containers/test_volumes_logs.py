"""ConfigMap volumes updated in place, and logs across a rotation."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from tests.integration.containers.helpers import exec_, logs, pod, wait_running
from tests.integration.pods.helpers import PODS, wait_for
from tests.podd_process import PoddProcess
from tests.support.registry import Registry

CMS = "/api/v1/namespaces/default/configmaps"


def test_configmap_volume_is_updated(podd: PoddProcess, busybox: str) -> None:
    with podd.client() as c:
        c.post(
            CMS,
            json={
                "apiVersion": "v1",
                "kind": "ConfigMap",
                "metadata": {"name": "app"},
                "data": {"mode": "one", "level": "3"},
            },
        )
        c.post(
            PODS,
            json=pod(
                "cmvol",
                busybox,
                {
                    "name": "main",
                    "command": ["sleep", "3600"],
                    "volumeMounts": [{"name": "cfg", "mountPath": "/etc/app"}],
                },
                volumes=[{"name": "cfg", "configMap": {"name": "app", "defaultMode": 0o640}}],
            ),
        )
        wait_running(c, "cmvol", "main")
        assert exec_(c, "cmvol", "cat", "/etc/app/mode")["stdout"] == "one"
        listing = exec_(c, "cmvol", "ls", "-la", "/etc/app")["stdout"]
        assert "..data ->" in listing and "mode -> ..data/mode" in listing
        assert exec_(c, "cmvol", "touch", "/etc/app/x")["exitCode"] != 0  # read-only
        r = c.patch(
            f"{CMS}/app",
            content=json.dumps({"data": {"mode": "two", "level": None}}),
            headers={"Content-Type": "application/merge-patch+json"},
        )
        assert r.status_code == 200, r.text

        def updated() -> bool:
            out = exec_(c, "cmvol", "cat", "/etc/app/mode")["stdout"]
            return out == "two"

        wait_for("the new ConfigMap content", updated, timeout=30)
        assert exec_(c, "cmvol", "ls", "/etc/app")["stdout"].split() == ["mode"]


@pytest.fixture
def small_logs(
    tmp_path_factory: pytest.TempPathFactory, registry: Registry
) -> Iterator[PoddProcess]:
    proc = PoddProcess(
        tmp_path_factory.mktemp("podd"),
        "--insecure-registry",
        registry.host,
        "--log-max-size",
        "4096",
        "--log-max-files",
        "3",
    )
    proc.start()
    try:
        yield proc
    finally:
        proc.stop()


def test_logs_across_rotation(small_logs: PoddProcess, busybox: str) -> None:
    # 200 lines of ~40 bytes: the log is cut at 4 KiB, so it rotates;
    # tail keeps working across the files that are kept.
    script = (
        'i=0; while [ $i -lt 200 ]; do echo "line-$i-padding-padding-padding"; '
        "i=$((i+1)); done; sleep 3600"
    )
    with small_logs.client() as c:
        c.post(PODS, json=pod("rot", busybox, {"name": "main", "command": ["sh", "-c", script]}))
        wait_running(c, "rot", "main")
        wait_for("the last line", lambda: "line-199-" in logs(c, "rot", tailLines="1"))
        # 3 files of 4 KiB hold ~150 records of ~77 bytes (timestamp, stream, tag).
        # A 15 KB burst makes conmon cut 4 times in a few ms: when podd could not
        # re-arm in between, it drops files it cannot prove contiguous, so what
        # is served may be shorter, but never has a hole and ends at the last line.
        tail = logs(c, "rot", tailLines="100").splitlines()
        assert tail[-1].startswith("line-199-") and 0 < len(tail) <= 100
        numbers = [int(line.split("-")[1]) for line in tail]
        assert numbers == list(range(200 - len(tail), 200))  # contiguous
        logs_dir = small_logs.data_dir / "logs"
        kept = [p for p in logs_dir.rglob("0.log*") if p.is_file() and not p.is_symlink()]
        assert kept and sum(p.stat().st_size for p in kept) <= 3 * 4096 + 128, kept
