"""CDI container edits applied to a container's OCI spec (pure: returns a
new spec; the registry filled device types and numbers at load time).

Device nodes. podd's runtime runs inside the pod's user namespace, where
``mknod`` is refused, so both runtimes *bind-mount* each ``linux.devices``
entry instead of creating it: runc (libcontainer/rootfs_linux.go,
``createDevices``: ``useBindMount := RunningInUserNS() || NEWUSER`` ->
``bindMountDeviceNode`` mounts ``node.Path`` onto an empty file at the same
path in the rootfs, MS_BIND) and crun (linux.c, ``libcrun_create_dev`` with
``binds``: a bind of ``device->path`` with MS_BIND|MS_PRIVATE|MS_NOEXEC|
MS_NOSUID). Either way the *source is the container path read on the host*,
so a node whose ``hostPath`` differs from its ``path`` is not a
``linux.devices`` entry (runc 1.1.5 here: "error creating device nodes:
mount /dev/fake0:<rootfs>/dev/fake0 ... no such file or directory") but
a bind mount of ``hostPath`` at ``path`` with only ``bind``: no remount, so
none of the host ``/dev`` mount's locked flags can make it fail with EPERM,
and never ``nodev`` (the node would be unusable). Each node also gets an
allow rule in ``linux.resources.devices`` (what a runtime enforces where it
manages the device cgroup; in a user namespace runc skips the v1 devices
controller and ignores a failed v2 eBPF filter load: fs2 canSkipEBPFError,
as crun does).

Mounts are appended (type ``bind`` and ``rbind`` when the spec gives none)
and all mounts stably ordered by path depth, parents first, as the CDI
library does. ``mountinfo`` (``/proc/<pid>/mountinfo`` of the pod's mount
namespace) adds each source mount's locked nosuid/nodev/noexec to a bind's
options: runc remounts a bind that has flags, and inside a user namespace
the kernel refuses a remount that drops a locked flag.
"""

from __future__ import annotations

import msgspec

from podd.cdi import spec as cdi
from podd.cdi.errors import CDIError
from podd.runtime import ocispec as oci
from podd.runtime.mounts import locked_flags

__all__ = ["apply_edits"]

_HOOK_FIELDS = {
    "prestart": "prestart",
    "createRuntime": "create_runtime",
    "createContainer": "create_container",
    "startContainer": "start_container",
    "poststart": "poststart",
    "poststop": "poststop",
}


def _env(current: list[str], added: list[str]) -> list[str]:
    """``added`` over ``current``: a key already set is replaced in place."""
    out = list(current)
    where = {e.partition("=")[0]: i for i, e in enumerate(out)}
    for entry in added:
        key = entry.partition("=")[0]
        if key in where:
            out[where[key]] = entry
        else:
            where[key] = len(out)
            out.append(entry)
    return out


def _depth(path: str) -> int:
    return len([p for p in path.split("/") if p])


def _with_locked(options: list[str], source: str, mountinfo: str) -> list[str]:
    if not mountinfo:
        return options
    return options + [f for f in locked_flags(source, mountinfo) if f not in options]


def _cdi_mount(m: cdi.Mount, mountinfo: str) -> oci.Mount:
    kind = m.type or "bind"
    options = list(m.options)
    if kind == "bind":
        if "bind" not in options and "rbind" not in options:
            options.append("rbind")
        options = _with_locked(options, m.host_path, mountinfo)
    return oci.Mount(m.container_path, kind, m.host_path, options)


def _device(
    node: cdi.DeviceNode,
) -> tuple[oci.LinuxDevice | None, oci.Mount | None, oci.LinuxDeviceCgroup | None]:
    kind = node.type
    if kind is None or (kind != "p" and (node.major is None or node.minor is None)):
        raise CDIError(f"device node {node.path}: type/major/minor unknown (not stat'ed)")
    rule = None
    if kind != "p":
        rule = oci.LinuxDeviceCgroup(
            allow=True,
            type="c" if kind == "u" else kind,
            major=node.major,
            minor=node.minor,
            access=node.permissions or "rwm",
        )
    if node.host_path and node.host_path != node.path:
        return None, oci.Mount(node.path, "bind", node.host_path, ["bind"]), rule
    device = oci.LinuxDevice(
        path=node.path,
        type=kind,
        major=node.major,
        minor=node.minor,
        file_mode=node.file_mode,
        uid=node.uid,
        gid=node.gid,
    )
    return device, None, rule


def _hooks(current: oci.Hooks | None, hooks: list[cdi.Hook]) -> oci.Hooks | None:
    if not hooks:
        return current
    lists: dict[str, list[oci.Hook]] = {
        field: list(getattr(current, field)) if current else [] for field in _HOOK_FIELDS.values()
    }
    for hook in hooks:
        field = _HOOK_FIELDS.get(hook.hook_name)
        if field is None:
            raise CDIError(f"invalid hookName {hook.hook_name!r} (hook {hook.path})")
        lists[field].append(oci.Hook(hook.path, list(hook.args), list(hook.env), hook.timeout))
    return oci.Hooks(**lists)


def apply_edits(spec: oci.Spec, edits: cdi.ContainerEdits, *, mountinfo: str = "") -> oci.Spec:
    """``spec`` with ``edits`` applied (a new Spec; ``spec`` is untouched)."""
    devices = list(spec.linux.devices)
    rules = list(spec.linux.resources.devices) if spec.linux.resources else []
    mounts = list(spec.mounts)
    for node in edits.device_nodes:
        device, mount, rule = _device(node)
        if device is not None:
            # a later node for the same path replaces the earlier (CDI's AddDevice)
            devices = [d for d in devices if d.path != device.path] + [device]
        if mount is not None:
            mounts.append(mount)
        if rule is not None and rule not in rules:
            rules.append(rule)
    mounts += [_cdi_mount(m, mountinfo) for m in edits.mounts]
    if len(mounts) != len(spec.mounts):
        mounts.sort(key=lambda m: _depth(m.destination))
    user = spec.process.user
    gids = list(user.additional_gids or [])
    gids += [g for g in edits.additional_gids if g != 0 and g not in gids]
    process = msgspec.structs.replace(
        spec.process,
        env=_env(spec.process.env, edits.env),
        user=msgspec.structs.replace(user, additional_gids=gids or user.additional_gids),
    )
    linux = msgspec.structs.replace(
        spec.linux,
        devices=devices,
        resources=(
            msgspec.structs.replace(spec.linux.resources or oci.LinuxResources(), devices=rules)
            if rules
            else spec.linux.resources
        ),
    )
    return msgspec.structs.replace(
        spec,
        process=process,
        mounts=mounts,
        linux=linux,
        hooks=_hooks(spec.hooks, edits.hooks),
    )
