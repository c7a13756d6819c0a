"""Short commands run inside the pod network's namespaces by
``podd-pause --join`` (podd itself never enters a namespace)."""

from __future__ import annotations

from pathlib import Path

from podd import spawn
from podd.sandbox.errors import SandboxError
from podd.sandbox.pause import join_argv, write_maps_argv

SLIRP_DEV = "tap0"


async def _run(argv: list[str], what: str, timeout: float) -> None:
    done = await spawn.run(argv, merge_stderr=True, timeout=timeout)
    if done.returncode != 0:
        raise SandboxError(f"{what}: {done.stdout.decode(errors='replace').strip()}")


async def write_maps(pause: Path, holder_pid: int, child_pid: int, timeout: float) -> None:
    """Identity maps for a pod's user namespace (a child of the holder's)."""
    argv = write_maps_argv(pause, holder_pid, child_pid)
    await _run(argv, f"writing the id maps of {child_pid}", timeout)


async def answer_arp_at_once(pause: Path, holder_pid: int, timeout: float) -> None:
    """Proxy ARP replies on tap0 wait a random time up to 0.8 s by default
    (proxy_delay): the first connection to a new pod's host port waited that
    long. The sysctl is per device and per namespace, so a helper in the
    network writes it once slirp4netns made tap0."""
    script = f"echo 0 > /proc/sys/net/ipv4/neigh/{SLIRP_DEV}/proxy_delay"
    argv = join_argv(pause, holder_pid, ["user", "net"], ["/bin/sh", "-c", script])
    await _run(argv, f"proxy_delay on {SLIRP_DEV}", timeout)
