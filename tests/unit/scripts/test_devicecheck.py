"""scripts/devicecheck: the pure parts of the device check (reports, cgroup
arithmetic, pod bodies), the cudacheck image built from a real compile, and
device-check.sh's argument handling. The checks themselves need a cgroup v2
host: scripts/device-check.sh --remote runs them there."""

from __future__ import annotations

import json
import shutil
import subprocess
import tarfile
from pathlib import Path

import msgspec
import pytest

from podd.model.pod import Pod
from podd.model.qos import qos_class
from podd.sandbox.cgroups import cpu_weight
from scripts.devicecheck import cgroupread, images, manifests, report

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = ROOT / "scripts" / "device-check.sh"


# -- report -------------------------------------------------------------------------------
def test_report_prints_each_result_and_appends_json_lines(tmp_path: Path, capsys) -> None:
    path = tmp_path / "runc.jsonl"
    rep = report.Report("runc", path)
    rep.add("start", report.PASS, "median 120 ms")
    assert rep.check("oom", False, "exit 1") is False
    rep.add("gpu", report.SKIP, "no GPU")
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "[PASS] runc  start: median 120 ms",
        "[FAIL] runc  oom: exit 1",
        "[SKIP] runc  gpu: no GPU",
    ]
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert [r["status"] for r in lines] == ["PASS", "FAIL", "SKIP"]
    assert report.load([path, tmp_path / "missing.jsonl"]) == rep.results


def test_summary_fails_on_any_failure_and_lists_skips() -> None:
    ok = [report.Result("host", "a", report.PASS), report.Result("runc", "b", report.SKIP, "why")]
    text, passed = report.summary(ok)
    assert passed
    assert "1 passed, 0 failed, 1 skipped" in text
    assert "[SKIP] runc  b: why" in text
    text, passed = report.summary([*ok, report.Result("crun", "c", report.FAIL, "x")])
    assert not passed
    assert "SOME CHECKS FAILED" in text


def test_summary_of_nothing_is_not_a_pass() -> None:
    assert report.summary([])[1] is False
    assert report.summary([report.Result("host", "a", report.SKIP)])[1] is False


def test_report_main_exit_status(tmp_path: Path, capsys) -> None:
    path = tmp_path / "host.jsonl"
    report.Report("host", path).add("a", report.PASS)
    assert report.main([str(path)]) == 0
    report.Report("host", path).add("b", report.FAIL)
    assert report.main([str(path)]) == 1
    assert "ALL CHECKS PASSED" not in capsys.readouterr().out.split("SUMMARY")[-1]


# -- cgroup arithmetic ----------------------------------------------------------------------
def test_keyed_reads_cpu_stat_and_pids_events() -> None:
    text = "usage_usec 1500000\nuser_usec 1000000\nsystem_usec 500000\nnr_throttled 7\n"
    assert cgroupread.keyed(text)["usage_usec"] == 1_500_000
    assert cgroupread.keyed("max 12\n") == {"max": 12}
    assert cgroupread.keyed(None) == {}
    assert cgroupread.keyed("bad line\nmax 3") == {"max": 3}


def test_cores_from_two_usage_readings() -> None:
    assert cgroupread.cores(1_000_000, 2_000_000, 5.0) == pytest.approx(0.2)
    with pytest.raises(ValueError):
        cgroupread.cores(0, 1, 0)


@pytest.mark.parametrize(
    ("millis", "weight"), [(0, 1), (1, 1), (100, 4), (500, 20), (1000, 39), (4000, 157)]
)
def test_kubelet_cpu_weight(millis: int, weight: int) -> None:
    # shares = millis * 1024 / 1000 (min 2), weight = 1 + (shares - 2) * 9999 / 262142
    assert cgroupread.kubelet_cpu_weight(millis) == weight
    assert cpu_weight(millis) == weight  # what podd writes


def test_median_ms() -> None:
    assert cgroupread.median_ms([0.1, 0.3, 0.2]) == pytest.approx(200)


def test_container_leaves_skip_infra(tmp_path: Path) -> None:
    pod = cgroupread.pod_dir(tmp_path, "uid-1")
    assert pod == tmp_path / "podd" / "pods" / "uid-1"
    for d in ("infra", "main", "sidecar/inner"):
        (pod / d).mkdir(parents=True)
    (pod / "main" / "memory.oom.group").write_text("1\n")
    assert cgroupread.container_leaves(pod) == [pod / "main", pod / "sidecar" / "inner"]
    assert cgroupread.snapshot(pod / "main", ("memory.oom.group", "memory.max")) == {
        "memory.oom.group": "1",
        "memory.max": "-",
    }


# -- pod bodies -------------------------------------------------------------------------------
def _pod(body: dict[str, object]) -> Pod:
    return msgspec.convert(body, Pod)


@pytest.mark.parametrize("qos", list(manifests.QOS_RESOURCES))
def test_qos_pods_have_their_class(qos: str) -> None:
    pod = manifests.qos_pod("p", qos)
    container = pod["spec"]["containers"][0]
    # the apiserver's defaulting: requests copied from limits where unset
    resources = container.get("resources") or {}
    limits = resources.get("limits", {})
    resources["requests"] = {**limits, **resources.get("requests", {})}
    if resources["requests"]:
        container["resources"] = resources
    assert qos_class(_pod(pod).spec) == qos


