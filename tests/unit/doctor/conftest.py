"""A tree that imitates a healthy rootless host (Debian, unified cgroup v2
with a delegated subtree, tun 0666, every program) for the doctor's checks.

The checked user (uid 4242) owns nothing in the tree, so access is what the
"other" permission bits give: a test takes a right away with chmod, whoever
runs the suite."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import msgspec
import pytest

from podd.doctor import CommandResult, HostView, with_commands
from podd.doctor.distro import Distro, parse_os_release

UID = 4242
USER = "alice"
CG = "/sys/fs/cgroup"
DELEGATED = f"{CG}/user.slice/user-{UID}.slice/user@{UID}.service"
PAUSE = "/usr/libexec/podd/podd-pause"

DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n'
MOUNTINFO_UNIFIED = (
    "22 1 0:21 / /sys rw,nosuid - sysfs sysfs rw\n"
    "30 22 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec - cgroup2 cgroup2 rw,nsdelegate\n"
)
MOUNTINFO_HYBRID = (
    "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755\n"
    "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n"
    "39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids\n"
    "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n"
)
SLIRP_VERSION = (
    "slirp4netns version 1.2.0\ncommit: 656041d\nlibslirp: 4.7.0\n"
    "SLIRP_CONFIG_VERSION_MAX: 4\nlibseccomp: 2.5.4\n"
)
SLIRP_HELP = (
    "Usage: slirp4netns [OPTION]... PID|PATH [TAPNAME]\n"
    "-c, --configure  --mtu=MTU  --disable-host-loopback  --netns-type=TYPE\n"
    "--cidr=CIDR  --enable-ipv6  -a, --api-socket=PATH  --enable-sandbox  --enable-seccomp\n"
)
SETUID_ROOT_CANDIDATES = ("/usr/bin/newuidmap", "/usr/bin/su", "/usr/bin/passwd", "/bin/su")


def setuid_root_binary() -> str:
    """A real setuid-root file: the fake tree cannot make one unless root."""
    for path in SETUID_ROOT_CANDIDATES:
        st = os.stat(path) if os.path.exists(path) else None
        if st is not None and st.st_uid == 0 and st.st_mode & 0o4000:
            return path
    pytest.skip("no setuid-root program on this machine to link newuidmap to")


class FakeHost:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.outputs: dict[tuple[str, ...], CommandResult] = {
            ("slirp4netns", "--version"): CommandResult(0, SLIRP_VERSION),
            ("slirp4netns", "--help"): CommandResult(0, SLIRP_HELP),
            ("runc", "--version"): CommandResult(0, "runc version 1.1.5\nspec: 1.0.2-dev\n"),
            ("conmon", "--version"): CommandResult(0, "conmon version 2.1.6\ncommit: x\n"),
            ("nft", "--version"): CommandResult(0, "nftables v1.0.6 (Lester Gooch #5)\n"),
            ("podd-pause", "-v"): CommandResult(0, "podd-pause 0.1.0\n"),
        }
        self.ran: list[list[str]] = []

    def path(self, host_path: str) -> Path:
        return self.root / host_path.lstrip("/")

    def write(self, host_path: str, text: str = "", mode: int = 0o644) -> Path:
        """Never through a symlink: newuidmap links to a real setuid binary,
        and writing or chmod-ing that would damage the host."""
        path = self.path(host_path)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink():
            path.unlink()
        assert path.parent.resolve().is_relative_to(self.root.resolve()), path
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, mode)
        try:
            os.write(fd, text.encode())
            os.fchmod(fd, mode)
        finally:
            os.close(fd)
        return path

    def mkdir(self, host_path: str, mode: int = 0o755) -> Path:
        path = self.path(host_path)
        path.mkdir(parents=True, exist_ok=True)
        path.chmod(mode)
        return path

    def program(self, host_path: str) -> None:
        self.write(host_path, "#!/bin/sh\n", 0o755)

    def link(self, host_path: str, target: str) -> None:
        path = self.path(host_path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        path.symlink_to(target)

    def sysctl(self, key: str, value: int | None) -> None:
        path = self.path("/proc/sys/" + key.replace(".", "/"))
        if value is None:
            path.unlink(missing_ok=True)
        else:
            self.write(str(path.relative_to(self.root)), f"{value}\n")

    def cgroup(self, host_dir: str, controllers: str, writable: bool) -> None:
        self.mkdir(host_dir, 0o777 if writable else 0o755)
        self.write(f"{host_dir}/cgroup.procs", "", 0o666 if writable else 0o644)
        self.write(f"{host_dir}/cgroup.controllers", controllers + "\n")

    def run(self, argv: Sequence[str]) -> CommandResult:
        self.ran.append(list(argv))
        key = (Path(argv[0]).name, *argv[1:])
        return self.outputs.get(key, CommandResult(127, f"{argv[0]}: not found"))

    def view(self, **changes: object) -> HostView:
        base = HostView(
            root=str(self.root),
            uid=UID,
            gid=UID,
            user=USER,
            path_dirs=["/usr/local/bin", "/usr/bin"],
            data_dir=f"/home/{USER}/.local/share/podd",
            runtime_dir=f"/run/user/{UID}/podd",
            socket=f"/run/user/{UID}/podd/podd.sock",
            xdg_runtime_dir=f"/run/user/{UID}",
            pause=PAUSE,
        )
        return with_commands(msgspec.structs.replace(base, **changes), self.run)

    def distro(self) -> Distro:
        return parse_os_release((self.path("/etc/os-release")).read_text())


@pytest.fixture
def host(tmp_path: Path) -> FakeHost:
    h = FakeHost(tmp_path / "root")
    h.write("/etc/os-release", DEBIAN)
    h.write("/etc/subuid", f"bob:100000:65536\n{USER}:165536:65536\n")
    h.write("/etc/subgid", f"bob:100000:65536\n{USER}:165536:65536\n")
    setuid = setuid_root_binary()
    h.link("/usr/bin/newuidmap", setuid)
    h.link("/usr/bin/newgidmap", setuid)
    for name in ("slirp4netns", "conmon", "nft", "runc"):
        h.program(f"/usr/bin/{name}")
    h.program(PAUSE)
    h.write("/dev/net/tun", "", 0o666)
    h.sysctl("user.max_user_namespaces", 63432)
    h.sysctl("net.ipv4.ip_unprivileged_port_start", 1024)
    h.write("/proc/sys/kernel/osrelease", "6.8.0-1-amd64\n")
    h.write("/proc/filesystems", "nodev\tsysfs\nnodev\tcgroup2\n\text4\nnodev\toverlay\n")
    h.write("/proc/self/mountinfo", MOUNTINFO_UNIFIED)
    h.write("/proc/self/cgroup", f"0::{DELEGATED.removeprefix(CG)}/app.slice/podd.scope\n")
    h.cgroup(CG, "cpuset cpu io memory hugetlb pids rdma misc", writable=False)
    parent = DELEGATED.rsplit("/", 1)[0]
    h.cgroup(parent, "cpuset cpu io memory pids", writable=False)
    h.cgroup(DELEGATED, "cpuset cpu io memory pids", writable=True)
    h.cgroup(f"{DELEGATED}/app.slice", "cpuset cpu io memory pids", writable=True)
    h.cgroup(f"{DELEGATED}/app.slice/podd.scope", "", writable=True)
    h.mkdir(f"/home/{USER}/.local/share", 0o777)
    h.mkdir(f"/run/user/{UID}", 0o777)
    return h
