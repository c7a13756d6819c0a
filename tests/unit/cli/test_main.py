"""``podd serve`` flags: each one reaches its setting."""

from __future__ import annotations

import argparse
from typing import Any

import msgspec
import pytest

from podd.cli.main import _settings, build_parser, main
from podd.config import Settings

FIELDS = {f.name: f for f in msgspec.structs.fields(Settings)}


def _serve_parser() -> argparse.ArgumentParser:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    serve = sub.choices["serve"]
    assert isinstance(serve, argparse.ArgumentParser)
    return serve


def _flags() -> list[argparse.Action]:
    return [
        a for a in _serve_parser()._actions if a.option_strings and a.dest not in ("help", "config")
    ]


def _sample(action: argparse.Action) -> tuple[list[str], Any]:
    """Arguments setting this flag to a value that is not its setting's default,
    and the value the setting should then have."""
    opt = action.option_strings[0]
    if isinstance(action, argparse._StoreFalseAction):
        return [opt], False
    if isinstance(action, argparse.BooleanOptionalAction):  # --no-x: a setting on by default
        return [action.option_strings[1]], False
    if action.nargs == 0:
        return [opt], True
    if action.choices:
        value = list(action.choices)[-1]
        return [opt, str(value)], value
    if isinstance(action, argparse._AppendAction):
        return [opt, "a.test:5000", opt, "b.test:5000"], ["a.test:5000", "b.test:5000"]
    if action.type is int:
        return [opt, "4242"], 4242
    if action.type is float:
        return [opt, "2.5"], 2.5
    if action.dest == "log_max_size":
        return [opt, "64Ki"], 64 * 1024
    if action.dest.endswith("_cidr"):  # checked as a range when loaded
        return [opt, "10.100.0.0/24"], "10.100.0.0/24"
    return [opt, f"/flag/{action.dest}"], f"/flag/{action.dest}"


def test_every_setting_has_a_flag() -> None:
    assert sorted(a.dest for a in _flags()) == sorted(FIELDS)


@pytest.mark.parametrize("action", _flags(), ids=lambda a: a.option_strings[0])
def test_each_flag_reaches_its_setting(action: argparse.Action) -> None:
    argv, expected = _sample(action)
    if action.dest == "listen":
        argv += ["--token-file", "/flag/token"]  # TCP needs a token
    args = build_parser().parse_args(["serve", *argv])
    settings = _settings(args)
    assert getattr(settings, action.dest) == expected
    default = FIELDS[action.dest].default
    if default is msgspec.NODEFAULT:
        default = FIELDS[action.dest].default_factory()
    assert expected != default  # so the flag, not the default, made it


@pytest.mark.parametrize(
    ("given", "size"),
    [("65536", 65536), ("64Ki", 65536), ("10Mi", 10 * 1024 * 1024), ("1M", 1_000_000)],
)
def test_log_max_size_takes_quantities(given: str, size: int) -> None:
    args = build_parser().parse_args(["serve", "--log-max-size", given, "--log-max-files", "3"])
    settings = _settings(args)
    assert (settings.log_max_size, settings.log_max_files) == (size, 3)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--log-max-size", "10Q"], "podd: --log-max-size: '10Q' is not a size"),
        (["--log-max-size=-1Ki"], "podd: --log-max-size: '-1Ki' is negative"),
        (["--log-max-size", "512"], "podd: log_max_size must be at least 1024 bytes"),
        (["--log-max-files", "1"], "podd: log_max_files must be at least 2"),
    ],
)
def test_bad_log_flags_stop_the_start(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["serve", *argv])
    assert exc.value.code == 2
    assert capsys.readouterr().err.startswith(message)


@pytest.mark.parametrize("cidr", ["10.96.0.1/16", "fd00::/108", "10.96.0.0/31", "nope"])
def test_a_service_cidr_that_cannot_hold_services_is_refused(cidr: str) -> None:
    args = build_parser().parse_args(["serve", "--service-cidr", cidr])
    with pytest.raises(SystemExit):
        _settings(args)
