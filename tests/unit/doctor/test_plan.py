"""All checks on one host: the report, its exit status, text and JSON."""

from __future__ import annotations

import functools

import msgspec

from podd.doctor import CHECKS, Report, diagnose, files, run_command
from podd.doctor.host import wanted_commands
from podd.doctor.render import render

from .conftest import FakeHost

# The fake tree's disk is whatever tmp is on: judge it with no thresholds.
ROOMY = tuple(
    functools.partial(files.disk, min_free=0, low_free=0) if c is files.disk else c for c in CHECKS
)


def test_a_healthy_host_passes_every_check(host: FakeHost) -> None:
    report = diagnose(host.view(), ROOMY)
    assert report.ok
    assert [f.name for f in report.findings if not f.ok] == []
    assert len(report.findings) == len(CHECKS) == 20
    assert report.distribution == "Debian GNU/Linux 12 (bookworm)" and report.user == "alice"
    text = render(report)
    assert text.endswith("podd can run here.\n")
    assert "OK    tun: /dev/net/tun is usable\n" in text


def test_an_error_fails_the_report_and_prints_its_fix(host: FakeHost) -> None:
    host.path("/dev/net/tun").chmod(0o600)
    host.write("/etc/subuid", "bob:100000:65536\n")
    report = diagnose(host.view(), ROOMY)
    assert not report.ok
    assert [f.name for f in report.errors] == ["tun"]
    text = render(report)
    assert "FAIL  tun: /dev/net/tun is mode 0600" in text
    assert "      fix: sudo chmod 0666 /dev/net/tun" in text
    assert "WARN  subuid: no subuid range for alice" in text
    assert "      fix: sudo usermod --add-subuids 165536-231071 alice" in text
    assert text.endswith("podd cannot run here: 1 problem to fix, 1 warning.\n")
    decoded = msgspec.json.decode(msgspec.json.encode(report), type=Report)
    assert decoded == report


def test_commands_run_below_the_root_once_each(host: FakeHost) -> None:
    view = host.view()
    assert len(host.ran) == len(wanted_commands(view)) == 6  # runc conmon nft slirp (2) pause
    assert all(argv[0].startswith(str(host.root) + "/") for argv in host.ran)


def test_run_command_reports_exit_output_and_missing_programs() -> None:
    done = run_command(["sh", "-c", "echo out; echo err >&2; exit 3"])
    assert (done.returncode, done.output) == (3, "out\nerr\n")
    missing = run_command(["/nonexistent/podd-doctor-test"])
    assert missing.returncode == 127 and "No such file" in missing.output
