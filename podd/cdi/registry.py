"""The CDI devices of this host: spec files read from directories (and specs
podd generated), as an immutable snapshot that resolves device names into
container edits.

Priority is the CDI library's: a device defined in a later directory
replaces the same qualified device of an earlier one; two files of the same
directory defining it are a conflict, recorded in :attr:`Registry.errors`,
and the device is left out. A file that cannot be read or is not a valid
spec is recorded and skipped, never fatal. Device nodes get their missing
type/major/minor from ``stat`` of the host node at load time (the CDI
library's FillMissingInfo), so :meth:`Registry.resolve` is pure; a device
whose node cannot be stat'ed is recorded and left out.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec

from podd.cdi.errors import CDIError
from podd.cdi.names import parse_qualified, qualified
from podd.cdi.spec import ContainerEdits, Device, DeviceNode, Spec, merge_edits, read_spec

__all__ = ["DEFAULT_SPEC_DIRS", "SPEC_SUFFIXES", "Registry", "fill_node"]

DEFAULT_SPEC_DIRS = ("/etc/cdi", "/var/run/cdi")
SPEC_SUFFIXES = (".json", ".yaml", ".yml")


def fill_node(node: DeviceNode) -> DeviceNode:
    """``node`` with hostPath, type, major and minor filled from the host
    node (blocking: stats it unless all are known); CDIError when it is
    missing, not a device, or not of the declared type."""
    host = node.host_path or node.path
    if node.type == "p" or (node.type and node.major is not None and node.minor is not None):
        return msgspec.structs.replace(node, host_path=host)
    try:
        st = os.stat(host)
    except OSError as err:
        raise CDIError(f"device node {host}: {err.strerror or err}") from None
    if stat.S_ISCHR(st.st_mode):
        kind = "c"
    elif stat.S_ISBLK(st.st_mode):
        kind = "b"
    elif stat.S_ISFIFO(st.st_mode):
        kind = "p"
    else:
        raise CDIError(f"device node {host}: not a device node")
    if node.type and node.type != kind and not (node.type == "u" and kind == "c"):
        raise CDIError(f"device node {host}: is type {kind!r}, spec says {node.type!r}")
    return msgspec.structs.replace(
        node,
        host_path=host,
        type=node.type or kind,
        major=os.major(st.st_rdev) if node.major is None else node.major,
        minor=os.minor(st.st_rdev) if node.minor is None else node.minor,
    )


def _fill_edits(edits: ContainerEdits) -> ContainerEdits:
    if not edits.device_nodes:
        return edits
    return msgspec.structs.replace(edits, device_nodes=[fill_node(n) for n in edits.device_nodes])


def _natural(name: str) -> list[tuple[int, int | str]]:
    """Sort key: digit runs compare as numbers ("2" < "10")."""
    return [(0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"(\d+)", name) if p]


@dataclass(frozen=True)
class _Entry:
    """A device as registered: its (filled) edits and the spec it came from."""

    spec: int  # index into Registry._specs
    device: Device
    source: str
    priority: int


def _spec_files(directory: Path) -> list[Path]:
    try:
        names = sorted(os.listdir(directory))
    except FileNotFoundError:
        return []
    return [directory / n for n in names if n.endswith(SPEC_SUFFIXES)]


class Registry:
    """An immutable snapshot of the CDI specs of some directories."""

    def __init__(
        self,
        spec_dirs: Sequence[str],
        specs: Sequence[tuple[Spec, str]],
        devices: dict[str, _Entry],
        errors: Sequence[str],
    ) -> None:
        self.spec_dirs = list(spec_dirs)
        self._specs = list(specs)
        self._devices = dict(devices)
        self.errors: list[str] = list(errors)

    @classmethod
    def load(cls, dirs: Sequence[str | Path], generated: Sequence[Spec] = ()) -> Registry:
        """Read ``*.json``/``*.yaml``/``*.yml`` of ``dirs`` (blocking); missing
        directories are fine. ``generated`` specs count only for kinds no
        file provides."""
        errors: list[str] = []
        loaded: list[tuple[Spec, str, int]] = []
        for priority, directory in enumerate(dirs):
            try:
                files = _spec_files(Path(directory))
            except OSError as err:
                errors.append(f"{directory}: {err.strerror or err}")
                continue
            for path in files:
                try:
                    loaded.append((read_spec(path), str(path), priority))
                except CDIError as err:
                    errors.append(str(err))
        file_kinds = {spec.kind for spec, _, _ in loaded}
        for spec in generated:
            if spec.kind not in file_kinds:
                loaded.append((spec, f"<generated {spec.kind}>", -1))
        specs: list[tuple[Spec, str]] = []
        devices: dict[str, _Entry] = {}
        conflicts: set[str] = set()
        for spec, source, priority in loaded:
            try:
                spec = msgspec.structs.replace(
                    spec, container_edits=_fill_edits(spec.container_edits)
                )
            except CDIError as err:
                errors.append(f"{source}: {err}")
                continue
            specs.append((spec, source))
            for dev in spec.devices:
                name = qualified(spec.kind, dev.name)
                try:
                    dev = msgspec.structs.replace(
                        dev, container_edits=_fill_edits(dev.container_edits)
                    )
                except CDIError as err:
                    errors.append(f"{source}: device {name}: {err}")
                    continue
                entry = _Entry(len(specs) - 1, dev, source, priority)
                old = devices.get(name)
                if old is None or old.priority < priority:
                    devices[name] = entry
                    conflicts.discard(name)
                elif old.priority == priority:
                    errors.append(f"{source}: conflicting device {name} (also in {old.source})")
                    conflicts.add(name)
        for name in conflicts:
            devices.pop(name, None)
        return cls([str(d) for d in dirs], specs, devices, errors)

    def kinds(self) -> list[str]:
        return sorted({name.partition("=")[0] for name in self._devices})

    def devices(self, kind: str) -> list[str]:
        """Qualified names of the kind's devices, naturally sorted, without "all"."""
        names = [n for n in self._devices if n.partition("=")[0] == kind and not n.endswith("=all")]
        return sorted(names, key=lambda n: _natural(n.partition("=")[2]))

    def allocatable(self, kind: str) -> list[str]:
        """One qualified name per distinct device of the kind, for counting
        and allocating: names whose device nodes are the same (the NVIDIA
        spec's ``0`` and ``GPU-<uuid>``) are one device, named by the first
        in natural order (the index). Devices without nodes count each."""
        out: list[str] = []
        seen: set[tuple[str, ...]] = set()
        for name in self.devices(kind):
            nodes = tuple(n.path for n in self._devices[name].device.container_edits.device_nodes)
            if nodes and nodes in seen:
                continue
            seen.add(nodes)
            out.append(name)
        return out

    def _expand(self, name: str) -> list[str]:
        vendor, cls, device = parse_qualified(name)
        if device == "all" and name not in self._devices:
            return self.devices(f"{vendor}/{cls}") or [name]
        return [name]

    def resolve(self, names: Sequence[str]) -> ContainerEdits:
        """The edits for ``names``: each used spec's own edits once (first),
        then each device's; ``kind=all`` is the spec's "all" device, else every
        device of the kind. CDIError for names not known."""
        wanted: list[str] = []
        for name in names:
            wanted += [n for n in self._expand(name) if n not in wanted]
        missing = [n for n in wanted if n not in self._devices]
        if missing:
            raise CDIError(f"unresolvable CDI devices {', '.join(missing)}")
        spec_ids: list[int] = []
        for n in wanted:
            if self._devices[n].spec not in spec_ids:
                spec_ids.append(self._devices[n].spec)
        return merge_edits(
            *(self._specs[i][0].container_edits for i in spec_ids),
            *(self._devices[n].device.container_edits for n in wanted),
        )

    def info(self) -> dict[str, Any]:
        return {
            "specDirs": list(self.spec_dirs),
            "kinds": {kind: self.devices(kind) for kind in self.kinds()},
            "errors": list(self.errors),
        }
