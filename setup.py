"""Build hook (metadata lives in pyproject.toml): compiles native/pause/*.c
into podd/_bin/podd-pause whenever the package is built (wheel, sdist → wheel,
``pip install .``). The binary is built from source, never shipped prebuilt;
static when the toolchain can link statically, dynamic otherwise."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path

from setuptools import Distribution, setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

HERE = Path(__file__).resolve().parent
# The same lists as PAUSE_SOURCES/PAUSE_HEADERS in native/pause/Makefile.
PAUSE_SOURCES = [
    f"native/pause/{name}"
    for name in ("main.c", "pause.c", "sandbox.c", "userns.c", "join.c", "sockets.c", "keep.c", "maps.c", "sync.c", "util.c")
]
PAUSE_HEADERS = [f"native/pause/{name}" for name in ("modes.h", "sync.h", "util.h")]
NATIVE_FILES = [
    *PAUSE_SOURCES,
    *PAUSE_HEADERS,
    "native/pause/orphan.c",
    "native/pause/Makefile",
    "migrations/env.py",
    "migrations/script.py.mako",
    *(f"migrations/versions/{p.name}" for p in (HERE / "migrations" / "versions").glob("*.py")),
]
CFLAGS = ["-Os", "-Wall", "-Werror"]


def compile_pause(out: Path) -> None:
    cc = shlex.split(os.environ.get("CC", "cc"))
    out.parent.mkdir(parents=True, exist_ok=True)
    sources = [str(HERE / source) for source in PAUSE_SOURCES]
    errors = []
    for link in (["-static", "-s"], ["-s"]):
        cmd = [*cc, *CFLAGS, *link, "-o", str(out), *sources]
        result = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if result.returncode == 0:
            return
        errors.append(f"$ {shlex.join(cmd)}\n{result.stderr}")
    raise SystemExit("podd: cannot compile podd-pause:\n" + "\n".join(errors))


class BuildPyWithPause(build_py):
    """build_py, plus podd/_bin/podd-pause compiled from native/pause."""

    def run(self) -> None:
        super().run()
        # Editable installs run from the checkout: binaries.find_pause() then
        # uses native/pause/podd-pause (`make -C native/pause`).
        if not self.dry_run and not getattr(self, "editable_mode", False):
            compile_pause(Path(self.build_lib) / "podd" / "_bin" / "podd-pause")
            # The Alembic revisions travel with the package (podd.store.migrate).
            shutil.copytree(
                HERE / "migrations",
                Path(self.build_lib) / "podd" / "_migrations",
                dirs_exist_ok=True,
                ignore=shutil.ignore_patterns("__pycache__"),
            )


class SdistWithNative(sdist):
    """sdist, plus the C sources the wheel build compiles."""

    def make_distribution(self) -> None:
        self.filelist.extend(NATIVE_FILES)
        super().make_distribution()


class NativeDistribution(Distribution):
    """Wheels carry a native binary, so they are platform-specific."""

    def has_ext_modules(self) -> bool:
        return True


setup(
    cmdclass={"build_py": BuildPyWithPause, "sdist": SdistWithNative},
    distclass=NativeDistribution,
)
