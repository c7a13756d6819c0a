"""The real ``podd`` CLI as a separate process against a live podd."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.podd_process import PoddProcess

ROOT = Path(__file__).resolve().parents[3]


def cli_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT)
    return env


def with_socket(proc: PoddProcess, args: tuple[str, ...]) -> list[str]:
    """``--socket`` among the options: before ``--`` (after it, words are the
    container's), else last."""
    words = list(args)
    at = words.index("--") if "--" in words else len(words)
    return [*words[:at], "--socket", str(proc.socket), *words[at:]]


def podd_cli(
    proc: PoddProcess, *args: str, stdin: str | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """``podd ARGS`` on ``proc``'s socket, output captured (no terminal)."""
    return subprocess.run(
        [sys.executable, "-m", "podd.cli.main", *with_socket(proc, args)],
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=cli_env(),
    )
