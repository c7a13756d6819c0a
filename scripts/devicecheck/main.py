"""One pass of device-check (one OCI runtime), run as the unprivileged user
inside the delegated cgroup: start ``podd serve``, import the images, run
the checks, delete everything, stop podd. Results go to --results (JSON
lines) and the transcript to stdout.

    python -m devicecheck.main --runtime runc --work DIR --images DIR --results FILE
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from . import checks
from .checks import Context
from .report import FAIL, PASS, SKIP, Report
from .server import PoddServer

IMAGES = ("busybox.tar", "cudacheck.tar")


def serve_flags() -> str:
    done = subprocess.run(
        [sys.executable, "-m", "podd.cli.main", "serve", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return done.stdout


def parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--runtime", required=True)
    p.add_argument("--work", type=Path, required=True, help="podd's data and runtime dirs")
    p.add_argument("--images", type=Path, required=True, help="busybox.tar, cudacheck.tar")
    p.add_argument("--results", type=Path, required=True)
    p.add_argument("--gpu", action="store_true", help="the host has a GPU: run the GPU checks")
    p.add_argument("--unified", action="store_true", help="the host is cgroup v2 unified")
    p.add_argument("--pids-limit", type=int, default=256)
    p.add_argument("--network", default="", help="podd's --network (default: podd's)")
    return p.parse_args(argv)


def run_pass(args: argparse.Namespace) -> int:
    rep = Report(args.runtime, args.results)
    extra = ["--log-level", "info"]
    if args.network:
        extra += ["--network", args.network]
    pids_limit: int | None = None
    if "--pod-pids-limit" in serve_flags():
        extra += ["--pod-pids-limit", str(args.pids_limit)]
        pids_limit = args.pids_limit
    ctx = Context(args.runtime, args.gpu, pids_limit, args.unified)
    srv = PoddServer(args.work, args.runtime, extra)
    t0 = time.monotonic()
    try:
        srv.start()
    except RuntimeError as exc:
        rep.add("podd serve starts", FAIL, str(exc).splitlines()[0])
        print(checks.indent(srv.log_tail()))
        srv.stop()
        return 1
    rep.add("podd serve starts", PASS, f"ready in {time.monotonic() - t0:.1f}s: {' '.join(extra)}")
    try:
        data = checks.info(srv, rep, ctx)
        runtime = ((data.get("sandbox") or {}).get("containers") or {}).get("runtime") or {}
        refused = "refuses" in str(runtime.get("reason"))  # podd's warning: crun on hybrid
        if runtime.get("name") != args.runtime or (refused and not args.unified):
            status = FAIL if args.unified else SKIP
            why = runtime.get("reason") or "not chosen"
            why = f"{args.runtime} cannot run pods here: {why}"
            rep.add(f"pass {args.runtime}: pods", status, why)
        elif _import(srv, rep, args.images):
            steps: list[tuple[str, Callable[[], None]]] = [
                ("start", lambda: checks.start_time(srv, rep, ctx)),
                ("gpu", lambda: checks.gpu(srv, rep, ctx, data)),
                ("oom", lambda: checks.oom(srv, rep, ctx)),
                ("cpu", lambda: checks.cpu(srv, rep, ctx)),
                ("pids", lambda: checks.pids(srv, rep, ctx)),
                ("qos", lambda: checks.qos(srv, rep, ctx)),
            ]
            for name, step in steps:
                _guarded(rep, name, step, srv)
        _guarded(rep, "cleanup", lambda: checks.cleanup(srv, rep, ctx), srv)
    finally:
        how = srv.stop()
        rep.check("podd stops on SIGTERM", how.startswith("exited 0"), how)
    if any(r.status == FAIL for r in rep.results):
        print("  podd log (tail):")
        print(checks.indent(srv.log_tail(6000)))
    return 1 if any(r.status == FAIL for r in rep.results) else 0


def _guarded(rep: Report, name: str, step: Callable[[], None], srv: PoddServer) -> None:
    """A check that raises is a FAIL, and the next check still runs."""
    try:
        step()
    except Exception as exc:
        rep.add(f"{name}: error", FAIL, f"{type(exc).__name__}: {exc}")
        traceback.print_exc(file=sys.stdout)
        try:
            srv.delete_all(timeout=60)
        except Exception as again:  # the next check reports its own state
            print(f"    (deleting pods after the error failed: {again})")


def _import(srv: PoddServer, rep: Report, images: Path) -> bool:
    ok = True
    for name in IMAGES:
        t0 = time.monotonic()
        with (images / name).open("rb") as body:
            r = srv.c.post("/podd/v1/images/import", content=body, timeout=300)
        took = time.monotonic() - t0
        if r.status_code == 200:
            names = [n for img in r.json().get("items", []) for n in img.get("names", [])]
            rep.add(f"images: import {name}", PASS, f"{names} in {took:.1f}s")
        else:
            ok = rep.check(f"images: import {name}", False, f"{r.status_code} {r.text[:300]}")
    return ok


def main(argv: list[str] | None = None) -> int:
    return run_pass(parse(argv))


if __name__ == "__main__":
    sys.exit(main())
