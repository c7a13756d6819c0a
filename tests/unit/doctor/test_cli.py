"""``podd doctor`` through the CLI's parser, on a fake tree (hidden --root)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from podd.cli.main import main

from .conftest import FakeHost


def test_doctor_cli_exit_status_text_and_json(
    host: FakeHost, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The fake programs are empty scripts: they run (below the root) and say
    # nothing, so slirp4netns shows no --api-socket, whoever runs this.
    args = ["doctor", "--root", str(host.root), "--data-dir", str(tmp_path / "data")]
    assert main(args) == 1
    text = capsys.readouterr().out
    assert text.startswith("podd doctor: Debian GNU/Linux 12 (bookworm), user ")
    assert "FAIL  slirp4netns: /usr/bin/slirp4netns unknown (libslirp ?): no options podd" in text
    assert "      fix: sudo apt-get install -y slirp4netns  (version 1.0 or later)\n" in text
    assert text.splitlines()[-1].startswith("podd cannot run here: ")
    assert main([*args, "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    slirp = next(f for f in report["findings"] if f["name"] == "slirp4netns")
    assert report["ok"] is False and (slirp["ok"], slirp["severity"]) == (False, "error")


def test_doctor_cli_refuses_a_bad_config(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "podd.toml"
    config.write_text('network = "carrier-pigeon"\n')
    assert main(["doctor", "--config", str(config)]) == 2
    assert "network must be 'bridge' or 'slirp'" in capsys.readouterr().err
