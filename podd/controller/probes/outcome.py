"""The outcome of running one probe or hook handler once."""

from __future__ import annotations

import msgspec

__all__ = ["Outcome"]


class Outcome(msgspec.Struct, frozen=True):
    """What one run of a handler gave; handlers return it, never raise.

    ``warning``: a success with something to report (the kubelet's
    ``probe.Warning``, e.g. a redirect to another host was not followed) —
    the worker emits a ``ProbeWarning`` event and counts a success.
    ``error``: the probe could not run at all (an unresolvable port, no exec
    function, an unsupported handler) — as in the kubelet, the worker reports
    it but does not count it, so the result stays as it was.
    """

    success: bool
    message: str = ""
    output: str = ""
    warning: bool = False
    error: bool = False

    @classmethod
    def ok(cls, message: str = "", output: str = "") -> Outcome:
        return cls(True, message, output)

    @classmethod
    def failed(cls, message: str, output: str = "") -> Outcome:
        return cls(False, message, output)

    @classmethod
    def errored(cls, message: str) -> Outcome:
        return cls(False, message, error=True)
