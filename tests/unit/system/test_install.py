"""Writing and removing the units, and ``podd system install|uninstall`` on a temp HOME."""

from __future__ import annotations

import os
import shlex
from pathlib import Path

import pytest

from podd.cli.main import main
from podd.system import install, units
from podd.system.install import InstallError


@pytest.fixture
def home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A HOME of the test's own, no XDG dirs, no PODD_* variables."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_RUNTIME_DIR"):
        monkeypatch.delenv(name, raising=False)
    for name in [n for n in os.environ if n.startswith("PODD_")]:
        monkeypatch.delenv(name)
    (tmp_path / "home").mkdir()
    # No systemctl: uninstall never reaches a user manager of the machine's.
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    return tmp_path / "home"


def test_enablement_links(tmp_path: Path) -> None:
    (tmp_path / "default.target.wants").mkdir()
    (tmp_path / "default.target.wants/podd.service").symlink_to(tmp_path / "podd.service")
    (tmp_path / "sockets.target.wants").mkdir()
    (tmp_path / "sockets.target.wants/podd.socket").symlink_to("../podd.socket")
    (tmp_path / "foo.target.wants").mkdir()
    (tmp_path / "foo.target.wants/podd.service").symlink_to("/usr/lib/podd.service")
    names = [units.SERVICE, units.SOCKET]
    assert install.enablement_links(tmp_path, names) == [
        "default.target.wants/podd.service",
        "sockets.target.wants/podd.socket",
    ]


def test_unit_dir_honours_xdg_config_home() -> None:
    assert install.unit_dir({"HOME": "/h"}) == Path("/h/.config/systemd/user")
    assert install.unit_dir({"HOME": "/h", "XDG_CONFIG_HOME": "/c"}) == Path("/c/systemd/user")


def _script(path: Path) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return str(path)


def test_podd_command(tmp_path: Path) -> None:
    venv_python = str(tmp_path / "venv/bin/python")
    script = _script(tmp_path / "venv/bin/podd")
    assert install.podd_command(script, venv_python, "") == [script]
    # Run as `python -m`: the script beside the interpreter.
    assert install.podd_command("/x/main.py", venv_python, "") == [script]
    # None beside it: the one on PATH, else the interpreter with -m.
    other = _script(tmp_path / "path/podd")
    python = str(tmp_path / "py/python")
    assert install.podd_command("/x/main.py", python, str(Path(other).parent)) == [other]
    assert install.podd_command("/x/main.py", python, "") == [python, "-m", "podd.cli.main"]


OURS = units.MARKER + "\n[Unit]\n"


def test_plan_install_refuses_a_foreign_unit_unless_forced() -> None:
    new = {units.SERVICE: OURS + "new"}
    with pytest.raises(InstallError, match="was not written by podd: use --force"):
        install.plan_install("/u", new, {units.SERVICE: "[Unit]\n", units.SOCKET: None})
    forced = install.plan_install("/u", new, {units.SERVICE: "[Unit]\n"}, force=True)
    assert forced.write == new
    again = install.plan_install("/u", new, {units.SERVICE: OURS, units.SOCKET: None})
    assert again.write == new and again.remove == []


def test_plan_install_removes_our_socket_when_activation_is_off() -> None:
    new = {units.SERVICE: OURS}
    plan = install.plan_install("/u", new, {units.SERVICE: OURS, units.SOCKET: OURS})
    assert plan.remove == [units.SOCKET]
    foreign = install.plan_install("/u", new, {units.SERVICE: None, units.SOCKET: "[Socket]\n"})
    assert foreign.remove == []


def test_plan_uninstall_removes_only_ours() -> None:
    plan = install.plan_uninstall("/u", {units.SERVICE: OURS, units.SOCKET: "[Socket]\n"})
    assert plan.remove == [units.SERVICE]
    assert plan.kept == [units.SOCKET]
    assert install.plan_uninstall("/u", {units.SERVICE: None, units.SOCKET: None}).remove == []


def _exec_start(service: str) -> list[str]:
    line = next(x for x in service.splitlines() if x.startswith("ExecStart="))
    return shlex.split(line.removeprefix("ExecStart="))


