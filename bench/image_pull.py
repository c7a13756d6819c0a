"""Pull benchmark: podd's puller vs skopeo and podman, same images, same local registry.

Run as the unprivileged user, from the repository root::

    bash scripts/as-user.sh poddtest .venv/bin/python bench/image_pull.py [--rounds 7]

Two images are built (tests/support/oci_build.py) and pushed to a Debian
docker-registry on 127.0.0.1: ``small`` (busybox-static, one gzip layer,
~1 MB) and ``medium`` (busybox + 3000 small files + 24 MiB of random data,
three gzip layers). Each round pulls each image with every tool, in a
rotating order (interleaved runs, so machine noise hits all alike):

* ``podd`` — a running :class:`~podd.images.manager.ImageManager` (helpers and
  the user-namespace holder warm, as in ``podd serve``); ``prune(all=True)``
  between runs, so every run downloads, verifies and unpacks everything;
* ``skopeo`` — ``skopeo copy docker://… oci:DIR`` (download + verify, no unpack);
* ``podman`` — ``podman pull`` into its own overlay storage (download +
  unpack), ``podman rmi -a -f`` between runs.

Prints the median wall time per tool and image and podd's ratio to each.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from podd.images.auth import CredentialStore  # noqa: E402
from podd.images.manager import ImageManager  # noqa: E402
from podd.images.records import JsonImageIndex  # noqa: E402
from podd.images.registry import RegistryOptions  # noqa: E402
from podd.images.userns_holder import UsernsHolder  # noqa: E402
from tests.support import oci_build as ob  # noqa: E402
from tests.support.registry import run_registry  # noqa: E402

TIMEOUT = 300


def medium_image() -> ob.Image:
    files = [ob.directory("usr"), ob.directory("usr/share"), ob.directory("usr/share/doc")]
    files += [
        ob.file(f"usr/share/doc/f{i:04d}.txt", f"file {i}\n" * (i % 50 + 1)) for i in range(3000)
    ]
    import random

    data = random.Random(7).randbytes(24 << 20)
    return ob.make_image(
        [
            ob.make_layer(ob.busybox_entries()),
            ob.make_layer(files),
            ob.make_layer([ob.directory("data"), ob.file("data/blob.bin", data)]),
        ],
        config=ob.BUSYBOX_CONFIG,
    )


def run(argv: list[str], env: dict[str, str] | None = None) -> float:
    t = time.perf_counter()
    out = subprocess.run(argv, capture_output=True, env=env, timeout=TIMEOUT, check=False)
    elapsed = time.perf_counter() - t
    if out.returncode != 0:
        raise RuntimeError(f"{argv[0]} failed: {out.stderr.decode(errors='replace')[-800:]}")
    return elapsed


class Podman:
    """podman with its own storage and runtime dir (its pause process is ours to stop)."""

    def __init__(self, base: Path) -> None:
        self.base = base
        base.mkdir(parents=True)
        # podman wants a short runroot; it only holds small state files
        self.runtime = Path(tempfile.mkdtemp(prefix="podd-bench-run-"))
        self.env = dict(os.environ, XDG_RUNTIME_DIR=str(self.runtime))
        self.common = [
            "podman",
            "--root",
            str(base / "root"),
            "--runroot",
            str(self.runtime / "rr"),
            "--storage-driver",
            "overlay",
        ]

    def pull(self, ref: str) -> float:
        return run([*self.common, "pull", "-q", "--tls-verify=false", ref], self.env)

    def clear(self) -> None:
        run([*self.common, "rmi", "-a", "-f"], self.env)

    def close(self) -> None:
        subprocess.run(
            [*self.common, "unshare", "rm", "-rf", str(self.base / "root")],
            env=self.env,
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
        )
        pid_file = self.runtime / "libpod" / "tmp" / "pause.pid"
        if pid_file.exists():
            pid = int(pid_file.read_text().strip() or 0)
            if pid > 0:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, 9)
        shutil.rmtree(self.runtime, ignore_errors=True)


def skopeo_pull(ref: str, base: Path) -> float:
    dest = Path(tempfile.mkdtemp(dir=base, prefix="skopeo-"))
    try:
        return run(
            ["skopeo", "copy", "-q", "--src-tls-verify=false", f"docker://{ref}", f"oci:{dest}:x"]
        )
    finally:
        shutil.rmtree(dest, ignore_errors=True)


async def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--rounds", type=int, default=7)
    p.add_argument("--no-podman", action="store_true")
    p.add_argument(
        "--dir",
        type=Path,
        default=Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"),
        help="where every tool stores (podd's data dir lives here too)",
    )
    args = p.parse_args()
    rounds = max(1, min(args.rounds, 50))
    args.dir.mkdir(parents=True, exist_ok=True)
    base = Path(tempfile.mkdtemp(prefix="podd-bench-pull-", dir=args.dir))
    images = {"small": ob.busybox_image(), "medium": medium_image()}
    times: dict[tuple[str, str], list[float]] = {}
    holder = UsernsHolder()
    podman: Podman | None = None
    manager = None
    try:
        if not args.no_podman and shutil.which("podman"):
            podman = Podman(base / "podman")
        with run_registry(base / "registry") as reg:
            for name, image in images.items():
                ob.push(reg.url, f"bench/{name}", "v1", image)
            data = base / "podd"
            data.mkdir()
            manager = ImageManager(
                data,
                JsonImageIndex(data / "images.json"),
                registry_options=RegistryOptions(insecure_registries=[reg.host]),
                credentials=CredentialStore([]),
                holder=holder,
            )
            refs = {name: f"{reg.host}/bench/{name}:v1" for name in images}
            # warm-up: the holder, a helper, the connection pool; and check it works
            await manager.pull(refs["small"])
            await manager.prune(all=True)

            async def podd_pull(ref: str) -> float:
                assert manager is not None
                t = time.perf_counter()
                await manager.pull(ref)
                elapsed = time.perf_counter() - t
                await manager.prune(all=True)
                return elapsed

            tools = ["podd", "skopeo"] + (["podman"] if podman else [])
            for r in range(rounds):
                order = tools[r % len(tools) :] + tools[: r % len(tools)]
                for name, ref in refs.items():
                    for tool in order:
                        if tool == "podd":
                            t = await podd_pull(ref)
                        elif tool == "skopeo":
                            t = await asyncio.to_thread(skopeo_pull, ref, base)
                        else:
                            assert podman is not None
                            t = await asyncio.to_thread(podman.pull, ref)
                            await asyncio.to_thread(podman.clear)
                        times.setdefault((tool, name), []).append(t)
        print(f"image pull, {rounds} interleaved rounds, medians (s):")
        for name, image in images.items():
            size = sum(layer.blob.size for layer in image.layers) / 1e6
            med = {tool: statistics.median(times[(tool, name)]) for tool, n in times if n == name}
            cells = "  ".join(f"{tool} {v:.3f}" for tool, v in med.items())
            ratios = "  ".join(
                f"podd/{tool} {med['podd'] / v:.2f}" for tool, v in med.items() if tool != "podd"
            )
            print(f"  {name:6} ({size:5.1f} MB, {len(image.layers)} layers): {cells}   {ratios}")
    finally:
        if manager is not None:
            await manager.unpacker.remove([manager.data_dir])
            await manager.close()
        else:
            await holder.stop()
        if podman is not None:
            await asyncio.to_thread(podman.close)
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
