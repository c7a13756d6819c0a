"""The distribution (from /etc/os-release) and how fixes are spelled on it."""

from __future__ import annotations

import shlex
from typing import Literal

import msgspec

Family = Literal["debian", "fedora", "arch", "unknown"]

_FAMILIES: dict[str, Family] = {
    "debian": "debian",
    "ubuntu": "debian",
    "fedora": "fedora",
    "rhel": "fedora",
    "centos": "fedora",
    "arch": "arch",
}

# Which package holds a program, per family (the name when absent).
_PACKAGES: dict[str, dict[Family, str]] = {
    "newuidmap": {"debian": "uidmap", "fedora": "shadow-utils", "arch": "shadow"},
    "newgidmap": {"debian": "uidmap", "fedora": "shadow-utils", "arch": "shadow"},
    "nft": {"debian": "nftables", "fedora": "nftables", "arch": "nftables"},
}

_INSTALL: dict[Family, str] = {
    "debian": "sudo apt-get install -y {}",
    "fedora": "sudo dnf install -y {}",
    "arch": "sudo pacman -S --needed {}",
}

UNIFIED_ARG = "systemd.unified_cgroup_hierarchy=1"


class Distro(msgspec.Struct, frozen=True):
    id: str
    version_id: str
    pretty: str
    family: Family

    @property
    def is_ubuntu(self) -> bool:
        return self.id == "ubuntu"

    def version_at_least(self, wanted: tuple[int, ...]) -> bool:
        try:
            have = tuple(int(p) for p in self.version_id.split("."))
        except ValueError:
            return False
        return have >= wanted


def parse_os_release(text: str | None) -> Distro:
    """The distribution from os-release text (pure); unknown when absent."""
    fields: dict[str, str] = {}
    for line in (text or "").splitlines():
        key, sep, value = line.strip().partition("=")
        if sep and key and not key.startswith("#"):
            try:
                parts = shlex.split(value)
            except ValueError:
                parts = [value]
            fields[key] = parts[0] if parts else ""
    ident = fields.get("ID", "").lower()
    family: Family = _FAMILIES.get(ident, "unknown")
    if family == "unknown":
        for like in fields.get("ID_LIKE", "").lower().split():
            if like in _FAMILIES:
                family = _FAMILIES[like]
                break
    pretty = fields.get("PRETTY_NAME") or ident or "unknown Linux"
    return Distro(ident or "linux", fields.get("VERSION_ID", ""), pretty, family)


def package(program: str, distro: Distro) -> str:
    return _PACKAGES.get(program, {}).get(distro.family, program)


def install(programs: list[str], distro: Distro) -> str:
    """The command that installs the packages holding ``programs``."""
    names = " ".join(dict.fromkeys(package(p, distro) for p in programs))
    template = _INSTALL.get(distro.family)
    if template is None:
        return f"install {names} with your distribution's package manager"
    return template.format(names)


def sysctl(key: str, value: int) -> str:
    """Set a sysctl now and at every boot."""
    return (
        f"sudo sysctl -w {key}={value} && "
        f"echo '{key} = {value}' | sudo tee -a /etc/sysctl.d/99-podd.conf"
    )


def kernel_arg(arg: str, distro: Distro) -> str:
    """Add a kernel command-line argument, then reboot."""
    if distro.family == "debian":
        return (
            f"sudo sed -i 's/^GRUB_CMDLINE_LINUX=\"/&{arg} /' /etc/default/grub"
            " && sudo update-grub && sudo reboot"
        )
    if distro.family == "fedora":
        return f'sudo grubby --update-kernel=ALL --args="{arg}" && sudo reboot'
    if distro.family == "arch":
        return (
            f"add {arg} to GRUB_CMDLINE_LINUX in /etc/default/grub,"
            " then sudo grub-mkconfig -o /boot/grub/grub.cfg && sudo reboot"
        )
    return f"add {arg} to the kernel command line, then reboot"
