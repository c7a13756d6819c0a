import asyncio
import os
from pathlib import Path

import pytest

from podd.sandbox.cgrouplimits import CgroupPolicy
from podd.sandbox.cgroups import (
    CgroupInfo,
    CgroupManager,
    CgroupMode,
    CgroupStats,
    NotEnforced,
    PodLimits,
    cpu_weight,
    discover,
    find_delegated_root,
    limit_writes,
    own_cgroup,
    parse_mountinfo,
)
from podd.sandbox.env import SandboxEnv
from podd.sandbox.errors import CgroupError, CgroupKillTimeoutError
from podd.sandbox.userns import IdMapping, IdMapTools

HYBRID = "".join(
    [
        "24 31 0:22 / /sys rw,nosuid shared:7 - sysfs sysfs rw\n",
        "30 24 0:26 / /sys/fs/cgroup ro,nosuid shared:9 - tmpfs tmpfs ro,mode=755\n",
        "31 30 0:27 / /sys/fs/cgroup/unified rw,nosuid shared:10 - cgroup2 cgroup2 rw,nsdelegate\n",
        "32 30 0:28 / /sys/fs/cgroup/systemd rw shared:11 - cgroup cgroup rw,name=systemd\n",
        "35 30 0:31 / /sys/fs/cgroup/memory rw,nosuid shared:15 - cgroup cgroup rw,memory\n",
    ]
)
UNIFIED = "29 24 0:25 / /sys/fs/cgroup rw,nosuid shared:4 - cgroup2 cgroup2 rw,nsdelegate\n"
V1 = "35 30 0:31 / /sys/fs/cgroup/memory rw,nosuid - cgroup cgroup rw,memory\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (HYBRID, CgroupInfo(CgroupMode.HYBRID, "/sys/fs/cgroup/unified")),
        (UNIFIED, CgroupInfo(CgroupMode.UNIFIED, "/sys/fs/cgroup")),
        (V1, CgroupInfo(CgroupMode.V1)),
        ("", CgroupInfo(CgroupMode.NONE)),
    ],
)
def test_parse_mountinfo(text: str, expected: CgroupInfo) -> None:
    assert parse_mountinfo(text) == expected


def make_cgroup(path: Path, controllers: str = "", populated: bool = False) -> Path:
    """A directory that looks like a cgroup v2 node."""
    path.mkdir(parents=True, exist_ok=True)
    (path / "cgroup.controllers").write_text(controllers + "\n")
    (path / "cgroup.subtree_control").write_text("\n")
    (path / "cgroup.procs").write_text("")
    (path / "cgroup.events").write_text(f"populated {int(populated)}\nfrozen 0\n")
    (path / "cgroup.kill").write_text("")
    return path


def test_own_cgroup_and_delegated_root(tmp_path: Path) -> None:
    mount = tmp_path / "cg"
    leaf = make_cgroup(mount / "user.slice" / "podd.alice" / "session.7")
    make_cgroup(mount / "user.slice" / "podd.alice")
    make_cgroup(mount / "user.slice")
    cgfile = tmp_path / "self-cgroup"
    cgfile.write_text("1:name=systemd:/user.slice\n0::/user.slice/podd.alice/session.7\n")
    assert own_cgroup(mount, cgfile) == leaf
    if os.geteuid() == 0:
        pytest.skip("root can write everywhere; the walk-up stop needs an unprivileged user")
    (mount / "user.slice").chmod(0o555)
    (mount / "user.slice" / "cgroup.procs").chmod(0o444)
    try:
        assert find_delegated_root(mount, cgfile) == mount / "user.slice" / "podd.alice"
    finally:
        (mount / "user.slice").chmod(0o755)


def test_discover_without_v2_reports_why(tmp_path: Path) -> None:
    mi = tmp_path / "mountinfo"
    mi.write_text(V1)
    found = discover(mountinfo=mi, cgroup_file=tmp_path / "none")
    assert found.root is None and found.reason is not None and "cgroup v1" in found.reason


def test_discover_configured_root(tmp_path: Path) -> None:
    mi = tmp_path / "mountinfo"
    mi.write_text(UNIFIED)
    root = make_cgroup(tmp_path / "deleg", "cpu memory pids")
    found = discover(root, mountinfo=mi)
    assert found.root == str(root) and found.controllers == ["cpu", "memory", "pids"]
    assert found.info.mode is CgroupMode.UNIFIED


