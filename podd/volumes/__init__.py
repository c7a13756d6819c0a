"""Pod volumes: emptyDir, hostPath, configMap, secret, downwardAPI, projected; subPath.

Modules: ``manager`` (prepare / refresh / remove a pod's volumes),
``emptydir``, ``hostpath``, ``projection`` (payloads, pure), ``downward``
(downward API formatting), ``atomic_writer`` (the ``..data`` symlink swap),
``subpath``, ``request`` (:class:`MountRequest`, what the runtime mounts),
``errors``.
"""

from podd.volumes.atomic_writer import AtomicWriter, FileProjection, Payload
from podd.volumes.emptydir import RemovalPlan, RunInUserns, removal_plan, remove_tree
from podd.volumes.errors import (
    HostPathTypeError,
    KeyNotFoundError,
    ObjectNotFoundError,
    ProjectionError,
    SubPathError,
    UnsupportedVolumeError,
    VolumeError,
    VolumeRemovalError,
)
from podd.volumes.hostpath import check_host_path
from podd.volumes.manager import (
    node_allocatable,
    prepare_pod_volumes,
    projection_dir,
    refresh_projections,
    remove_pod_volumes,
)
from podd.volumes.projection import (
    ObjectLookup,
    ObjectRefs,
    StaticLookup,
    project,
    referenced_objects,
)
from podd.volumes.request import MountRequest, TmpfsMount
from podd.volumes.subpath import expand_subpath_expr, resolve_subpath

__all__ = [
    "AtomicWriter",
    "FileProjection",
    "HostPathTypeError",
    "KeyNotFoundError",
    "MountRequest",
    "ObjectLookup",
    "ObjectNotFoundError",
    "ObjectRefs",
    "Payload",
    "ProjectionError",
    "RemovalPlan",
    "RunInUserns",
    "StaticLookup",
    "SubPathError",
    "TmpfsMount",
    "UnsupportedVolumeError",
    "VolumeError",
    "VolumeRemovalError",
    "check_host_path",
    "expand_subpath_expr",
    "node_allocatable",
    "prepare_pod_volumes",
    "project",
    "projection_dir",
    "referenced_objects",
    "refresh_projections",
    "removal_plan",
    "remove_pod_volumes",
    "remove_tree",
    "resolve_subpath",
]
