"""The README's SDK example, run as written against a live podd: over the
default unix socket ($XDG_RUNTIME_DIR/podd/podd.sock), then over HTTPS with
the kubeconfig. Only the image is the local registry's."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from podd_client import Podd, errors

from tests.sdk.conftest import LivePodd, runtime_dir_for

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
README_IMAGE = "docker.io/library/busybox:1.36"


def readme_example() -> str:
    text = (ROOT / "README.md").read_text()
    section = text[text.index("## Python SDK") :]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match, "no python example in the README's SDK section"
    return match.group(1)


def run_example(code: str, env: dict[str, str]) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **env},
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def wait_gone(podd: Podd, name: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            podd.pods.get(name)
        except errors.NotFound:
            return
        time.sleep(0.2)
    raise AssertionError(f"pod {name} still there after {timeout}s")


def test_the_readme_example_runs(live: LivePodd, tmp_path: Path) -> None:
    code = readme_example()
    assert code.count("\n") <= 14 and README_IMAGE in code
    code = code.replace(README_IMAGE, live.image)
    runtime = runtime_dir_for(live.proc, tmp_path / "xdg")
    with Podd(live.proc.socket) as podd:
        assert run_example(code, {"XDG_RUNTIME_DIR": str(runtime)}) == ["Running up", "web"]
        wait_gone(podd, "web")
        over_https = code.replace("Podd()", f"Podd(kubeconfig={str(live.kubeconfig.path)!r})")
        assert over_https != code
        assert run_example(over_https, {"XDG_RUNTIME_DIR": "/nonexistent"}) == [
            "Running up",
            "web",
        ]
        wait_gone(podd, "web")