def test_pods_use_imported_images_only() -> None:
    bodies = [
        manifests.gpu_pod("g", 5),
        manifests.oom_pod("o"),
        manifests.cpu_pod("c"),
        manifests.bomb_pod("b"),
        manifests.sleeper("s"),
    ]
    for body in bodies:
        _pod(body)  # a valid Pod
        container = body["spec"]["containers"][0]
        assert container["imagePullPolicy"] == "Never"
        assert container["image"] in (manifests.BUSYBOX, manifests.CUDACHECK)
        assert body["spec"]["restartPolicy"] == "Never"


def test_gpu_pod_asks_for_one_gpu_and_marks_the_end() -> None:
    body = manifests.gpu_pod("g", 60)
    container = body["spec"]["containers"][0]
    assert container["resources"] == {"limits": {"nvidia.com/gpu": "1"}}
    script = container["command"][-1]
    assert "nvidia-smi -L" in script and "cudacheck" in script
    assert manifests.GPU_DONE in script and script.endswith("exec sleep 60")


def test_fork_bomb_is_bounded() -> None:
    script = manifests.bomb_pod("b")["spec"]["containers"][0]["command"][-1]
    assert f"-lt {manifests.BOMB_FORKS}" in script
    assert manifests.BOMB_FORKS <= 1000


def test_limits_match_the_brief() -> None:
    assert manifests.oom_pod("o")["spec"]["containers"][0]["command"] == ["tail", "/dev/zero"]
    oom = manifests.oom_pod("o")["spec"]["containers"][0]["resources"]["limits"]
    assert oom["memory"] == "64Mi"
    assert manifests.cpu_pod("c")["spec"]["containers"][0]["resources"] == {
        "limits": {"cpu": "200m"}
    }


# -- the cudacheck image, from a real compile ------------------------------------------------------
@pytest.fixture(scope="module")
def cudacheck_bin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("cc") is None:
        pytest.skip("no C compiler")
    out = tmp_path_factory.mktemp("cc") / "cudacheck"
    src = ROOT / "native" / "cudacheck" / "cudacheck.c"
    cmd = ["cc", "-O2", "-Wall", "-Werror", "-o", str(out), str(src), "-ldl"]
    subprocess.run(cmd, check=True, timeout=120)
    return out


def test_cudacheck_without_a_driver_says_so(cudacheck_bin: Path) -> None:
    done = subprocess.run(
        [str(cudacheck_bin), "/nonexistent/libcuda.so.1"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 2
    assert "CUDACHECK FAIL: no libcuda.so.1" in done.stdout


def test_cudacheck_image_holds_glibc_at_the_standard_paths(cudacheck_bin: Path) -> None:
    entries = {e.path: e for e in images.cudacheck_entries(cudacheck_bin)}
    libdir = f"usr/lib/{images.MULTIARCH}"
    for name in ("libc.so.6", "ld-linux-x86-64.so.2", "libdl.so.2", "libm.so.6"):
        assert entries[f"{libdir}/{name}"].kind == "file"
    assert entries["lib"].target == "usr/lib"
    assert entries["lib64"].target == "usr/lib64"
    assert entries["usr/lib64/ld-linux-x86-64.so.2"].target.endswith("ld-linux-x86-64.so.2")
    assert entries["usr/local/bin/cudacheck"].mode == 0o755
    assert "usr/bin" in entries  # the CDI spec mounts nvidia-smi there


def test_image_tars_import_names(tmp_path: Path, cudacheck_bin: Path) -> None:
    assert images.main([str(tmp_path), str(cudacheck_bin)]) == 0
    for name, ref in (("busybox.tar", images.BUSYBOX_REF), ("cudacheck.tar", images.CUDACHECK_REF)):
        with tarfile.open(tmp_path / name) as tf:
            index = json.load(tf.extractfile("index.json"))  # type: ignore[arg-type]
            assert "oci-layout" in tf.getnames()
        assert index["manifests"][0]["annotations"]["io.containerd.image.name"] == ref
    assert images.BUSYBOX_REF == manifests.BUSYBOX
    assert images.CUDACHECK_REF == manifests.CUDACHECK


# -- device-check.sh's arguments ---------------------------------------------------------------
def _script(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(SCRIPT), *args], capture_output=True, text=True, timeout=30, check=False
    )


def test_script_usage() -> None:
    done = _script("--help")
    assert done.returncode == 2
    assert "--build [DIR]" in done.stdout and "--remote [DIR]" in done.stdout
    assert _script().returncode == 2
    done = _script("--bogus")
    assert done.returncode == 2 and "unknown argument --bogus" in done.stderr


def test_remote_without_a_bundle_refuses(tmp_path: Path) -> None:
    done = _script("--remote", str(tmp_path / "nothing"))
    assert done.returncode == 1
    assert "no bundle at" in done.stderr


def test_remote_refuses_a_system_work_dir(tmp_path: Path) -> None:
    (tmp_path / "bundle.env").write_text("PYTHON_VERSION=3.12\n")
    done = _script("--remote", str(tmp_path), "--work", "/usr")
    assert done.returncode == 1
    assert "refusing to use /usr" in done.stderr
