"""gather_nvidia_host on a fake /dev, /proc, lib, bin, firmware and /run tree
(every path under tmp_path; device nodes are regular files there)."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

from podd.cdi.nvidia import Gpu, NvidiaHost, gather_nvidia_host

VERSION = "550.54.15"
INFO = """\
Model: \t\t NVIDIA H200
IRQ:   \t\t 123
GPU UUID: \t {uuid}
Video BIOS: \t 96.00.99.00.01
Bus Type: \t PCIe
DMA Size: \t 52 bits
DMA Mask: \t 0xfffffffffffff
Bus Location: \t {bus}
Device Minor: \t {minor}
GPU Excluded:\t No
"""
PROC_VERSION = (
    f"NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  {VERSION}  "
    "Release Build  (dvs-builder@U16-I3-B03-4-3)  Tue Nov 18 2025\n"
    "GCC version:  gcc version 12.2.0 (Ubuntu 12.2.0-14ubuntu2)\n"
)


def _file(path: Path, text: str = "", mode: int = 0o644) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    assert not path.is_symlink()
    path.write_text(text)
    path.chmod(mode)
    return path


class Tree:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.dev = root / "dev"
        self.proc = root / "proc"
        self.lib = root / "usr/lib/x86_64-linux-gnu"
        self.bin = root / "bin"
        self.fw = root / "lib/firmware/nvidia"
        self.run = root / "run"
        for d in (self.dev, self.proc, self.lib, self.bin, self.fw, self.run):
            d.mkdir(parents=True, exist_ok=True)

    def gather(self, **kw: object) -> NvidiaHost | None:
        args: dict[str, object] = dict(
            lib_dirs=[str(self.lib), str(self.root / "nonexistent")],
            ldconfig=None,
            path=str(self.bin),
            firmware=self.fw,
            run=self.run,
        )
        args.update(kw)
        return gather_nvidia_host(self.dev, self.proc, **args)  # type: ignore[arg-type]


@pytest.fixture
def tree(tmp_path: Path) -> Tree:
    t = Tree(tmp_path)
    # two GPUs; the one on the lower bus has the higher minor: index follows the bus
    for bus, uuid, minor in (
        ("0000:3b:00.0", "GPU-bbbb", 0),
        ("0000:18:00.0", "GPU-aaaa", 1),
    ):
        _file(
            t.proc / f"driver/nvidia/gpus/{bus}/information",
            INFO.format(uuid=uuid, bus=bus, minor=minor),
        )
        _file(t.dev / f"nvidia{minor}")
    _file(t.proc / "driver/nvidia/version", PROC_VERSION)
    for name in ("nvidiactl", "nvidia-uvm", "nvidia-modeset"):
        _file(t.dev / name)
    cuda = _file(t.lib / f"libcuda.so.{VERSION}", "\x7fELF")
    os.symlink(cuda.name, t.lib / "libcuda.so.1")
    os.symlink("libcuda.so.1", t.lib / "libcuda.so")
    _file(t.lib / f"libnvidia-ml.so.{VERSION}", "\x7fELF")
    os.symlink(f"libnvidia-ml.so.{VERSION}", t.lib / "libnvidia-ml.so.1")
    _file(t.lib / "libcuda.so.535.104.05", "old driver")  # another version: not taken
    os.symlink(f"libnvidia-ml.so.{VERSION}", t.lib / f"libnvidia-ptxjitcompiler.so.{VERSION}")
    _file(t.bin / "nvidia-smi", "#!/bin/sh\nexit 1\n", 0o755)
    _file(t.bin / "nvidia-debugdump", "", 0o644)  # not executable: not a binary to bind
    _file(t.fw / VERSION / "gsp_ga10x.bin")
    _file(t.fw / VERSION / "gsp_tu10x.bin")
    _file(t.fw / "535.104.05" / "gsp_ga10x.bin")
    return t


def test_gather_from_proc(tree: Tree) -> None:
    sock_dir = tree.run / "nvidia-persistenced"
    sock_dir.mkdir()
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(sock_dir / "socket"))
        host = tree.gather()
    assert host is not None
    assert host.gpus == [
        Gpu(index=0, uuid="GPU-aaaa", minor=1, name="NVIDIA H200"),
        Gpu(index=1, uuid="GPU-bbbb", minor=0, name="NVIDIA H200"),
    ]
    assert host.driver_version == VERSION
    assert host.control_nodes == [
        str(tree.dev / "nvidiactl"),
        str(tree.dev / "nvidia-uvm"),
        str(tree.dev / "nvidia-modeset"),
    ]
    lib = tree.lib
    assert host.libraries == [
        str(lib / f"libcuda.so.{VERSION}"),
        str(lib / f"libnvidia-ml.so.{VERSION}"),
    ]
    assert host.library_links == {
        str(lib / f"libcuda.so.{VERSION}"): [str(lib / "libcuda.so"), str(lib / "libcuda.so.1")],
        str(lib / f"libnvidia-ml.so.{VERSION}"): [str(lib / "libnvidia-ml.so.1")],
    }
    assert host.binaries == [str(tree.bin / "nvidia-smi")]
    assert host.firmware == [str(tree.fw / VERSION / n) for n in ("gsp_ga10x.bin", "gsp_tu10x.bin")]
    assert host.ipc == [str(sock_dir / "socket")]
    assert host.dev == str(tree.dev)


def test_a_gpu_without_its_node_is_left_out(tree: Tree) -> None:
    (tree.dev / "nvidia0").unlink()
    host = tree.gather()
    assert host is not None and [g.uuid for g in host.gpus] == ["GPU-aaaa"]
    assert host.ipc == []  # no socket there


def test_no_gpu_is_none(tmp_path: Path) -> None:
    t = Tree(tmp_path)
    assert t.gather() is None


def test_nvidia_smi_when_proc_has_no_gpus(tmp_path: Path) -> None:
    t = Tree(tmp_path)
    _file(t.dev / "nvidia0")
    _file(t.dev / "nvidiactl")
    script = (
        "#!/bin/sh\n"
        'case "$1" in\n'
        "  --query-gpu=index,uuid,name,pci.bus_id)\n"
        "    echo '0, GPU-1234-abcd, NVIDIA H200, 00000000:18:00.0'\n"
        "    echo '1, GPU-5678, NVIDIA H200, 00000000:3B:00.0';;\n"  # no /dev/nvidia1
        "  --query-gpu=driver_version) echo '570.86.15';;\n"
        "  *) exit 2;;\n"
        "esac\n"
    )
    _file(t.bin / "nvidia-smi", script, 0o755)
    _file(t.lib / "libcuda.so.570.86.15")
    host = t.gather()
    assert host is not None
    assert host.gpus == [Gpu(0, "GPU-1234-abcd", 0, "NVIDIA H200")]
    assert host.driver_version == "570.86.15"
    assert host.libraries == [str(t.lib / "libcuda.so.570.86.15")]
    assert stat.S_ISREG((t.bin / "nvidia-smi").stat().st_mode)


def test_ldconfig_adds_its_dirs(tree: Tree, tmp_path: Path) -> None:
    other = tmp_path / "opt/nvidia/lib"
    _file(other / f"libnvidia-nvvm.so.{VERSION}")
    ldconfig = _file(
        tmp_path / "sbin/ldconfig",
        "#!/bin/sh\n"
        "echo '3 libs found in cache `/etc/ld.so.cache`'\n"
        f"printf '\\tlibnvidia-nvvm.so.4 (libc6,x86-64) => {other}/libnvidia-nvvm.so.4\\n'\n"
        "printf '\\tlibc.so.6 (libc6,x86-64) => /lib/x86_64-linux-gnu/libc.so.6\\n'\n",
        0o755,
    )
    host = tree.gather(ldconfig=str(ldconfig))
    assert host is not None
    assert str(other / f"libnvidia-nvvm.so.{VERSION}") in host.libraries
