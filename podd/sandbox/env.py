"""The settings every sandbox shares: paths, binaries, the id mapping and the
cgroup manager — discovered once when the service starts."""

from __future__ import annotations

import contextlib
import os
import pwd
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from podd.sandbox import binaries
from podd.sandbox.cgroups import (
    CgroupManager,
    CgroupPolicy,
    discover,
    enforcement,
    runtime_cgroups_path,
)
from podd.sandbox.etcfiles import ResolvConf, read_host_resolv
from podd.sandbox.network import DEFAULT_CIDR, DEFAULT_MTU
from podd.sandbox.podnet import PodNetworkPort
from podd.sandbox.userns import (
    IdMapping,
    IdMapTools,
    find_id_map_tools,
    plan_mapping,
    read_subid,
)


@dataclass(frozen=True)
class SandboxEnv:
    """Paths and settings shared by every sandbox (built once by the service)."""

    runtime_dir: Path
    pause: Path
    slirp4netns: Path
    cgroups: CgroupManager | None
    id_mapping: IdMapping
    id_tools: IdMapTools
    cgroup_reason: str | None = None
    proc_root: Path = Path("/proc")
    host_resolv: ResolvConf = field(default_factory=ResolvConf)
    cidr: str = DEFAULT_CIDR
    mtu: int = DEFAULT_MTU
    start_timeout: float = 10.0
    stop_timeout: float = 5.0
    pod_network: PodNetworkPort | None = None  # None: a slirp4netns per pod
    cgroup_policy: CgroupPolicy = field(default_factory=CgroupPolicy)  # pids limit, MemoryQoS

    def sandbox_dir(self, uid: str) -> Path:
        return self.runtime_dir / "pods" / uid

    def cgroup_report(self, mode: str) -> tuple[dict[str, Any], list[str]]:
        """The ``cgroup`` part of ``/podd/v1/info`` (what pods get enforced
        here, ``mode`` the hierarchy the runtime sees), and the warnings for
        podd's own settings that cannot be enforced (reported once, not per
        pod)."""
        cg = self.cgroups
        controllers = cg.controllers(cg.pods) if cg is not None else None
        split = cg is not None and runtime_cgroups_path(cg.pods / "ctr", mode) is not None
        found = enforcement(controllers, self.cgroup_policy, split)
        report = {
            "mode": mode,
            "controllers": controllers or [],
            "podPidsLimit": max(0, self.cgroup_policy.pod_pids_limit),
            "memoryQoS": self.cgroup_policy.memory_qos,
            "enforced": found.enforced,
            "notEnforced": found.not_enforced,
        }
        return report, found.warnings

    @classmethod
    def discover(
        cls,
        runtime_dir: str | Path,
        *,
        cgroup_root: str | Path | None = None,
        pause: str | Path | None = None,
        slirp4netns: str | None = None,
        subuid: str | Path = "/etc/subuid",
        subgid: str | Path = "/etc/subgid",
        user: str | None = None,
        **settings: Any,
    ) -> SandboxEnv:
        """Find binaries, the id mapping and the cgroup subtree (blocking, once)."""
        uid, gid = os.getuid(), os.getgid()
        if user is None:
            with contextlib.suppress(KeyError):
                user = pwd.getpwuid(uid).pw_name
        tools = find_id_map_tools()
        mapping = plan_mapping(
            uid, gid, read_subid(subuid, user, uid), read_subid(subgid, user, gid), tools
        )
        found = discover(cgroup_root)
        cgroups = CgroupManager(found.root) if found.root else None
        return cls(
            runtime_dir=Path(runtime_dir),
            pause=Path(pause) if pause else binaries.find_pause(),
            slirp4netns=binaries.find_tool("slirp4netns", slirp4netns),
            cgroups=cgroups,
            id_mapping=mapping,
            id_tools=tools,
            cgroup_reason=found.reason,
            host_resolv=read_host_resolv(),
            **settings,
        )
