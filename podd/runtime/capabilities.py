"""Linux capabilities of a container: the runtime default set, ``drop`` and
``add`` applied as CRI-O and containerd do.

``ALL`` in ``add`` starts from every capability, ``ALL`` in ``drop`` from
none; then the named ``add`` entries are added and the named ``drop``
entries removed (so ``drop: [ALL], add: [NET_BIND_SERVICE]`` keeps just
that one, and ``add: [ALL], drop: [CHOWN]`` all but CHOWN). Names are
accepted with or without the ``CAP_`` prefix, in any case.
"""

from __future__ import annotations

from collections.abc import Iterable

from podd.runtime.errors import CreateContainerError

__all__ = ["ALL_CAPABILITIES", "DEFAULT_CAPABILITIES", "compute_capabilities", "normalize"]

#: Every capability, by number (0 .. 40, Linux 5.9+).
ALL_CAPABILITIES: tuple[str, ...] = (
    "CAP_CHOWN",
    "CAP_DAC_OVERRIDE",
    "CAP_DAC_READ_SEARCH",
    "CAP_FOWNER",
    "CAP_FSETID",
    "CAP_KILL",
    "CAP_SETGID",
    "CAP_SETUID",
    "CAP_SETPCAP",
    "CAP_LINUX_IMMUTABLE",
    "CAP_NET_BIND_SERVICE",
    "CAP_NET_BROADCAST",
    "CAP_NET_ADMIN",
    "CAP_NET_RAW",
    "CAP_IPC_LOCK",
    "CAP_IPC_OWNER",
    "CAP_SYS_MODULE",
    "CAP_SYS_RAWIO",
    "CAP_SYS_CHROOT",
    "CAP_SYS_PTRACE",
    "CAP_SYS_PACCT",
    "CAP_SYS_ADMIN",
    "CAP_SYS_BOOT",
    "CAP_SYS_NICE",
    "CAP_SYS_RESOURCE",
    "CAP_SYS_TIME",
    "CAP_SYS_TTY_CONFIG",
    "CAP_MKNOD",
    "CAP_LEASE",
    "CAP_AUDIT_WRITE",
    "CAP_AUDIT_CONTROL",
    "CAP_SETFCAP",
    "CAP_MAC_OVERRIDE",
    "CAP_MAC_ADMIN",
    "CAP_SYSLOG",
    "CAP_WAKE_ALARM",
    "CAP_BLOCK_SUSPEND",
    "CAP_AUDIT_READ",
    "CAP_PERFMON",
    "CAP_BPF",
    "CAP_CHECKPOINT_RESTORE",
)

#: The container runtime default set (containerd, CRI-O, podman).
DEFAULT_CAPABILITIES: tuple[str, ...] = (
    "CAP_CHOWN",
    "CAP_DAC_OVERRIDE",
    "CAP_FSETID",
    "CAP_FOWNER",
    "CAP_MKNOD",
    "CAP_NET_RAW",
    "CAP_SETGID",
    "CAP_SETUID",
    "CAP_SETFCAP",
    "CAP_SETPCAP",
    "CAP_NET_BIND_SERVICE",
    "CAP_SYS_CHROOT",
    "CAP_KILL",
    "CAP_AUDIT_WRITE",
)

_KNOWN = frozenset(ALL_CAPABILITIES)


def normalize(name: str) -> str:
    """``net_bind_service`` / ``CAP_NET_BIND_SERVICE`` → ``CAP_NET_BIND_SERVICE``;
    ``all`` → ``ALL``."""
    upper = name.strip().upper()
    if upper == "ALL":
        return upper
    return upper if upper.startswith("CAP_") else "CAP_" + upper


def _checked(names: Iterable[str], what: str, known: frozenset[str]) -> list[str]:
    out: list[str] = []
    for raw in names:
        cap = normalize(raw)
        if cap != "ALL" and cap not in known:
            raise CreateContainerError(f"unknown capability {raw!r} to {what}")
        out.append(cap)
    return out


def compute_capabilities(
    add: Iterable[str] | None,
    drop: Iterable[str] | None,
    *,
    default: Iterable[str] = DEFAULT_CAPABILITIES,
    available: Iterable[str] = ALL_CAPABILITIES,
) -> list[str]:
    """The capability set, in kernel order. ``available`` is what ``ALL``
    means (the capabilities this kernel and runtime know)."""
    known = frozenset(available) | _KNOWN
    adds = _checked(add or (), "add", known)
    drops = _checked(drop or (), "drop", known)
    caps = set(default)
    if "ALL" in adds:
        caps = set(available)
    if "ALL" in drops:
        caps = set()
    caps |= {c for c in adds if c != "ALL"}
    caps -= {c for c in drops if c != "ALL"}
    order = {name: i for i, name in enumerate(ALL_CAPABILITIES)}
    return sorted(caps, key=lambda c: (order.get(c, len(order)), c))