def test_install_and_uninstall(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    work = home / "work"
    work.mkdir()
    monkeypatch.chdir(work)  # relative paths become absolute: the service runs elsewhere
    args = ["--data-dir", "data", "--log-level", "debug", "--allow-host-loopback"]
    args += ["--insecure-registry", "a:5000", "--insecure-registry", "b:5000"]
    assert main(["system", "install", *args]) == 0
    out = capsys.readouterr().out
    unit_dir = home / ".config/systemd/user"
    service = (unit_dir / "podd.service").read_text()
    assert f"wrote {unit_dir / 'podd.service'}" in out
    assert "systemctl --user daemon-reload && systemctl --user enable --now podd.service" in out
    argv = _exec_start(service)
    assert os.path.isabs(argv[0]) and os.access(argv[0], os.X_OK)
    assert argv[argv.index("serve") :] == [
        "serve",
        f"--data-dir={work / 'data'}",
        "--log-level=debug",
        "--insecure-registry=a:5000",
        "--insecure-registry=b:5000",
        "--allow-host-loopback",
    ]
    assert not (unit_dir / "podd.socket").exists()

    assert main(["system", "install", "--socket-activation"]) == 0
    assert "enable --now podd.socket" in capsys.readouterr().out
    sock = (unit_dir / "podd.socket").read_text()
    assert "ListenStream=%t/podd/podd.sock" in sock.splitlines()

    # What `systemctl --user enable` makes: links to the files.
    (unit_dir / "sockets.target.wants").mkdir()
    (unit_dir / "sockets.target.wants/podd.socket").symlink_to(unit_dir / "podd.socket")
    (unit_dir / "default.target.wants").mkdir()
    (unit_dir / "default.target.wants/other.service").symlink_to("/elsewhere/other.service")
    assert main(["system", "uninstall", "--dry-run"]) == 0
    assert (
        f"would remove {unit_dir / 'sockets.target.wants/podd.socket'}" in capsys.readouterr().out
    )
    assert (unit_dir / "podd.service").exists()

    assert main(["system", "uninstall"]) == 0
    out = capsys.readouterr().out
    assert f"removed {unit_dir / 'podd.service'}" in out
    assert "did not stop podd.service podd.socket (not loaded by a reachable user manager)" in out
    assert "systemctl --user disable --now podd.socket podd.service;" in out
    left = sorted(str(p.relative_to(unit_dir)) for p in unit_dir.rglob("*"))
    assert left == [
        "default.target.wants",
        "default.target.wants/other.service",  # not podd's
        "sockets.target.wants",
    ]
    assert main(["system", "uninstall"]) == 0
    assert "no unit of podd's" in capsys.readouterr().out


def test_install_leaves_a_foreign_unit(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    unit_dir = home / ".config/systemd/user"
    unit_dir.mkdir(parents=True)
    (unit_dir / "podd.service").write_text("[Service]\nExecStart=/usr/bin/mine\n")
    assert main(["system", "install"]) == 1
    assert "use --force" in capsys.readouterr().err
    assert main(["system", "uninstall"]) == 0
    assert "podd did not write it" in capsys.readouterr().out
    assert (unit_dir / "podd.service").read_text() == "[Service]\nExecStart=/usr/bin/mine\n"
    assert main(["system", "install", "--force"]) == 0
    assert (unit_dir / "podd.service").read_text().startswith(units.MARKER)


def test_install_carries_the_environment(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = home / "cfg"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data home"))
    monkeypatch.setenv("PODD_LOG_LEVEL", "debug")
    (home / "podd.toml").write_text('log_format = "json"\n')
    monkeypatch.setenv("PODD_CONFIG", str(home / "podd.toml"))
    assert main(["system", "install", "--socket-activation", "--socket", "/tmp/p.sock"]) == 0
    captured = capsys.readouterr()
    assert "does not see $PODD_LOG_LEVEL" in captured.err
    service = (config / "systemd/user/podd.service").read_text()
    assert f'Environment="XDG_DATA_HOME={home}/data home"' in service.splitlines()
    assert f"--config={home / 'podd.toml'}" in _exec_start(service)
    sock = (config / "systemd/user/podd.socket").read_text()
    assert "ListenStream=/tmp/p.sock" in sock.splitlines()


def test_install_refuses_bad_flags(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["system", "install", "--pod-cidr", "10.96.0.0/16"]) == 2
    assert "overlaps service_cidr" in capsys.readouterr().err
    assert not (home / ".config/systemd/user/podd.service").exists()


def test_dry_run_writes_nothing(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["system", "install", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"# {home / '.config/systemd/user/podd.service'}\n{units.MARKER}")
    assert not (home / ".config").exists()
