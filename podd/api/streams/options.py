"""The query of ``pods/{name}/exec`` and ``/attach`` (PodExecOptions,
PodAttachOptions), checked as the apiserver and the kubelet do (pure)."""

from __future__ import annotations

from collections.abc import Mapping

import msgspec

from podd.api.query import flag, values

__all__ = ["StreamOptions", "StreamOptionsError", "parse_stream_options"]


class StreamOptionsError(ValueError):
    """A 400 BadRequest with this message."""


class StreamOptions(msgspec.Struct, frozen=True, kw_only=True):
    command: list[str] = []
    container: str | None = None
    stdin: bool = False
    stdout: bool = False
    stderr: bool = False
    tty: bool = False


def parse_stream_options(params: Mapping[str, str], *, exec_: bool) -> StreamOptions:
    """``command`` (repeated, exec only), ``container``, ``stdin``, ``stdout``,
    ``stderr``, ``tty``. With a tty stderr is merged into stdout (the kubelet
    drops the stderr stream)."""
    command = values(params, "command") if exec_ else []
    if exec_ and not command:
        raise StreamOptionsError("you must specify at least one command for the container")
    tty = flag(params, "tty")
    opts = StreamOptions(
        command=command,
        container=params.get("container") or None,
        stdin=flag(params, "stdin"),
        stdout=flag(params, "stdout"),
        stderr=flag(params, "stderr") and not tty,
        tty=tty,
    )
    if not (opts.stdin or opts.stdout or flag(params, "stderr")):
        raise StreamOptionsError("you must specify at least 1 of stdin, stdout, stderr")
    return opts
