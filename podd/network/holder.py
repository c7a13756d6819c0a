"""The pod network's namespace: start it, adopt it after a restart, wire
pods into it, stop it.

One ``podd-pause --userns --net`` holder owns a user namespace U (the pods'
usual id mapping, written once with newuidmap) and a network namespace N
with the bridge. Pods' user namespaces are created as children of U
(``--sandbox --parent-userns``): root of U writes their maps (no
newuidmap per pod) and has CAP_NET_ADMIN over their network namespaces, so
one netlink socket opened in N moves a veth end into any pod. slirp4netns
is attached to N once (tap0, the way out), tied to the holder by an exit
pipe the holder keeps.

State (``<dir>/state.json``: holder and slirp4netns by pid + start time) is
written once both run; a restarted podd adopts what is alive and replaces
what is not. Pod IPs live in ``<dir>/ipam`` (see ipam.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from pathlib import Path

import msgspec

from podd.atomicfile import write_atomic
from podd.network import forwards as fw
from podd.network import joins, links, nft
from podd.network.config import NetworkConfig
from podd.network.ipam import IPAM
from podd.network.netlinkthread import NetlinkThread
from podd.sandbox.cgroups import cgroup_pids
from podd.sandbox.errors import SandboxError
from podd.sandbox.network import SlirpHandle, SlirpOptions, start_slirp, stop_slirp
from podd.sandbox.pause import (
    PauseHandle,
    is_alive,
    start_pause,
    stop,
)
from podd.sandbox.podnet import PodAddress
from podd.sandbox.podsocket import netlink_socket
from podd.sandbox.portfwd import PortForward, SlirpClient
from podd.sandbox.process import (
    ProcessRef,
    is_running,
    process_ref,
    reap_if_exited,
    terminate,
)
from podd.sandbox.restore import open_exit_pipe
from podd.sandbox.userns import IdMapping, IdMapTools, write_id_maps

STATE_FILE = "state.json"
DNS_FD_SOCKET = "dns.sock"  # where the holder hands out the cluster DNS's sockets
HOST_LOOPBACK_FILE = "host-loopback.json"
DEFAULT_CONFIG = NetworkConfig()
SLIRP_DNS = "10.0.2.3"  # slirp4netns's resolver, reached from pods through NAT


class NetworkError(SandboxError):  # a sandbox that cannot be wired fails as one
    """The pod network could not be built or used; the message says why."""


class NetworkState(msgspec.Struct, frozen=True):
    holder: PauseHandle
    slirp: SlirpHandle | None  # None: recorded between the holder's start and slirp4netns's
    config: NetworkConfig


class PodNetwork:
    """One per podd. ``start()`` before anything else; every method is
    safe to call again after a failure."""

    def __init__(
        self,
        directory: Path,
        *,
        pause: Path,
        slirp4netns: Path,
        nft_binary: Path,
        id_mapping: IdMapping,
        id_tools: IdMapTools,
        config: NetworkConfig = DEFAULT_CONFIG,
        cgroup: Path | None = None,
        start_timeout: float = 10.0,
        stop_timeout: float = 5.0,
    ) -> None:
        self.dir = directory
        self._cgroup = cgroup  # where the holder and slirp4netns are born
        self.config = config
        self.ipam = IPAM(directory / "ipam", config)
        self.host_ports = fw.HostPorts(directory, lambda: SlirpClient(self.slirp.api_socket))
        self._pause = pause
        self._slirp = slirp4netns
        self._nft = nft_binary
        self._mapping = id_mapping
        self._tools = id_tools
        self._start_timeout = start_timeout
        self._stop_timeout = stop_timeout
        self._state: NetworkState | None = None
        self.cluster_dns: str | None = None  # set once podd's cluster DNS serves pods
        self._netlink = NetlinkThread()
        self._lock = asyncio.Lock()

    @property
    def state(self) -> NetworkState:
        if self._state is None:
            raise NetworkError("the pod network is not started")
        return self._state

    @property
    def pause(self) -> Path:
        return self._pause

    @property
    def holder(self) -> ProcessRef:
        return self.state.holder.ref

    @property
    def holder_pid(self) -> int:
        return self.state.holder.pid

    @property
    def slirp(self) -> SlirpHandle:
        slirp = self.state.slirp
        if slirp is None:
            raise NetworkError("the pod network's slirp4netns is not running")
        return slirp

    def alive(self) -> bool:
        s = self._state
        return (
            s is not None
            and is_alive(s.holder)
            and s.slirp is not None
            and not reap_if_exited(s.slirp.ref)
        )

    async def start(self) -> NetworkState:
        """Adopt the running network, or build it; then (re)apply the bridge
        and the rules, which is idempotent. Whatever else runs in the
        network's cgroup (left by a podd killed before it recorded it) is
        stopped first."""
        async with self._lock:
            self.dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            old = self._read_state()
            if old is not None and is_alive(old.holder):
                await self._sweep(keep=old)
                state = old
                if old.slirp is None or reap_if_exited(old.slirp.ref):
                    state = await self._restart_slirp(old)
            else:
                if old is not None:
                    await self._stop_processes(old)
                await self._sweep(keep=None)
                state = await self._build()
            self._state = state
            await self._configure()
            return state

    async def _sweep(self, keep: NetworkState | None) -> None:
        if self._cgroup is None:
            return
        wanted = set()
        if keep is not None:
            wanted.add(keep.holder.pid)
            if keep.slirp is not None and is_running(keep.slirp.ref):
                wanted.add(keep.slirp.pid)
        for pid in cgroup_pids(self._cgroup):
            if pid not in wanted:
                ref = process_ref(pid)
                if ref is not None:
                    with contextlib.suppress(Exception):
                        await terminate(ref, self._stop_timeout)

    async def _build(self) -> NetworkState:
        exit_r, exit_w = os.pipe()
        try:

            async def on_userns(pid: int) -> None:
                await write_id_maps(pid, self._mapping, self._tools)

            fd_socket = self.dir / DNS_FD_SOCKET
            with contextlib.suppress(FileNotFoundError):
                fd_socket.unlink()  # a dead holder's
            holder = await start_pause(
                self._pause,
                hostname="podd-network",
                on_userns=on_userns,
                keep_fd=exit_w,
                cgroup=self._cgroup,
                mode="podnet",
                timeout=self._start_timeout,
                net_options=["--dns", self.config.gateway, "--fd-socket", str(fd_socket)],
            )
            os.close(exit_w)
            exit_w = -1
            # recorded at once: a podd killed from here on adopts this holder
            state = NetworkState(holder=holder, slirp=None, config=self.config)
            write_atomic(self.dir / STATE_FILE, msgspec.json.encode(state))
            slirp = await self._start_slirp(holder, exit_r)
        finally:
            os.close(exit_r)
            if exit_w >= 0:
                os.close(exit_w)
        state = NetworkState(holder=holder, slirp=slirp, config=self.config)
        write_atomic(self.dir / STATE_FILE, msgspec.json.encode(state))
        return state

    async def _start_slirp(self, holder: PauseHandle, exit_r: int) -> SlirpHandle:
        api = self.dir / "slirp.sock"
        with contextlib.suppress(FileNotFoundError):
            api.unlink()
        try:
            return await start_slirp(
                self._pause,
                self._slirp,
                holder.pid,
                api_socket=api,
                log_path=self.dir / "slirp.log",
                exit_fd=exit_r,
                # the host's loopback is open to slirp4netns, closed to pods by nft
                options=SlirpOptions(allow_host_loopback=True, mtu=self.config.mtu),
                cgroup=self._cgroup,
                timeout=self._start_timeout,
            )
        except Exception as exc:
            raise NetworkError(f"pod network: {exc}") from exc

    async def _restart_slirp(self, old: NetworkState) -> NetworkState:
        exit_r = open_exit_pipe(old.holder)
        try:
            slirp = await self._start_slirp(old.holder, exit_r)
        finally:
            os.close(exit_r)
        state = msgspec.structs.replace(old, slirp=slirp)
        write_atomic(self.dir / STATE_FILE, msgspec.json.encode(state))
        return state

    async def _configure(self) -> None:
        state = self.state
        try:
            await self._netlink.open(await netlink_socket(self._pause, state.holder.ref))
            await self._netlink.on_network(links.ensure_bridge, self.config)
            await joins.answer_arp_at_once(self._pause, self.holder_pid, self._start_timeout)
            await self._load_rules()
        except Exception as exc:
            raise NetworkError(f"configuring the pod network: {exc}") from exc

    async def _load_rules(self) -> None:
        allowed = list(self._host_loopback().values())
        text = nft.ruleset(self.config, allowed)
        await nft.load(str(self._pause), str(self._nft), self.state.holder.pid, text)

    def _host_loopback(self) -> dict[str, str]:
        """uid → address of the pods allowed to reach the host's loopback."""
        try:
            return msgspec.json.decode(
                (self.dir / HOST_LOOPBACK_FILE).read_bytes(), type=dict[str, str]
            )
        except (OSError, msgspec.DecodeError):
            return {}

    async def _set_host_loopback(self, pod_uid: str, ip: str | None, reload: bool = True) -> None:
        """Allow (ip) or refuse (None) the pod the host's loopback: recorded,
        then the rules reloaded whole (the record survives a restart)."""
        allowed = self._host_loopback()
        if allowed.get(pod_uid) == ip:
            return
        if ip is None:
            allowed.pop(pod_uid, None)
        else:
            allowed[pod_uid] = ip
        write_atomic(self.dir / HOST_LOOPBACK_FILE, msgspec.json.encode(allowed))
        if reload:
            await self._load_rules()

    async def load_rules(self, text: str) -> None:
        """Load an ``nft -f`` text in the network's namespace, as podd's own
        table is (used for the Services' table, see proxyrules.py); raises
        nft.NftError with nft's words."""
        await nft.load(str(self._pause), str(self._nft), self.holder_pid, text)

    def _read_state(self) -> NetworkState | None:
        try:
            return msgspec.json.decode((self.dir / STATE_FILE).read_bytes(), type=NetworkState)
        except (OSError, msgspec.DecodeError):
            return None

    async def write_maps(self, child_pid: int) -> None:
        """Identity maps for a pod's user namespace (a child of the holder's)."""
        await joins.write_maps(self._pause, self.holder_pid, child_pid, self._start_timeout)

    async def attach(
        self, pod_uid: str, pause: ProcessRef, allow_host_loopback: bool = False
    ) -> PodAddress:
        """Claim the pod's address, then its veth: the host end on the bridge,
        eth0 with the address and the default route inside the pod."""
        if not self._netlink.ready:
            raise NetworkError("the pod network is not started")
        ip = self.ipam.claim(pod_uid)
        try:
            netns = os.open(f"/proc/{pause.pid}/ns/net", os.O_RDONLY | os.O_CLOEXEC)
        except OSError as exc:
            raise NetworkError(f"the pod's network namespace: {exc}") from exc
        try:
            await self._netlink.on_network(links.add_pod_link, pod_uid, netns, self.config)
        finally:
            os.close(netns)
        pod_sock = await netlink_socket(self._pause, pause)
        try:
            await self._netlink.run(links.configure_pod_side, pod_sock, ip, self.config)
        finally:
            pod_sock.close()
        if allow_host_loopback:
            await self._set_host_loopback(pod_uid, ip)
        return PodAddress(
            ip, self.config.gateway, self.config.prefixlen, SLIRP_DNS, self.cluster_dns
        )

    async def pod_links(self) -> set[str]:
        """Names of the pods' host-side links (what reconcile compares)."""
        return await self._netlink.on_network(links.pod_links)

    async def detach(self, pod_uid: str) -> None:
        """Remove the pod's host ports, host-loopback allowance and veth, and
        release its address. Every step is tried and the address is released
        whatever failed before (a veth left behind dies with the pod's
        network namespace); then the first failure is raised."""
        alive = self._state is not None and self.alive()
        failures: list[Exception] = []
        try:
            await self.host_ports.remove(pod_uid, alive)
        except Exception as exc:
            failures.append(exc)
        try:
            if pod_uid in self._host_loopback():
                await self._set_host_loopback(pod_uid, None, reload=alive)
        except Exception as exc:
            failures.append(exc)
        try:
            if self._netlink.ready and alive:
                await self._netlink.on_network(links.remove_pod_link, pod_uid)
        except Exception as exc:
            failures.append(exc)
        self.ipam.release(pod_uid)
        if failures:
            raise NetworkError(f"leaving the pod network: {failures[0]}") from failures[0]

    @property
    def api_socket(self) -> str:
        """slirp4netns's API socket: probes add their loopback forwards there."""
        return self.slirp.api_socket

    async def add_forwards(
        self, pod_uid: str, guest_ip: str, forwards: list[PortForward]
    ) -> list[int]:
        """The pod's host ports (see forwards.py); all or none."""
        return await self.host_ports.add(pod_uid, guest_ip, forwards)

    async def reconcile(self, live: set[str]) -> list[str]:
        """After a restart: free what pods no longer running hold (address,
        link, host ports), drop forwards nobody owns, restore live pods'
        forwards slirp4netns lacks. Returns the uids cleaned up."""
        owners = set(self.ipam.holders().values()) | self.host_ports.owners()
        gone = sorted(uid for uid in owners if uid not in live and uid != fw.NODE_PORTS)
        for uid in gone:
            await self.detach(uid)
        await self.host_ports.sync(live)
        return gone

    async def stop(self) -> None:
        """End the holder and slirp4netns (the pods must be gone already)."""
        async with self._lock:
            await self._netlink.close()
            state = self._state or self._read_state()
            if state is not None:
                await self._stop_processes(state)
            self._state = None
            (self.dir / STATE_FILE).unlink(missing_ok=True)
            for left in (DNS_FD_SOCKET, "slirp.sock"):  # their owners are gone
                (self.dir / left).unlink(missing_ok=True)
            self._netlink.shutdown()

    async def _stop_processes(self, state: NetworkState) -> None:
        if state.slirp is not None:
            with contextlib.suppress(Exception):
                await stop_slirp(state.slirp, self._stop_timeout)
        with contextlib.suppress(Exception):
            await stop(state.holder, self._stop_timeout)
