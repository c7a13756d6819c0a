"""The OCI runtime adapter: find crun/runc, choose one, build its argvs, and
map what it prints on failure to typed exceptions — in one place.

Choice: the configured ``runtime`` ("crun", "runc" or a path) when set;
else crun when it is installed and can work on this host (crun refuses
hybrid cgroup hosts), else runc. The reason is kept in :class:`RuntimeInfo`
for ``/podd/v1/info``.

Every command runs inside the pod's user and mount namespaces (the caller
prefixes ``podd-pause --join``) with the pod's runtime root (``--root``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

import msgspec

from podd.runtime.errors import (
    CgroupsError,
    ContainerExistsError,
    ContainerNotFoundError,
    ContainerNotRunningError,
    ExecutableNotFoundError,
    KeyQuotaError,
    OCIRuntimeError,
    PermissionDeniedError,
    RuntimeNotFoundError,
    StartError,
)

__all__ = [
    "RuntimeCandidate",
    "RuntimeInfo",
    "choose_runtime",
    "classify",
    "delete_argv",
    "detect_runtime",
    "exec_argv",
    "kill_argv",
    "probe_candidate",
    "start_argv",
    "state_argv",
]

KNOWN = ("crun", "runc")  # in order of preference
# Why crun first where both work (cgroup v2): a small C binary, no Go runtime
# to start for each create/start/exec, so containers start sooner (see bench/).
CRUN_PREFERRED = "it starts containers faster than runc (a C binary, no Go runtime to start)"
_SEARCH = ("/usr/local/bin", "/usr/local/sbin", "/usr/bin", "/usr/sbin", "/bin", "/sbin")


class RuntimeCandidate(msgspec.Struct, frozen=True):
    """An installed runtime and whether podd may use it here."""

    name: str
    path: str
    version: str
    usable: bool
    why: str | None = None


class RuntimeInfo(msgspec.Struct, frozen=True):
    """The chosen runtime, why, and what else was found."""

    name: str
    path: str
    version: str
    reason: str
    candidates: list[RuntimeCandidate] = []

    @property
    def id_prefix(self) -> str:
        """The containerID scheme of container statuses (``runc://<id>``)."""
        return self.name if self.name in KNOWN else "oci"


def _which(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for d in _SEARCH:
        p = Path(d) / name
        if p.is_file():
            return str(p)
    return None


def _version(path: str) -> str | None:
    try:
        out = subprocess.run(
            [path, "--version"], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if out.returncode != 0:
        return None
    first = (out.stdout or out.stderr).strip().splitlines()
    return first[0] if first else ""


def probe_candidate(
    name: str, path: str, version: str | None, cgroup_mode: str
) -> RuntimeCandidate:
    """Whether a found runtime can be used here (pure)."""
    if version is None:
        return RuntimeCandidate(name, path, "", False, f"{path} --version failed")
    if name == "crun" and cgroup_mode == "hybrid":
        why = "crun refuses hybrid cgroups (cgroups in hybrid mode not supported)"
        return RuntimeCandidate(name, path, version, False, why)
    return RuntimeCandidate(name, path, version, True)


def choose_runtime(configured: str, candidates: Sequence[RuntimeCandidate]) -> RuntimeInfo:
    """Pick from probed candidates (pure); raises RuntimeNotFoundError."""
    if configured:
        for c in candidates:
            if configured in (c.name, c.path):
                if not c.version and not c.usable:
                    raise RuntimeNotFoundError(f"configured runtime {configured}: {c.why}")
                reason = f"configured runtime = {configured!r}"
                if c.why:
                    reason += f" (warning: {c.why})"
                return RuntimeInfo(c.name, c.path, c.version, reason, list(candidates))
        raise RuntimeNotFoundError(f"configured runtime {configured!r} is not installed")
    usable = [c for c in candidates if c.usable]
    by_name = {c.name: c for c in usable}
    for name in KNOWN:
        if name in by_name:
            c = by_name[name]
            skipped = [f"{o.name}: {o.why}" for o in candidates if not o.usable]
            reason = f"{name} detected" + (f"; not {', '.join(skipped)}" if skipped else "")
            if name == "crun" and "runc" in by_name:
                reason += f"; preferred over runc: {CRUN_PREFERRED}"
            return RuntimeInfo(c.name, c.path, c.version, reason, list(candidates))
    found = "; ".join(f"{c.name}: {c.why}" for c in candidates) or "neither crun nor runc found"
    raise RuntimeNotFoundError(f"no usable OCI runtime ({found})")


def detect_runtime(configured: str = "", cgroup_mode: str = "unified") -> RuntimeInfo:
    """Find crun and runc (``--version``), then choose (blocking; run once)."""
    candidates: list[RuntimeCandidate] = []
    names: list[tuple[str, str]] = []
    for name in KNOWN:
        path = _which(name)
        if path:
            names.append((name, path))
    if configured and configured not in KNOWN:
        path = configured if "/" in configured else (_which(configured) or configured)
        names.append((Path(path).name, path))
        configured = path
    for name, path in names:
        candidates.append(probe_candidate(name, path, _version(path), cgroup_mode))
    return choose_runtime(configured, candidates)


# -- argv builders (pure) ---------------------------------------------------------


def _base(runtime: str, root: str) -> list[str]:
    return [runtime, "--root", root]


def start_argv(runtime: str, root: str, cid: str) -> list[str]:
    return [*_base(runtime, root), "start", cid]


def state_argv(runtime: str, root: str, cid: str) -> list[str]:
    return [*_base(runtime, root), "state", cid]


def kill_argv(
    runtime: str, root: str, cid: str, sig: str, *, all_processes: bool = False
) -> list[str]:
    argv = [*_base(runtime, root), "kill"]
    if all_processes:
        argv.append("--all")
    return [*argv, cid, sig.removeprefix("SIG")]


def delete_argv(runtime: str, root: str, cid: str, *, force: bool = True) -> list[str]:
    return [*_base(runtime, root), "delete", *(["--force"] if force else []), cid]


def exec_argv(
    runtime: str, root: str, cid: str, process_json: str, *, pid_file: str | None = None
) -> list[str]:
    argv = [*_base(runtime, root), "exec", "--process", process_json]
    if pid_file:
        argv += ["--pid-file", pid_file]
    return [*argv, cid]


# -- error texts --------------------------------------------------------------------

_PATTERNS: tuple[tuple[re.Pattern[str], type[OCIRuntimeError]], ...] = tuple(
    (re.compile(p, re.IGNORECASE), cls)
    for p, cls in (
        (
            r"executable file not found|exec: .*: no such file or directory"
            r"|not found in \$PATH",
            ExecutableNotFoundError,
        ),
        (
            r"container (\S+ )?does not exist|no such container|container not found",
            ContainerNotFoundError,
        ),
        (r"container with id exists|already exists", ContainerExistsError),
        (
            r"container not running|is not running|cannot exec (in )?a (stopped|paused)"
            r"|process already finished|container .* stopped",
            ContainerNotRunningError,
        ),
        (r"cgroup", CgroupsError),
        (r"permission denied", PermissionDeniedError),
        (r"chdir to cwd .* failed|exec format error|unable to start container process", StartError),
    )
)


_KEY_QUOTA = re.compile(r"keyring.*disk quota exceeded|disk quota exceeded.*keyring", re.I)


def key_quota_hint(key_users: str = "/proc/key-users") -> str:
    """What the user's key quota is and how to lift it (for the error text)."""
    used = ""
    try:
        for line in Path(key_users).read_text().splitlines():
            uid, _, rest = line.partition(":")
            if uid.strip() == str(os.getuid()):
                used = f" ({rest.split()[2]} keys in use)"
    except (OSError, IndexError):
        pass
    return (
        f"the user's kernel key quota is used up{used}: the OCI runtime keeps one session "
        "keyring per container, so kernel.keys.maxkeys caps how many containers one user "
        "runs; stop some, or raise /proc/sys/kernel/keys/maxkeys (as root)"
    )


def _summary(stderr: str) -> str:
    """The runtime's message without log decoration (runc prints logfmt or
    ``level=error msg="..."``)."""
    text = stderr.strip()
    msgs = re.findall(r'msg="((?:[^"\\]|\\.)*)"', text)
    if msgs:
        text = msgs[-1].replace('\\"', '"')
    return text.splitlines()[-1].strip() if text else ""


def classify(stderr: str, what: str = "runtime") -> OCIRuntimeError:
    """The typed error for a runtime failure text (order matters: "does not
    exist" before "no such file"; "permission denied" of an exec is a
    StartError)."""
    summary = _summary(stderr) or "failed without a message"
    if _KEY_QUOTA.search(stderr):
        return KeyQuotaError(f"{what}: {summary}; {key_quota_hint()}", stderr=stderr)
    for pattern, cls in _PATTERNS:
        if pattern.search(stderr):
            return cls(f"{what}: {summary}", stderr=stderr)
    return OCIRuntimeError(f"{what}: {summary}", stderr=stderr)
