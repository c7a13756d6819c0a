"""What attach needs from conmon: a stdin for ``stdin: true`` containers,
kept open across attach sessions unless ``stdinOnce``."""

from __future__ import annotations

import msgspec

from podd.runtime.conmon import ConmonArgs, conmon_argv

ARGS = ConmonArgs(
    conmon="/usr/bin/conmon",
    cid="c0ffee",
    name="web",
    runtime="/usr/sbin/runc",
    runtime_root="/run/p/runc",
    bundle="/run/p/containers/c0ffee",
    log_path="/data/logs/0.log",
    exit_dir="/run/exits",
    persist_dir="/run/p/containers/c0ffee/persist",
    socket_dir="/run/p/containers/c0ffee",
)


def test_no_stdin_by_default() -> None:
    argv = conmon_argv(ARGS)
    assert "--stdin" not in argv
    assert "--leave-stdin-open" not in argv
    assert "--full-attach" in argv  # the attach socket is <bundle>/attach


def test_stdin_once_closes_stdin_after_the_first_attach() -> None:
    argv = conmon_argv(msgspec.structs.replace(ARGS, stdin=True))
    assert argv[-1] == "--stdin"
    assert "--leave-stdin-open" not in argv


def test_stdin_left_open_across_attach_sessions() -> None:
    argv = conmon_argv(msgspec.structs.replace(ARGS, stdin=True, leave_stdin_open=True))
    assert argv[-2:] == ["--stdin", "--leave-stdin-open"]


def test_leave_stdin_open_means_nothing_without_stdin() -> None:
    argv = conmon_argv(msgspec.structs.replace(ARGS, leave_stdin_open=True, terminal=True))
    assert argv[-1] == "--terminal"
    assert "--leave-stdin-open" not in argv
