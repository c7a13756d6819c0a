"""The pod user namespace's id mapping: /etc/subuid, newuidmap/newgidmap.

Every pod uses the same mapping — container 0 → the user's own id, 1..N →
the user's first subordinate range (N = 65536, or the size available) — so
image layers unpacked once are valid in every pod. Without a subordinate range
(or without usable newuidmap/newgidmap) podd falls back to a single mapping
(only root exists inside) and says so in a warning.

Pure parts (parsing, planning, argv) are separate from the one side effect,
:func:`write_id_maps`.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import stat
from pathlib import Path

import msgspec

from podd import spawn
from podd.sandbox.errors import BinaryNotFoundError, IdMapError, SubIdError

DEFAULT_SIZE = 65536


class SubIdRange(msgspec.Struct, frozen=True):
    """One line of /etc/subuid or /etc/subgid: ``owner:start:count``."""

    owner: str
    start: int
    count: int


class IdMap(msgspec.Struct, frozen=True):
    """One uid_map/gid_map line: ``container_id host_id size``."""

    container_id: int
    host_id: int
    size: int


class IdMapping(msgspec.Struct, frozen=True):
    """The maps for a pod user namespace and how to write them.

    ``helpers`` is True when newuidmap/newgidmap must write them (ranges
    beyond the user's own id); False when podd writes the single mapping
    itself. ``warnings`` explains any fallback.
    """

    uid_maps: list[IdMap]
    gid_maps: list[IdMap]
    helpers: bool
    warnings: list[str] = []

    @property
    def single(self) -> bool:
        return len(self.uid_maps) == 1 and len(self.gid_maps) == 1


class IdMapTools(msgspec.Struct, frozen=True):
    """Where newuidmap/newgidmap are and whether they can do their job."""

    newuidmap: str | None
    newgidmap: str | None
    newuidmap_ok: bool
    newgidmap_ok: bool


def parse_subid(text: str) -> list[SubIdRange]:
    """Parse /etc/subuid-style text; blank, comment and malformed lines are skipped."""
    out: list[SubIdRange] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split(":")
        if len(parts) != 3 or not parts[0] or not parts[1].isdigit() or not parts[2].isdigit():
            continue
        count = int(parts[2])
        if count > 0:
            out.append(SubIdRange(parts[0], int(parts[1]), count))
    return out


def ranges_for(entries: list[SubIdRange], user: str | None, uid: int) -> list[SubIdRange]:
    """The ranges owned by ``user`` (by name) or ``uid`` (by number), in file order."""
    names = {str(uid)} | ({user} if user else set())
    return [e for e in entries if e.owner in names]


def read_subid(path: str | Path, user: str | None, uid: int) -> list[SubIdRange]:
    """The ranges of ``user``/``uid`` in ``path``; [] when the file is absent."""
    try:
        text = Path(path).read_text()
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise SubIdError(f"cannot read {path}: {exc.strerror}") from exc
    return ranges_for(parse_subid(text), user, uid)


def build_maps(host_id: int, ranges: list[SubIdRange], size: int = DEFAULT_SIZE) -> list[IdMap]:
    """0 → ``host_id``, then 1.. → the first range with ``size`` ids (else the largest)."""
    maps = [IdMap(0, host_id, 1)]
    usable = [r for r in ranges if not (r.start <= host_id < r.start + r.count)]
    if not usable:
        return maps
    big = [r for r in usable if r.count >= size]
    chosen = big[0] if big else max(usable, key=lambda r: r.count)
    maps.append(IdMap(1, chosen.start, min(size, chosen.count)))
    return maps


def _is_privileged_helper(path: str) -> bool:
    """setuid root, or carrying file capabilities (security.capability)."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    if st.st_mode & stat.S_ISUID and st.st_uid == 0:
        return True
    try:
        return bool(os.getxattr(path, "security.capability"))
    except OSError:
        return False


def find_id_map_tools(newuidmap: str | None = None, newgidmap: str | None = None) -> IdMapTools:
    """Locate newuidmap/newgidmap on PATH (or the given paths) and check them."""
    uid_tool = newuidmap or shutil.which("newuidmap")
    gid_tool = newgidmap or shutil.which("newgidmap")
    return IdMapTools(
        newuidmap=uid_tool,
        newgidmap=gid_tool,
        newuidmap_ok=bool(uid_tool) and _is_privileged_helper(uid_tool or ""),
        newgidmap_ok=bool(gid_tool) and _is_privileged_helper(gid_tool or ""),
    )


def plan_mapping(
    uid: int,
    gid: int,
    subuids: list[SubIdRange],
    subgids: list[SubIdRange],
    tools: IdMapTools,
    size: int = DEFAULT_SIZE,
) -> IdMapping:
    """Decide the pod mapping from the ranges and the helpers available (pure)."""
    uid_maps = build_maps(uid, subuids, size)
    gid_maps = build_maps(gid, subgids, size)
    warnings: list[str] = []
    if len(uid_maps) == 1:
        warnings.append(f"no /etc/subuid range for uid {uid}: only root is mapped inside pods")
    if len(gid_maps) == 1:
        warnings.append(f"no /etc/subgid range for gid {gid}: only root is mapped inside pods")
    if len(uid_maps) > 1 or len(gid_maps) > 1:
        problems = []
        if not tools.newuidmap or not tools.newgidmap:
            problems.append("newuidmap/newgidmap not found (install uidmap)")
        elif not (tools.newuidmap_ok and tools.newgidmap_ok):
            problems.append("newuidmap/newgidmap are neither setuid root nor file-capable")
        if problems:
            warnings.append(problems[0] + ": only root is mapped inside pods")
            uid_maps, gid_maps = uid_maps[:1], gid_maps[:1]
    helpers = len(uid_maps) > 1 or len(gid_maps) > 1
    return IdMapping(uid_maps, gid_maps, helpers, warnings)


def newidmap_argv(tool: str, pid: int, maps: list[IdMap]) -> list[str]:
    """``newuidmap PID 0 UID 1 1 SUB 65536`` (same shape for newgidmap)."""
    argv = [tool, str(pid)]
    for m in maps:
        argv += [str(m.container_id), str(m.host_id), str(m.size)]
    return argv


def map_file_text(maps: list[IdMap]) -> str:
    """The text written to /proc/PID/uid_map or gid_map."""
    return "".join(f"{m.container_id} {m.host_id} {m.size}\n" for m in maps)


_KNOWN_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"range .* not allowed"),
        "the requested range is not delegated to this user in /etc/subuid or /etc/subgid",
    ),
    (
        re.compile(r"write to [ug]id_map failed: Operation not permitted"),
        "the kernel refused the map (is the helper setuid root or file-capable?)",
    ),
    (
        re.compile(r"Could not open proc directory|No such process"),
        "the target process is gone",
    ),
    (
        re.compile(r"owned by a different user"),
        "the target process belongs to another user",
    ),
)


