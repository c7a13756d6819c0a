"""The query of exec and attach, as the apiserver and the kubelet read it."""

from __future__ import annotations

import pytest
from multidict import MultiDict

from podd.api.streams.options import StreamOptions, StreamOptionsError, parse_stream_options


def _q(*items: tuple[str, str]) -> MultiDict[str]:
    return MultiDict(items)


def test_kubectl_exec_query() -> None:
    q = _q(
        ("command", "sh"),
        ("command", "-c"),
        ("command", "echo hi"),
        ("container", "main"),
        ("stdin", "true"),
        ("stdout", "true"),
        ("stderr", "true"),
        ("tty", "false"),
    )
    assert parse_stream_options(q, exec_=True) == StreamOptions(
        command=["sh", "-c", "echo hi"], container="main", stdin=True, stdout=True, stderr=True
    )


def test_python_client_booleans() -> None:
    q = _q(("command", "ls"), ("stdout", "True"), ("stderr", "False"), ("stdin", "1"))
    opts = parse_stream_options(q, exec_=True)
    assert (opts.stdin, opts.stdout, opts.stderr, opts.tty) == (True, True, False, False)


def test_a_tty_merges_stderr_into_stdout() -> None:
    q = _q(("command", "sh"), ("stdout", "true"), ("stderr", "true"), ("tty", "true"))
    opts = parse_stream_options(q, exec_=True)
    assert (opts.tty, opts.stdout, opts.stderr) == (True, True, False)


def test_stderr_alone_with_a_tty_is_still_a_stream() -> None:
    opts = parse_stream_options(_q(("command", "sh"), ("stderr", "1"), ("tty", "1")), exec_=True)
    assert (opts.stdout, opts.stderr) == (False, False)


def test_exec_needs_a_command() -> None:
    with pytest.raises(StreamOptionsError, match="at least one command"):
        parse_stream_options(_q(("stdout", "true")), exec_=True)


def test_some_stream_is_needed() -> None:
    with pytest.raises(StreamOptionsError, match="at least 1 of stdin, stdout, stderr"):
        parse_stream_options(_q(("command", "ls"), ("stdout", "false")), exec_=True)


def test_attach_takes_no_command() -> None:
    opts = parse_stream_options(_q(("command", "ls"), ("stdout", "true")), exec_=False)
    assert opts.command == []
