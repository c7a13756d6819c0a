"""The real ``podd doctor`` on this host (prepared by scripts/host-setup.sh:
it must pass), on a tree that imitates a broken host (it must fail, naming
each problem and its fix), and its findings in ``/podd/v1/info``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from podd.doctor.host import SYSTEM_DIRS
from podd.sandbox.binaries import find_pause
from tests.integration.cli.cli_helpers import cli_env
from tests.podd_process import PoddProcess

pytestmark = pytest.mark.integration

NAMES = [
    "subuid",
    "subgid",
    "newuidmap",
    "newgidmap",
    "kernel.unprivileged_userns_clone",
    "user.max_user_namespaces",
    "kernel.apparmor_restrict_unprivileged_userns",
    "podd-pause",
    "user-namespace",
    "tun",
    "slirp4netns",
    "nft",
    "oci-runtime",
    "conmon",
    "cgroup-v2",
    "cgroup-delegation",
    "overlayfs",
    "net.ipv4.ip_unprivileged_port_start",
    "disk",
    "socket",
]


def doctor(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "podd.cli.main", "doctor", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=cli_env(),
    )


def by_name(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in report["findings"]}


def test_doctor_passes_on_this_prepared_host(tmp_path: Path) -> None:
    done = doctor("--data-dir", str(tmp_path / "data"))
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("podd doctor: ") and lines[-1].startswith("podd can run here")
    marks = {
        line.split()[1].rstrip(":"): line.split()[0] for line in lines[1:-1] if line[:1] != " "
    }
    assert list(marks) == NAMES
    assert "FAIL" not in marks.values()
    # What host-setup.sh provides is OK, not merely tolerated.
    for name in ("subuid", "subgid", "newuidmap", "newgidmap", "user-namespace", "tun", "conmon"):
        assert marks[name] == "OK", done.stdout


def test_doctor_json_on_this_prepared_host(tmp_path: Path) -> None:
    done = doctor("--json", "--data-dir", str(tmp_path / "data"))
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout)
    assert report["ok"] is True and [f["name"] for f in report["findings"]] == NAMES
    found = by_name(report)
    made = f"podd-pause created one: uids 0->{os.getuid()}"
    assert found["user-namespace"]["detail"].startswith(made)  # started and stopped for real
    # One overlay mount tried in a sandbox, beside the data dir (still to be made).
    tried = f"mounted and unmounted one on {tmp_path}'s filesystem"
    assert found["overlayfs"]["detail"].startswith(tried)
    assert list(tmp_path.iterdir()) == []  # its scratch dir removed
    assert found["slirp4netns"]["detail"].split()[1][0].isdigit()  # its version
    assert "api-socket" in found["slirp4netns"]["detail"]
    assert found["oci-runtime"]["ok"] and found["oci-runtime"]["detail"].startswith(
        ("runc", "crun")
    )
    if "hybrid" in found["cgroup-v2"]["detail"]:  # this machine: crun cannot be the runtime
        assert found["oci-runtime"]["detail"].startswith("runc")
        assert "crun refuses hybrid cgroups" in found["oci-runtime"]["detail"]
    assert all(f["severity"] in ("error", "warning", "info") for f in report["findings"])
    assert all(f["fix"] for f in report["findings"] if not f["ok"])


def _broken_host(tmp_path: Path) -> Path:
    """This host's /proc, /sys and programs, with tun 0000 and no subuid entry."""
    root = tmp_path / "root"
    (root / "etc").mkdir(parents=True)
    (root / "proc").symlink_to("/proc")
    (root / "sys").symlink_to("/sys")
    shutil.copy("/etc/os-release", root / "etc" / "os-release")
    shutil.copy("/etc/subgid", root / "etc" / "subgid")
    (root / "etc" / "subuid").write_text("somebody-else:100000:65536\n")
    (root / "dev" / "net").mkdir(parents=True)
    (root / "dev" / "net" / "tun").touch(mode=0)
    (root / "dev" / "net" / "tun").chmod(0)  # nobody but root may open it
    path = ":".join(SYSTEM_DIRS)
    for name in ("newuidmap", "newgidmap", "slirp4netns", "runc", "crun", "conmon", "nft"):
        if real := shutil.which(name, path=path):
            link = root / real.lstrip("/")
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(real)
    (root / "usr/local/bin").mkdir(parents=True, exist_ok=True)
    (root / "usr/local/bin/podd-pause").symlink_to(find_pause())
    return root


def test_doctor_names_each_problem_with_its_fix(tmp_path: Path) -> None:
    root = _broken_host(tmp_path)
    done = doctor("--root", str(root), "--data-dir", str(tmp_path / "data"))
    assert done.returncode == 1, done.stdout + done.stderr
    out = done.stdout
    assert "FAIL  tun: /dev/net/tun is mode 0000" in out
    assert '      fix: sudo chmod 0666 /dev/net/tun && echo \'KERNEL=="tun"' in out
    assert "WARN  subuid: no subuid range for " in out
    assert "      fix: sudo usermod --add-subuids 165536-231071 " in out
    assert "OK    subgid: " in out and "OK    slirp4netns: " in out
    assert out.splitlines()[-1].startswith("podd cannot run here: 1 problem to fix")

    done = doctor("--json", "--root", str(root), "--data-dir", str(tmp_path / "data"))
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert report["ok"] is False
    tun = by_name(report)["tun"]
    assert (tun["ok"], tun["severity"]) == (False, "error")
    assert tun["fix"].startswith("sudo chmod 0666 /dev/net/tun")
    assert [f["name"] for f in report["findings"] if not f["ok"] and f["severity"] == "error"] == [
        "tun"
    ]


def test_info_carries_the_doctor_findings(tmp_path: Path) -> None:
    proc = PoddProcess(tmp_path)
    proc.start()
    try:
        with proc.client(timeout=60) as c:
            info = c.get("/podd/v1/info").json()
    finally:
        proc.stop()
    assert proc.leftovers == []
    report = info["doctor"]
    assert report["ok"] is True and [f["name"] for f in report["findings"]] == NAMES
    made = f"podd-pause created one: uids 0->{os.getuid()}"  # podd's own probe at start
    assert by_name(report)["user-namespace"]["detail"].startswith(made)
    assert by_name(report)["overlayfs"]["ok"]  # no pod yet: judged by the kernel
    socket = by_name(report)["socket"]
    assert socket["ok"] and socket["detail"].startswith(f"{proc.socket} (exists")
    assert by_name(report)["disk"]["detail"].endswith(f"for {proc.data_dir} (on {proc.data_dir})")
