"""Run a short command inside a pod's namespaces and collect its output.

``podd-pause --join <anchor> --ns user,mnt -- CMD`` enters the namespaces of
``anchor`` (the pod's pause, or — when it is gone — a process still in them,
such as a container's conmon) as root there and execs CMD. Python never
calls setns itself (DESIGN §1). Output is bounded; the deadline kills.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from podd import spawn
from podd.sandbox.pause import join_argv
from podd.spawn import Completed

__all__ = ["DEFAULT_NS", "Completed", "helper_env", "run_joined"]

DEFAULT_NS = ("user", "mnt")
_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


def helper_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """A small, predictable environment for helpers (never podd's own)."""
    env = {"PATH": os.environ.get("PATH") or _PATH, "LANG": "C.UTF-8"}
    env.update(extra or {})
    return env


async def run_joined(
    pause: str | Path,
    anchor: int,
    argv: Sequence[str],
    *,
    namespaces: Sequence[str] = DEFAULT_NS,
    cwd: str | None = None,
    timeout: float = 30.0,
    stdin: bytes | None = None,
    max_output: int = 1 << 20,
    env: Mapping[str, str] | None = None,
) -> Completed:
    """Run ``argv`` in ``anchor``'s namespaces; raises TimeoutError (after
    killing it) when it outlives ``timeout``."""
    # vfork-based spawn: uvloop's fork would stall the loop ~9 ms (podd.spawn).
    done = await spawn.run(
        join_argv(pause, anchor, list(namespaces), list(argv), cwd=cwd),
        stdin=stdin,
        env=dict(env) if env is not None else helper_env(),
        timeout=timeout,
        max_output=max_output,
        start_new_session=True,
    )
    return done
