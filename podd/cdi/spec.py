"""The Container Device Interface spec file (cdiVersion 0.3.0 .. 1.0.0) as
msgspec Structs, its parsing from JSON or YAML, its validation, and the
merging of container edits (pure but for :func:`read_spec`).

A spec names a *kind* (``vendor.com/class``) and its devices; each device
and the spec itself carry :class:`ContainerEdits` (env, device nodes, mounts,
hooks, additional gids) that a runtime applies to a container asking for the
device (podd.runtime.cdiedits). Fields newer versions add that podd does not
apply (``intelRdt``, ``netDevices``) are ignored, not refused, so a vendor's
newer file still yields its devices.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec
import yaml

from podd.cdi.errors import CDIError
from podd.cdi.names import validate_device_name, validate_kind

__all__ = [
    "HOOK_NAMES",
    "SUPPORTED_VERSIONS",
    "CDIError",
    "ContainerEdits",
    "Device",
    "DeviceNode",
    "Hook",
    "Mount",
    "Spec",
    "decode_spec",
    "merge_edits",
    "read_spec",
    "validate_spec",
]

#: The cdiVersions whose files podd reads (the CDI library's known versions).
SUPPORTED_VERSIONS = ("0.3.0", "0.4.0", "0.5.0", "0.6.0", "0.7.0", "0.8.0", "1.0.0")

#: OCI hook points a CDI hook may name.
HOOK_NAMES = (
    "prestart",
    "createRuntime",
    "createContainer",
    "startContainer",
    "poststart",
    "poststop",
)


class _Cdi(msgspec.Struct, rename="camel", omit_defaults=True):
    """Base: camelCase field names, defaults left out when encoding."""


class DeviceNode(_Cdi):
    path: str
    host_path: str | None = None
    type: str | None = None
    major: int | None = None
    minor: int | None = None
    file_mode: int | None = None
    permissions: str | None = None
    uid: int | None = None
    gid: int | None = None


class Mount(_Cdi):
    host_path: str
    container_path: str
    type: str | None = None
    options: list[str] = []


class Hook(_Cdi):
    hook_name: str
    path: str
    args: list[str] = []
    env: list[str] = []
    timeout: int | None = None


class ContainerEdits(_Cdi):
    env: list[str] = []
    device_nodes: list[DeviceNode] = []
    mounts: list[Mount] = []
    hooks: list[Hook] = []
    additional_gids: list[int] = []


class Device(_Cdi, kw_only=True):
    name: str
    annotations: dict[str, str] = {}
    container_edits: ContainerEdits


class Spec(_Cdi, kw_only=True):
    cdi_version: str
    kind: str
    annotations: dict[str, str] = {}
    devices: list[Device] = []
    container_edits: ContainerEdits = msgspec.field(default_factory=ContainerEdits)


# -- merging ------------------------------------------------------------------


def _env_key(entry: str) -> str:
    return entry.partition("=")[0]


def merge_edits(*edits: ContainerEdits) -> ContainerEdits:
    """One ContainerEdits of several, in order: a later env ``KEY=`` replaces
    an earlier one (in its place); device nodes are kept once per container
    path (the first), identical mounts and hooks once, gids once."""
    env: dict[str, str] = {}
    nodes: dict[str, DeviceNode] = {}
    mounts: list[Mount] = []
    hooks: list[Hook] = []
    gids: list[int] = []
    for e in edits:
        for entry in e.env:
            env[_env_key(entry)] = entry
        for node in e.device_nodes:
            nodes.setdefault(node.path, node)
        mounts += [m for m in e.mounts if m not in mounts]
        hooks += [h for h in e.hooks if h not in hooks]
        gids += [g for g in e.additional_gids if g not in gids]
    return ContainerEdits(
        env=list(env.values()),
        device_nodes=list(nodes.values()),
        mounts=mounts,
        hooks=hooks,
        additional_gids=gids,
    )


# -- validation ---------------------------------------------------------------


def _validate_edits(edits: ContainerEdits, where: str) -> None:
    for entry in edits.env:
        if "=" not in entry or not _env_key(entry):
            raise CDIError(f"{where}: invalid env {entry!r}: want KEY=VALUE")
    for node in edits.device_nodes:
        if not node.path.startswith("/"):
            raise CDIError(f"{where}: deviceNodes path {node.path!r} must be absolute")
        if node.host_path is not None and not node.host_path.startswith("/"):
            raise CDIError(f"{where}: deviceNodes hostPath {node.host_path!r} must be absolute")
        if node.type is not None and node.type not in ("b", "c", "u", "p"):
            raise CDIError(f"{where}: device {node.path}: invalid type {node.type!r}")
        if node.permissions and set(node.permissions) - set("rwm"):
            raise CDIError(f"{where}: device {node.path}: invalid permissions {node.permissions!r}")
    for mount in edits.mounts:
        if not mount.host_path or not mount.container_path:
            raise CDIError(f"{where}: mounts need hostPath and containerPath: {mount}")
    for hook in edits.hooks:
        if hook.hook_name not in HOOK_NAMES:
            raise CDIError(f"{where}: invalid hookName {hook.hook_name!r}")
        if not hook.path:
            raise CDIError(f"{where}: hook {hook.hook_name} has no path")
    for gid in edits.additional_gids:
        if gid < 0:
            raise CDIError(f"{where}: invalid additionalGids entry {gid}")


def validate_spec(spec: Spec, source: str = "spec") -> Spec:
    """``spec`` when it is a valid CDI spec; CDIError naming ``source`` and the
    field otherwise."""
    if spec.cdi_version not in SUPPORTED_VERSIONS:
        raise CDIError(
            f"{source}: unsupported cdiVersion {spec.cdi_version!r} "
            f"(supported: {', '.join(SUPPORTED_VERSIONS)})"
        )
    try:
        validate_kind(spec.kind)
    except CDIError as err:
        raise CDIError(f"{source}: kind: {err}") from None
    if not spec.devices:
        raise CDIError(f"{source}: kind {spec.kind}: no devices")
    _validate_edits(spec.container_edits, f"{source}: containerEdits")
    seen: set[str] = set()
    for dev in spec.devices:
        try:
            validate_device_name(dev.name)
        except CDIError as err:
            raise CDIError(f"{source}: devices: {err}") from None
        if dev.name in seen:
            raise CDIError(f"{source}: device {dev.name!r} defined twice")
        seen.add(dev.name)
        _validate_edits(dev.container_edits, f"{source}: device {dev.name}")
    return spec


# -- parsing ------------------------------------------------------------------


def decode_spec(data: bytes | str, source: str = "spec") -> Spec:
    """A validated Spec of a JSON or YAML document (JSON is YAML)."""
    try:
        raw: Any = yaml.safe_load(data)
    except yaml.YAMLError as err:
        raise CDIError(f"{source}: not YAML or JSON: {err}") from None
    if not isinstance(raw, dict):
        raise CDIError(f"{source}: a CDI spec must be a mapping")
    try:
        spec = msgspec.convert(raw, Spec, strict=True)
    except msgspec.ValidationError as err:
        raise CDIError(f"{source}: {err}") from None
    return validate_spec(spec, source)


def read_spec(path: str | Path) -> Spec:
    """The spec in a file (blocking)."""
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise CDIError(f"{path}: {err.strerror or err}") from None
    return decode_spec(data, str(path))
