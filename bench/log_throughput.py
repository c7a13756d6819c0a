"""Log throughput: a container prints N lines as fast as it can; measure
(1) the time until the whole log is readable and (2) reading it back
(podd: ``GET …/log``, podman: ``podman logs``), medians of a few runs.
Both sides use conmon writing the k8s-file format.

    bash scripts/as-user.sh poddtest .venv/bin/python bench/log_throughput.py [--lines 200000]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import environment, podd_service
from bench.pod_start import Podman
from tests.support import oci_build as ob
from tests.support.registry import run_registry

PODS = "/api/v1/namespaces/default/pods"


def script(lines: int) -> str:
    return f"seq 1 {lines} | sed 's/^/log line number /'"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=200_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    last = f"log line number {args.lines}"
    reg_root = Path(tempfile.mkdtemp(prefix="podd-bench-reg-"))
    res: dict[str, list[float]] = {
        "podd_write": [],
        "podd_read": [],
        "podman_write": [],
        "podman_read": [],
    }
    size = 0
    with run_registry(reg_root) as reg:
        ob.push(reg.url, "library/busybox", "1.36", ob.busybox_image())
        image = f"{reg.host}/library/busybox:1.36"
        podman = Podman()
        try:
            podman.run("pull", "-q", "--tls-verify=false", image)
            with (
                podd_service("--insecure-registry", reg.host) as podd,
                podd.client(timeout=600) as c,
            ):
                with c.stream("POST", "/podd/v1/images/pull", json={"image": image}) as r:
                    r.read()
                for i in range(args.runs):
                    body = {
                        "apiVersion": "v1",
                        "kind": "Pod",
                        "metadata": {"name": f"l{i}"},
                        "spec": {
                            "restartPolicy": "Never",
                            "containers": [
                                {
                                    "name": "w",
                                    "image": image,
                                    "command": ["sh", "-c", script(args.lines)],
                                }
                            ],
                        },
                    }
                    t0 = time.perf_counter()
                    c.post(PODS, json=body)
                    deadline = time.monotonic() + 300
                    while time.monotonic() < deadline:
                        st = c.get(f"{PODS}/l{i}").json()["status"]
                        if st.get("phase") in ("Succeeded", "Failed"):
                            break
                        time.sleep(0.01)
                    res["podd_write"].append(time.perf_counter() - t0)
                    t0 = time.perf_counter()
                    text = c.get(f"{PODS}/l{i}/log").text
                    res["podd_read"].append(time.perf_counter() - t0)
                    assert text.rstrip().endswith(last), text[-200:]
                    size = len(text)
                    c.delete(f"{PODS}/l{i}", params={"gracePeriodSeconds": "0"})
            for i in range(args.runs):
                t0 = time.perf_counter()
                podman.run(
                    "run",
                    "--name",
                    f"l{i}",
                    "--log-driver",
                    "k8s-file",
                    image,
                    "sh",
                    "-c",
                    script(args.lines),
                )
                res["podman_write"].append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                out = subprocess.run(
                    [*podman.cmd, "logs", f"l{i}"],
                    env=podman.env,
                    capture_output=True,
                    text=True,
                    timeout=300,
                ).stdout
                res["podman_read"].append(time.perf_counter() - t0)
                assert out.rstrip().endswith(last)
                podman.run("rm", "-f", f"l{i}")
        finally:
            podman.close()
    shutil.rmtree(reg_root, ignore_errors=True)
    med = {k: statistics.median(v) for k, v in res.items()}
    print(
        json.dumps(
            {
                "env": environment(),
                "lines": args.lines,
                "bytes": size,
                "run_to_completion_s": {
                    "podd": round(med["podd_write"], 3),
                    "podman": round(med["podman_write"], 3),
                    "ratio": round(med["podd_write"] / med["podman_write"], 3),
                },
                "read_back_MBps": {
                    "podd": round(size / med["podd_read"] / 1e6, 1),
                    "podman": round(size / med["podman_read"] / 1e6, 1),
                    "ratio_time": round(med["podd_read"] / med["podman_read"], 3),
                },
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
