"""conmon's argv and sync messages."""

from __future__ import annotations

import pytest

from podd.runtime.conmon import ConmonArgs, SyncMessage, conmon_argv, parse_sync
from podd.runtime.errors import ConmonError

ARGS = ConmonArgs(
    conmon="/usr/bin/conmon",
    cid="c0ffee",
    name="web",
    runtime="/usr/sbin/runc",
    runtime_root="/run/p/runc",
    bundle="/run/p/containers/c0ffee",
    log_path="/data/logs/default_web_u/web/0.log",
    exit_dir="/run/exits",
    persist_dir="/run/p/containers/c0ffee/persist",
    socket_dir="/run/p/containers/c0ffee",
)


def test_conmon_argv() -> None:
    assert conmon_argv(ARGS) == [
        "/usr/bin/conmon",
        "--api-version", "1",
        "-c", "c0ffee",
        "-u", "c0ffee",
        "-n", "web",
        "-r", "/usr/sbin/runc",
        "--runtime-arg", "--root",
        "--runtime-arg", "/run/p/runc",
        "-b", "/run/p/containers/c0ffee",
        "-p", "/run/p/containers/c0ffee/pidfile",
        "--conmon-pidfile", "/run/p/containers/c0ffee/conmon.pid",
        "-l", "k8s-file:/data/logs/default_web_u/web/0.log",
        "--exit-dir", "/run/exits",
        "--persist-dir", "/run/p/containers/c0ffee/persist",
        "--socket-dir-path", "/run/p/containers/c0ffee",
        "--full-attach",
    ]  # fmt: skip


def test_conmon_argv_options() -> None:
    import msgspec

    args = msgspec.structs.replace(ARGS, log_size_max=10 << 20, terminal=True, log_level="debug")
    tail = conmon_argv(args)[len(conmon_argv(ARGS)) :]
    assert tail == ["--log-size-max", "10485760", "--terminal", "--log-level", "debug"]
    assert "--syslog" not in conmon_argv(args)


def test_parse_sync() -> None:
    assert parse_sync(b'{"data": 4242}\n') == SyncMessage(4242)
    assert parse_sync(b'{"data": 4242}') is None  # not complete yet
    assert parse_sync(
        b'{"data": -1, "message": "runc create failed: x"}\n{"data": 1}\n'
    ) == SyncMessage(-1, "runc create failed: x")
    with pytest.raises(ConmonError, match="unexpected message"):
        parse_sync(b"garbage\n")
