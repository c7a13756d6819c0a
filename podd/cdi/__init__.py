"""The Container Device Interface (CDI): spec files that say what a device
request (``nvidia.com/gpu=0``) adds to a container -- device nodes, mounts,
env, hooks -- read from ``/etc/cdi``, ``/var/run/cdi`` and podd's own spec
dirs, plus a spec podd generates for the host's NVIDIA GPUs.

A low layer: imports nothing else of podd. podd.runtime.cdiedits applies
the resolved edits to a container's OCI spec.
"""

from __future__ import annotations

from podd.cdi.errors import CDIError
from podd.cdi.names import parse_annotations, parse_qualified, qualified
from podd.cdi.registry import DEFAULT_SPEC_DIRS, Registry
from podd.cdi.spec import ContainerEdits, Device, DeviceNode, Hook, Mount, Spec, merge_edits

__all__ = [
    "DEFAULT_SPEC_DIRS",
    "CDIError",
    "ContainerEdits",
    "Device",
    "DeviceNode",
    "Hook",
    "Mount",
    "Registry",
    "Spec",
    "merge_edits",
    "parse_annotations",
    "parse_qualified",
    "qualified",
]
