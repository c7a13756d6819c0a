"""Forgetting UDP flows to endpoints that left, as kube-proxy's conntrack
cleanup does.

A UDP "connection" is a conntrack entry that lives as long as packets keep
coming: a client that keeps one source port (a metrics agent, a game
client) stays DNATed to an endpoint removed from the rules, for good. So
after a load, the entries whose original destination is a Service address
and port and whose reply comes from a removed endpoint are deleted; the
next datagram picks a live endpoint. TCP is left alone (kube-proxy too: a
connection to a gone endpoint fails by itself).

:func:`stale_udp_flows` says which (pure); :func:`forget` deletes them in
the pod network's namespace, with pyroute2's conntrack netlink from a
helper that joined it (root of its user namespace may change its
conntrack table).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import msgspec

from podd import spawn
from podd.network.proxyplan import PortPlan
from podd.sandbox.pause import join_argv

__all__ = ["ConntrackError", "StaleFlow", "forget", "stale_udp_flows"]

TIMEOUT = 10.0


class StaleFlow(msgspec.Struct, frozen=True, order=True):
    dport: int  # the Service port (or nodePort) the client sent to
    endpoint: str  # the address the flow was DNATed to
    daddr: str | None = None  # the Service address; None for a nodePort (any local address)


class ConntrackError(Exception):
    pass


def stale_udp_flows(old: Sequence[PortPlan], new: Sequence[PortPlan]) -> list[StaleFlow]:
    """The UDP flows that may point at endpoints ``new`` no longer has."""
    kept = {_key(p): {b.ip for b in p.backends} for p in new}
    out: set[StaleFlow] = set()
    for p in old:
        if p.protocol != "udp":
            continue
        still = kept.get(_key(p), set())
        for ip in {b.ip for b in p.backends} - still:
            for daddr in (p.cluster_ip, *p.external_ips):
                out.add(StaleFlow(p.port, ip, daddr))
            if p.node_port:
                out.add(StaleFlow(p.node_port, ip))
    return sorted(out)


def _key(p: PortPlan) -> tuple[str, str, str, str, int]:
    return (p.namespace, p.service, p.port_name, p.cluster_ip, p.port)


# Runs inside the namespace: reads the flows (JSON) on stdin, prints how many
# entries it deleted.
_SCRIPT = """
import json, sys
from pyroute2 import Conntrack
from pyroute2.netlink.nfnetlink.nfctsocket import NFCTAttrTuple
gone = 0
with Conntrack() as ct:
    for f in json.load(sys.stdin):
        match = {"proto": 17, "dport": f["dport"]}
        if f.get("daddr"):
            match["daddr"] = f["daddr"]
        for e in list(ct.dump_entries(tuple_orig=NFCTAttrTuple(**match))):
            if e.tuple_reply.saddr == f["endpoint"]:
                try:
                    ct.delete(e)
                    gone += 1
                except Exception:
                    pass  # ended meanwhile
print(gone)
"""


async def forget(pause: str | Path, holder_pid: int, flows: Sequence[StaleFlow]) -> int:
    """Delete the conntrack entries of ``flows`` in the holder's network
    namespace; returns how many there were."""
    if not flows:
        return 0
    argv = join_argv(pause, holder_pid, ["user", "net"], [sys.executable, "-c", _SCRIPT])
    done = await spawn.run(
        argv, stdin=msgspec.json.encode(list(flows)), merge_stderr=True, timeout=TIMEOUT
    )
    out = done.stdout.decode(errors="replace").strip()
    if done.returncode != 0:
        raise ConntrackError(f"conntrack cleanup failed ({done.returncode}): {out[-500:]}")
    return int(out.splitlines()[-1])
