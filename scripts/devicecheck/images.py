"""The two images device-check imports on a host that reaches no registry,
written as OCI layout tars (what POST /podd/v1/images/import takes):

* busybox: tests/support/oci_build.py's busybox image (the host's busybox-static);
* cudacheck: busybox + the glibc a small dynamic C program needs + cudacheck
  (native/cudacheck). libcuda and nvidia-smi are not in it: the CDI spec
  podd generates mounts them from the host, as a GPU operator would.

Run here at build time: ``python -m scripts.devicecheck.images OUT CUDACHECK``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tests.support import oci_build as ob

BUSYBOX_REF = "podd.check/busybox:1"
CUDACHECK_REF = "podd.check/cudacheck:1"
MULTIARCH = "x86_64-linux-gnu"
# libcuda.so.1 and nvidia-smi need these beyond what cudacheck itself links.
GLIBC_EXTRA = ("libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "libresolv.so.2")
# As NVIDIA's CUDA images: a driver mounted under /usr/local/nvidia is found too.
CUDA_ENV = [
    "PATH=/usr/local/nvidia/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    "LD_LIBRARY_PATH=/usr/local/nvidia/lib:/usr/local/nvidia/lib64",
]


def glibc_files(binary: Path) -> dict[str, Path]:
    """{name: host file} of the loader and the libraries ``binary`` and libcuda need."""
    found = {Path(p).name: Path(p) for p in ob.ldd_closure(binary)}
    libc = found.get("libc.so.6")
    if libc is None:
        raise SystemExit(f"{binary} does not link glibc")
    for name in GLIBC_EXTRA:
        if (libc.parent / name).exists():
            found[name] = libc.parent / name
    return found


def cudacheck_entries(cudacheck: Path) -> list[ob.Entry]:
    """A merged-/usr glibc layout (lib -> usr/lib) with cudacheck in /usr/local/bin.
    No ld.so.cache: glibc searches /usr/lib/x86_64-linux-gnu by default."""
    libs = glibc_files(cudacheck)
    loader = next((n for n in libs if n.startswith("ld-linux")), None)
    if loader is None:
        raise SystemExit(f"{cudacheck}: no ld-linux in its closure")
    dirs = ["usr", "usr/bin", "usr/lib", f"usr/lib/{MULTIARCH}", "usr/lib64", "usr/local"]
    dirs += ["usr/local/bin", "usr/local/nvidia", "usr/local/nvidia/bin"]
    dirs += ["usr/local/nvidia/lib", "usr/local/nvidia/lib64", "etc/ld.so.conf.d"]
    return [
        *(ob.directory(d) for d in dirs),
        ob.symlink("lib", "usr/lib"),
        ob.symlink("lib64", "usr/lib64"),
        *(
            ob.file(f"usr/lib/{MULTIARCH}/{name}", src.resolve().read_bytes(), mode=0o755)
            for name, src in sorted(libs.items())
        ),
        ob.symlink(f"usr/lib64/{loader}", f"../lib/{MULTIARCH}/{loader}"),
        ob.file("etc/ld.so.conf", "include /etc/ld.so.conf.d/*.conf\n"),
        ob.file("usr/local/bin/cudacheck", cudacheck.read_bytes(), mode=0o755),
    ]


def cudacheck_image(cudacheck: Path) -> ob.Image:
    layers = [ob.make_layer(ob.busybox_entries()), ob.make_layer(cudacheck_entries(cudacheck))]
    config = dict(
        ob.BUSYBOX_CONFIG,
        Env=CUDA_ENV,
        Cmd=["/usr/local/bin/cudacheck"],
        Labels={"org.podd.test": "cudacheck"},
    )
    return ob.make_image(layers, config=config)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("out", type=Path, help="directory for busybox.tar and cudacheck.tar")
    p.add_argument("cudacheck", type=Path, help="the compiled native/cudacheck program")
    args = p.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    ob.write_oci_tar(args.out / "busybox.tar", [(ob.busybox_image(), BUSYBOX_REF)])
    ob.write_oci_tar(args.out / "cudacheck.tar", [(cudacheck_image(args.cudacheck), CUDACHECK_REF)])
    for name in ("busybox.tar", "cudacheck.tar"):
        print(f"  {name}: {(args.out / name).stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