def test_plan_is_re_exported() -> None:
    # callers keep importing the plan from cgroups (it lives in cgrouplimits)
    assert limit_writes(PodLimits(cpu_request_millis=1000))[0].value == str(cpu_weight(1000))


@pytest.fixture
def tree(tmp_path: Path) -> CgroupManager:
    root = make_cgroup(tmp_path / "root", "cpu memory")
    make_cgroup(root / "podd", "cpu memory")
    make_cgroup(root / "podd" / "daemon", "cpu memory")
    make_cgroup(root / "podd" / "pods", "cpu memory")
    return CgroupManager(root)


def test_setup_daemon_moves_us_and_enables_controllers(tree: CgroupManager) -> None:
    assert tree.setup_daemon(pid=4242) == []
    assert (tree.daemon / "cgroup.procs").read_text() == "4242"
    for path in (tree.root, tree.base, tree.pods):
        assert (path / "cgroup.subtree_control").read_text() == "+cpu +memory"


def test_create_pod_and_limits(tree: CgroupManager) -> None:
    pod = tree.create_pod("0b6e-uid")
    assert pod == tree.pods / "0b6e-uid" and (pod / "infra").is_dir()
    (pod / "cgroup.controllers").write_text("cpu memory\n")  # what the kernel would show
    missing = tree.apply_limits(pod, PodLimits(memory_bytes=1 << 30, cpu_millis=250, pids=64))
    assert (pod / "memory.max").read_text() == str(1 << 30)
    assert (pod / "cpu.max").read_text() == "25000 100000"
    assert missing == [
        NotEnforced(
            "pids", "pids", "64", "the pids controller is not delegated (available: cpu, memory)"
        )
    ]
    with pytest.raises(CgroupError):
        tree.create_pod("0b6e-uid")
    with pytest.raises(CgroupError, match="unsafe"):
        tree.create_pod("../escape")


def test_podds_own_limits_are_not_reported_per_pod(tree: CgroupManager) -> None:
    pod = tree.create_pod("own")
    (pod / "cgroup.controllers").write_text("cpu\n")  # no memory, no pids (a hybrid host)
    limits = PodLimits(
        cpu_request_millis=0, memory_min_bytes=1 << 20, memory_high_bytes=2 << 20, pod_pids_limit=64
    )
    assert tree.apply_limits(pod, limits) == []  # enforcement() reports those once
    assert (pod / "cpu.weight").read_text() == "1"
    assert not (pod / "pids.max").exists() and not (pod / "memory.min").exists()
    # a request the pod made is reported as before
    asked = tree.apply_limits(pod, PodLimits(memory_bytes=1 << 20, cpu_request_millis=100))
    assert [(n.resource, n.asked) for n in asked] == [("memory", True)]


def test_podds_own_limit_refused_by_a_delegated_controller_is_returned(
    tree: CgroupManager,
) -> None:
    pod = tree.create_pod("refused")
    (pod / "cgroup.controllers").write_text("pids\n")
    (pod / "pids.max").mkdir()  # a write that fails
    missing = tree.apply_limits(pod, PodLimits(pod_pids_limit=64))
    assert [(n.resource, n.value, n.asked) for n in missing] == [("pod pids", "64", False)]


def test_protect_pods_sums_the_pods_memory_min_up_the_tree(tree: CgroupManager) -> None:
    (tree.pods / "cgroup.controllers").write_text("cpu memory\n")
    a, b = tree.create_pod("a"), tree.create_pod("b")
    (a / "memory.min").write_text(str(64 << 20))
    (b / "memory.min").write_text(str(32 << 20))
    tree.protect_pods()
    assert (tree.pods / "memory.min").read_text() == str(96 << 20)
    assert (tree.base / "memory.min").read_text() == str(96 << 20)
    asyncio.run(tree.destroy_pod(a))
    assert (tree.pods / "memory.min").read_text() == str(32 << 20)
    (tree.pods / "cgroup.controllers").write_text("cpu\n")  # no memory: nothing written
    (tree.pods / "memory.min").unlink()
    tree.protect_pods()
    assert not (tree.pods / "memory.min").exists()


def test_place_errors_are_typed(tree: CgroupManager, tmp_path: Path) -> None:
    with pytest.raises(CgroupError, match="cannot move 1"):
        tree.place(1, tmp_path / "nowhere")


