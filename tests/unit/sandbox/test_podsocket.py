"""Sockets from inside a pod's network: the helper's command line, and a
pod whose pause is gone (or was replaced: pid reuse) refused up front."""

from __future__ import annotations

import asyncio
import os

import pytest

from podd.sandbox.podsocket import DialError, pod_sockets, sockets_argv
from podd.sandbox.process import ProcessRef, read_stat


def test_the_helper_joins_user_and_net_and_sends_on_stdout() -> None:
    assert sockets_argv("/x/podd-pause", 42) == [
        "/x/podd-pause",
        "--join",
        "42",
        "--ns",
        "user,net",
        "--send-sockets",
        "1",
    ]


def test_a_pause_that_is_gone_is_refused() -> None:
    stat = read_stat(os.getpid())
    assert stat is not None
    reused = ProcessRef(os.getpid(), stat[1] + 1)  # same pid, another process
    with pytest.raises(DialError, match="not running"):
        asyncio.run(pod_sockets("/nonexistent/podd-pause", reused))
