"""podd's images: references, registry pulls, offline import, a content-addressed
store and layers unpacked in the pods' user namespace.

The service uses :class:`ImageManager` (pull / start_pull / import_archive /
list_images / inspect / resolve / remove / prune / layer_dirs) over an
:class:`ImageIndex` it implements on SQLite; the controller uses
:func:`needs_pull`, :class:`PullBackoff` and :meth:`ImageManager.is_present`.
Errors are :class:`~podd.images.errors.ImageError` subclasses (see
:mod:`podd.images.errors` for the tree); progress events are in
:mod:`podd.images.progress`.
"""

from podd.images.auth import Credential, CredentialStore, parse_auth_config
from podd.images.errors import ImageError, InvalidReferenceError
from podd.images.manager import ImageManager, RemoveReport
from podd.images.manifest import ContainerConfig, ImageConfig
from podd.images.platform import Platform, host_platform, parse_platform
from podd.images.policy import PullBackoff, PullPolicy, default_pull_policy, needs_pull
from podd.images.progress import (
    LayerProgress,
    PullComplete,
    PullEvent,
    PullFailed,
    PullHandle,
    PullResolved,
    encode_event,
)
from podd.images.records import ImageIndex, ImageRecord, JsonImageIndex, LayerRecord
from podd.images.reference import ImageReference, parse_reference
from podd.images.registry import RegistryOptions

__all__ = [
    "ContainerConfig",
    "Credential",
    "CredentialStore",
    "ImageConfig",
    "ImageError",
    "ImageIndex",
    "ImageManager",
    "ImageRecord",
    "ImageReference",
    "InvalidReferenceError",
    "JsonImageIndex",
    "LayerProgress",
    "LayerRecord",
    "Platform",
    "PullBackoff",
    "PullComplete",
    "PullEvent",
    "PullFailed",
    "PullHandle",
    "PullPolicy",
    "PullResolved",
    "RegistryOptions",
    "RemoveReport",
    "default_pull_policy",
    "encode_event",
    "host_platform",
    "needs_pull",
    "parse_auth_config",
    "parse_platform",
    "parse_reference",
]