def explain_idmap_error(tool: str, stderr: str) -> str:
    """A one-line explanation of newuidmap/newgidmap's stderr."""
    text = stderr.strip().splitlines()[-1] if stderr.strip() else "no output"
    for pattern, hint in _KNOWN_ERRORS:
        if pattern.search(stderr):
            return f"{os.path.basename(tool)}: {hint} ({text})"
    return f"{os.path.basename(tool)}: {text}"


async def _run_tool(argv: list[str]) -> None:
    try:
        done = await spawn.run(argv, timeout=30.0)  # vfork: no stall of the loop
    except FileNotFoundError as exc:
        raise BinaryNotFoundError(f"{argv[0]} not found") from exc
    if done.returncode != 0:
        raise IdMapError(explain_idmap_error(argv[0], done.stderr.decode(errors="replace")))


def _write_direct(pid: int, mapping: IdMapping, proc_root: str | Path) -> None:
    """Write a single mapping ourselves (allowed for our own uid/gid)."""
    base = Path(proc_root, str(pid))
    try:
        (base / "setgroups").write_text("deny\n")
        (base / "uid_map").write_text(map_file_text(mapping.uid_maps))
        (base / "gid_map").write_text(map_file_text(mapping.gid_maps))
    except OSError as exc:
        raise IdMapError(f"writing {base}/uid_map: {exc.strerror}") from exc


async def write_id_maps(
    pid: int, mapping: IdMapping, tools: IdMapTools, proc_root: str | Path = "/proc"
) -> None:
    """Write ``mapping`` for the user namespace of ``pid`` (the side effect)."""
    if not mapping.helpers:
        _write_direct(pid, mapping, proc_root)
        return
    if not tools.newuidmap or not tools.newgidmap:
        raise BinaryNotFoundError("newuidmap/newgidmap not found (install uidmap)")
    results = await asyncio.gather(
        _run_tool(newidmap_argv(tools.newuidmap, pid, mapping.uid_maps)),
        _run_tool(newidmap_argv(tools.newgidmap, pid, mapping.gid_maps)),
        return_exceptions=True,
    )
    for result in results:
        if isinstance(result, BaseException):
            raise result
