"""The pod network's nftables rules (inside its own network namespace).

The ruleset is rendered whole (pure) and loaded with ``nft -f -`` by a helper
that joined the namespace, as one transaction that replaces podd's table: a
restarted podd reloads it without duplicating a rule, and nothing on the
host is touched. nftables rather than iptables: one atomic load, and the
kernel's nft NAT is what kube-proxy's nftables mode uses too.
"""

from __future__ import annotations

from podd import spawn
from podd.network.config import BRIDGE, NetworkConfig
from podd.sandbox.errors import SandboxError
from podd.sandbox.pause import join_argv

TABLE = "podd"
SLIRP_DEV = "tap0"


HOST_LOOPBACK = "10.0.2.2"  # slirp4netns's gateway: the host's 127.0.0.1


def ruleset(config: NetworkConfig, host_loopback: list[str] | tuple[str, ...] = ()) -> str:
    """Pods' traffic leaving through slirp4netns's tap0 is masqueraded to
    tap0's address (slirp4netns only knows its own 10.0.2.0/24). The host's
    loopback (slirp4netns's 10.0.2.2) is refused to every pod but those in
    ``host_loopback`` (the podd.io/allow-host-loopback annotation)."""
    allowed = ", ".join(sorted(host_loopback))
    elements = f" elements = {{ {allowed} }};" if allowed else ""
    return "\n".join(
        [
            f"table ip {TABLE}",
            f"delete table ip {TABLE}",
            f"table ip {TABLE} {{",
            f"  set host_loopback {{ type ipv4_addr;{elements} }}",
            "  chain postrouting {",
            "    type nat hook postrouting priority srcnat; policy accept;",
            f'    ip saddr {config.pod_cidr} oifname "{SLIRP_DEV}" masquerade',
            "  }",
            "  chain forward {",
            "    type filter hook forward priority filter; policy accept;",
            f'    iifname "{BRIDGE}" oifname "{BRIDGE}" accept',
            # new connections only: host ports arrive from 10.0.2.2, and their replies go back
            f"    ct state new ip daddr {HOST_LOOPBACK} ip saddr != @host_loopback reject",
            "  }",
            "}",
            "",
        ]
    )


class NftError(SandboxError):  # a sandbox that cannot be wired fails as one
    pass


async def load(pause: str, nft: str, holder_pid: int, text: str) -> None:
    """Load ``text`` with nft inside the holder's network namespace."""
    argv = join_argv(pause, holder_pid, ["user", "net"], [nft, "-f", "-"])
    done = await spawn.run(argv, stdin=text.encode(), merge_stderr=True)
    if done.returncode != 0:
        out = done.stdout.decode(errors="replace").strip()
        raise NftError(f"nft -f failed ({done.returncode}): {out}")