def test_stats(tree: CgroupManager) -> None:
    pod = tree.create_pod("p")
    (pod / "cpu.stat").write_text("usage_usec 1500\nuser_usec 1000\nsystem_usec 500\n")
    (pod / "memory.current").write_text("4096\n")
    (pod / "memory.events").write_text("low 0\nhigh 0\nmax 2\noom 1\noom_kill 1\n")
    assert tree.stats(pod) == CgroupStats(1500, 1000, 500, 4096, 1, None)


async def test_kill_waits_for_populated_0_then_removes(tree: CgroupManager) -> None:
    pod = tree.create_pod("p")
    make_cgroup(pod, populated=True)
    make_cgroup(pod / "infra", populated=True)

    async def kernel() -> None:  # what the kernel does after cgroup.kill
        while (pod / "cgroup.kill").read_text() != "1":
            await asyncio.sleep(0.005)
        (pod / "cgroup.events").write_text("populated 0\nfrozen 0\n")

    task = asyncio.create_task(kernel())
    await asyncio.wait_for(tree.destroy_pod(pod, timeout=5.0), 10)
    await task
    assert not pod.exists()
    tree.remove(pod)  # idempotent
    await tree.kill(pod)


async def test_kill_times_out(tree: CgroupManager) -> None:
    pod = tree.create_pod("p")
    (pod / "cgroup.events").write_text("populated 1\n")
    with pytest.raises(CgroupKillTimeoutError, match="still populated"):
        await tree.kill(pod, timeout=0.1)
    assert pod.exists()


async def test_kill_without_cgroup_kill_signals_members(tree: CgroupManager) -> None:
    pod = tree.create_pod("old-kernel")
    proc = await asyncio.create_subprocess_exec("sleep", "60")
    (pod / "infra" / "cgroup.procs").write_text(f"{proc.pid}\n")  # no cgroup.events/kill here

    async def kernel() -> None:  # the member leaves the cgroup when it dies
        await proc.wait()
        (pod / "infra" / "cgroup.procs").write_text("")

    task = asyncio.create_task(kernel())
    await asyncio.wait_for(tree.kill(pod, timeout=5.0), 10)
    await task
    assert proc.returncode == -9


def _env(tmp_path: Path, cgroups: CgroupManager | None, policy: CgroupPolicy) -> SandboxEnv:
    return SandboxEnv(
        runtime_dir=tmp_path / "run",
        pause=tmp_path / "podd-pause",
        slirp4netns=tmp_path / "slirp4netns",
        cgroups=cgroups,
        id_mapping=IdMapping([], [], helpers=False),
        id_tools=IdMapTools(None, None, newuidmap_ok=False, newgidmap_ok=False),
        cgroup_policy=policy,
    )


def test_cgroup_report_for_info(tree: CgroupManager, tmp_path: Path) -> None:
    (tree.pods / "cgroup.controllers").write_text("hugetlb\n")  # this hybrid CI host
    report, warnings = _env(tmp_path, tree, CgroupPolicy()).cgroup_report("hybrid")
    assert report["mode"] == "hybrid" and report["controllers"] == ["hugetlb"]
    assert report["podPidsLimit"] == 4096 and report["memoryQoS"] is True
    assert report["enforced"] == [] and len(report["notEnforced"]) == 7
    assert [w.split(" ")[0] for w in warnings] == [
        "pids.max",
        "memory.min",
        "memory.high",
        "memory.oom.group",
    ]
    # a unified host with every controller delegated: everything, no warning
    unified = CgroupManager(Path("/sys/fs/cgroup/user.slice/podd.u"))  # never touched:
    every = ["cpuset", "cpu", "io", "memory", "hugetlb", "pids"]
    unified.controllers = lambda path: every  # type: ignore[method-assign]
    report, warnings = _env(tmp_path, unified, CgroupPolicy(pod_pids_limit=0)).cgroup_report(
        "unified"
    )
    assert warnings == [] and report["notEnforced"] == [] and report["podPidsLimit"] == 0
    assert "memory.oom.group" in report["enforced"] and "pids.max" not in report["enforced"]
    # no delegation at all: podd's own settings warned once
    _, warnings = _env(tmp_path, None, CgroupPolicy()).cgroup_report("v1")
    assert all("no delegated cgroup v2 subtree" in w for w in warnings) and len(warnings) == 4
