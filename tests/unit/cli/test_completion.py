"""``podd completion bash|zsh``: shtab's scripts from podd's own parser,
so every command and flag is in them; bash accepts the script."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from podd.cli.main import main


def _script(shell: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["completion", shell]) == 0
    return capsys.readouterr().out


def test_bash_completes_every_command_and_flag(capsys: pytest.CaptureFixture[str]) -> None:
    text = _script("bash", capsys)
    for word in ("run", "get", "describe", "images", "exec", "port-forward", "completion"):
        assert word in text
    for flag in ("--restart", "--rm", "--pod-running-timeout", "--all-namespaces", "--watch"):
        assert flag in text
    assert "Always OnFailure Never" in text  # --restart's choices
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("no bash")
    # the script loads and registers its completion function for podd
    check = f"{text}\ncomplete -p podd"
    out = subprocess.run([bash, "-c", check], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith(" podd")


def test_zsh_script_is_a_compdef(capsys: pytest.CaptureFixture[str]) -> None:
    text = _script("zsh", capsys)
    assert text.startswith("#compdef podd")
    assert "--restart" in text and "describe" in text
