"""The pod sandbox: user namespace, pause, slirp4netns network, cgroup, /etc files.

The service uses :func:`create_sandbox`, :func:`destroy_sandbox`,
:func:`check_sandbox` and :func:`restore_network` (a new slirp4netns for a
live pause) with a :class:`SandboxEnv` built once at start; see
``podd.sandbox.sandbox`` and ``podd.sandbox.restore`` for the steps and
``podd.sandbox.errors`` for the exception tree.
"""

from podd.sandbox.cgroups import CgroupManager, NotEnforced, PodLimits
from podd.sandbox.errors import SandboxError
from podd.sandbox.etcfiles import DNSOption, DNSSettings, HostAlias
from podd.sandbox.hostinfo import HostInfo, gather_host_info
from podd.sandbox.pause import PauseHandle
from podd.sandbox.restore import restore_network
from podd.sandbox.sandbox import (
    PortForward,
    SandboxEnv,
    SandboxHealth,
    SandboxSpec,
    SandboxState,
    create_sandbox,
    load_state,
)
from podd.sandbox.teardown import check_sandbox, destroy_sandbox, purge_sandbox

__all__ = [
    "CgroupManager",
    "DNSOption",
    "DNSSettings",
    "HostAlias",
    "HostInfo",
    "NotEnforced",
    "PauseHandle",
    "PodLimits",
    "PortForward",
    "SandboxEnv",
    "SandboxError",
    "SandboxHealth",
    "SandboxSpec",
    "SandboxState",
    "check_sandbox",
    "create_sandbox",
    "destroy_sandbox",
    "gather_host_info",
    "load_state",
    "purge_sandbox",
    "restore_network",
]
