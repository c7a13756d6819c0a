"""The host as the checks see it: a root directory (``/`` live, a tmp tree in
tests) holding proc/, sys/, etc/, dev/ and the programs, the user, podd's
settings, and the output of the few commands the checks need, run before.

Checks only read through a :class:`HostView`; nothing here runs a program
(:mod:`podd.doctor.gather` does, once, before the checks)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import msgspec

# Where programs are looked up (below the root) besides the user's PATH:
# runc lives in /usr/sbin on Debian, which a user's PATH often lacks.
SYSTEM_DIRS = ("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin")


class CommandResult(msgspec.Struct, frozen=True):
    """Exit status and output (stdout then stderr) of one command."""

    returncode: int
    output: str = ""

    @property
    def first_line(self) -> str:
        lines = self.output.strip().splitlines()
        return lines[0].strip() if lines else ""


class Probe(msgspec.Struct, frozen=True):
    """A live proof: did podd-pause make a user namespace, did overlay mount."""

    ok: bool
    detail: str


def command_key(argv: list[str] | tuple[str, ...]) -> str:
    return "\0".join(argv)


class HostView(msgspec.Struct, frozen=True, kw_only=True):
    """Everything the checks look at. ``live``: the real host, as this
    process sees it (access is asked of the kernel, not guessed from bits)."""

    root: str = "/"
    live: bool = False
    uid: int
    gid: int
    groups: list[int] = []
    user: str | None = None
    path_dirs: list[str] = []
    data_dir: str
    runtime_dir: str
    socket: str
    xdg_runtime_dir: str | None = None
    runtime: str = ""  # configured OCI runtime ("" = detect)
    cgroup_root: str = ""  # configured delegated cgroup ("" = detect)
    network: str = "bridge"
    pause: str | None = None  # podd-pause's host path, when found
    commands: dict[str, CommandResult] = {}
    userns_probe: Probe | None = None  # None: not tried (another root, or no pause)
    overlay_probe: Probe | None = None

    # -- files ------------------------------------------------------------------

    def path(self, host_path: str | Path) -> Path:
        """Where ``host_path`` (absolute on the host) is below the root."""
        return Path(self.root) / str(host_path).lstrip("/")

    def read(self, host_path: str | Path) -> str | None:
        try:
            return self.path(host_path).read_text()
        except (OSError, UnicodeDecodeError):
            return None

    def read_int(self, host_path: str | Path) -> int | None:
        try:
            return int((self.read(host_path) or "").strip())
        except ValueError:
            return None

    def stat(self, host_path: str | Path) -> os.stat_result | None:
        try:
            return self.path(host_path).stat()
        except OSError:
            return None

    def can(self, host_path: str | Path, mode: int) -> bool:
        """Whether the user may ``mode`` (os.R_OK|os.W_OK|os.X_OK) the path."""
        if self.live:
            return os.access(self.path(host_path), mode)
        st = self.stat(host_path)
        if st is None:
            return False
        if self.uid == 0:
            return True
        if st.st_uid == self.uid:
            shift = 6
        elif st.st_gid == self.gid or st.st_gid in self.groups:
            shift = 3
        else:
            shift = 0
        return (st.st_mode >> shift) & mode == mode

    def nearest_existing(self, host_path: str | Path) -> Path:
        """``host_path`` or its closest existing ancestor (a host path)."""
        path = Path(str(host_path))
        while not self.path(path).exists() and path != path.parent:
            path = path.parent
        return path

    def has_file_caps(self, host_path: str | Path) -> bool:
        try:
            return bool(os.getxattr(self.path(host_path), "security.capability"))
        except OSError:
            return False

    def privileged_helper(self, host_path: str | Path) -> bool:
        """setuid root, or carrying file capabilities (what newuidmap needs)."""
        st = self.stat(host_path)
        if st is None:
            return False
        setuid_root = bool(st.st_mode & stat.S_ISUID) and st.st_uid == 0
        return setuid_root or self.has_file_caps(host_path)

    def which(self, name: str) -> str | None:
        """A program's host path: a path as given, else PATH, else the system dirs."""
        if "/" in name:
            st = self.stat(name)
            return name if st is not None and stat.S_ISREG(st.st_mode) else None
        for d in [*self.path_dirs, *SYSTEM_DIRS]:
            candidate = f"{d.rstrip('/')}/{name}"
            st = self.stat(candidate)
            if st is not None and stat.S_ISREG(st.st_mode) and st.st_mode & 0o111:
                return candidate
        return None

    # -- commands -----------------------------------------------------------------

    def output(self, *argv: str) -> CommandResult | None:
        """What ``argv`` printed when the view was gathered (None: not run)."""
        return self.commands.get(command_key(argv))


def wanted_commands(view: HostView) -> list[list[str]]:
    """The commands the checks read, for the programs this view has (pure)."""
    argvs: list[list[str]] = []
    for name in ("runc", "crun", "conmon", "nft"):
        if found := view.which(name):
            argvs.append([found, "--version"])
    configured = view.runtime not in ("", "runc", "crun")
    if configured and (found := view.which(view.runtime)):
        argvs.append([found, "--version"])
    if slirp := view.which("slirp4netns"):
        argvs += [[slirp, "--version"], [slirp, "--help"]]
    if view.pause:
        argvs.append([view.pause, "-v"])
    return argvs
