from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.pod_api_version import PodApiVersion, check_pod_api_version
from ..models.pod_kind import PodKind, check_pod_kind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.object_meta import ObjectMeta
    from ..models.pod_spec import PodSpec
    from ..models.pod_status import PodStatus


T = TypeVar("T", bound="Pod")


@_attrs_define
class Pod:
    """A pod; ``apiVersion``, ``kind``, ``metadata``, ``spec`` and ``status`` are always encoded.

    Attributes:
        api_version (PodApiVersion | Unset):
        kind (PodKind | Unset):
        metadata (ObjectMeta | Unset): Metadata every persisted object has.

                ``managed_fields`` is accepted (clients echo it back) but carries no
                meaning in podd; ``default_pod`` drops it.
        spec (PodSpec | Unset): The desired state of a pod.

                Scheduling fields (``node_selector``, ``affinity``, ``tolerations`` ...)
                are accepted for compatibility; podd runs every pod on its one node and
                says so in a warning (see ``podd.model.validation.warnings_for_pod``).
        status (PodStatus | Unset):
    """

    api_version: PodApiVersion | Unset = UNSET
    kind: PodKind | Unset = UNSET
    metadata: ObjectMeta | Unset = UNSET
    spec: PodSpec | Unset = UNSET
    status: PodStatus | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        api_version: str | Unset = UNSET
        if not isinstance(self.api_version, Unset):
            api_version = self.api_version

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        spec: dict[str, Any] | Unset = UNSET
        if not isinstance(self.spec, Unset):
            spec = self.spec.to_dict()

        status: dict[str, Any] | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if api_version is not UNSET:
            field_dict["apiVersion"] = api_version
        if kind is not UNSET:
            field_dict["kind"] = kind
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if spec is not UNSET:
            field_dict["spec"] = spec
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.object_meta import ObjectMeta
        from ..models.pod_spec import PodSpec
        from ..models.pod_status import PodStatus

        d = dict(src_dict)
        _api_version = d.pop("apiVersion", UNSET)
        api_version: PodApiVersion | Unset
        if isinstance(_api_version, Unset):
            api_version = UNSET
        else:
            api_version = check_pod_api_version(_api_version)

        _kind = d.pop("kind", UNSET)
        kind: PodKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = check_pod_kind(_kind)

        _metadata = d.pop("metadata", UNSET)
        metadata: ObjectMeta | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = ObjectMeta.from_dict(_metadata)

        _spec = d.pop("spec", UNSET)
        spec: PodSpec | Unset
        if isinstance(_spec, Unset):
            spec = UNSET
        else:
            spec = PodSpec.from_dict(_spec)

        _status = d.pop("status", UNSET)
        status: PodStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = PodStatus.from_dict(_status)

        pod = cls(
            api_version=api_version,
            kind=kind,
            metadata=metadata,
            spec=spec,
            status=status,
        )

        return pod
