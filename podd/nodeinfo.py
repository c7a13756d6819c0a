"""This host as a Kubernetes node sees it: allocatable cpu, memory and
ephemeral storage (used where a container has no limit: the downward API,
memory emptyDirs), and the address shown as ``status.hostIP``."""

from __future__ import annotations

import os
import socket
from pathlib import Path


def node_allocatable(path: str | Path = "/") -> dict[str, int]:
    """cpu (cores this process may use), memory and ephemeral-storage (the
    filesystem of ``path``) in bytes. Blocking but cheap; read once at start."""
    cpus = len(os.sched_getaffinity(0)) or os.cpu_count() or 1
    memory = 0
    try:
        with open("/proc/meminfo") as fh:
            for line in fh:
                if line.startswith("MemTotal:"):
                    memory = int(line.split()[1]) * 1024
                    break
    except OSError:
        pass
    st = os.statvfs(path)
    return {"cpu": cpus, "memory": memory, "ephemeral-storage": st.f_blocks * st.f_frsize}


def primary_ip() -> str:
    """The host's address for ``status.hostIP``: the first global IPv4 one."""
    from pyroute2 import IPRoute

    try:
        with IPRoute() as ipr:
            for msg in ipr.get_addr(family=socket.AF_INET):
                addr = msg.get_attr("IFA_ADDRESS")
                if addr and not addr.startswith("127."):
                    return str(addr)
    except Exception:
        pass
    return "127.0.0.1"
