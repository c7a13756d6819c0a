from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.service_api_version import ServiceApiVersion, check_service_api_version
from ..models.service_kind import ServiceKind, check_service_kind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.object_meta import ObjectMeta
    from ..models.service_spec import ServiceSpec
    from ..models.service_status import ServiceStatus


T = TypeVar("T", bound="Service")


@_attrs_define
class Service:
    """
    Attributes:
        api_version (ServiceApiVersion | Unset):
        kind (ServiceKind | Unset):
        metadata (ObjectMeta | Unset): Metadata every persisted object has.

                ``managed_fields`` is accepted (clients echo it back) but carries no
                meaning in podd; ``default_pod`` drops it.
        spec (ServiceSpec | Unset):
        status (ServiceStatus | Unset):
    """

    api_version: ServiceApiVersion | Unset = UNSET
    kind: ServiceKind | Unset = UNSET
    metadata: ObjectMeta | Unset = UNSET
    spec: ServiceSpec | Unset = UNSET
    status: ServiceStatus | Unset = UNSET

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
        from ..models.service_spec import ServiceSpec
        from ..models.service_status import ServiceStatus

        d = dict(src_dict)
        _api_version = d.pop("apiVersion", UNSET)
        api_version: ServiceApiVersion | Unset
        if isinstance(_api_version, Unset):
            api_version = UNSET
        else:
            api_version = check_service_api_version(_api_version)

        _kind = d.pop("kind", UNSET)
        kind: ServiceKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = check_service_kind(_kind)

        _metadata = d.pop("metadata", UNSET)
        metadata: ObjectMeta | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = ObjectMeta.from_dict(_metadata)

        _spec = d.pop("spec", UNSET)
        spec: ServiceSpec | Unset
        if isinstance(_spec, Unset):
            spec = UNSET
        else:
            spec = ServiceSpec.from_dict(_spec)

        _status = d.pop("status", UNSET)
        status: ServiceStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = ServiceStatus.from_dict(_status)

        service = cls(
            api_version=api_version,
            kind=kind,
            metadata=metadata,
            spec=spec,
            status=status,
        )

        return service
