from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.config_map_api_version import (
    ConfigMapApiVersion,
    check_config_map_api_version,
)
from ..models.config_map_kind import ConfigMapKind, check_config_map_kind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.config_map_binary_data_type_0 import ConfigMapBinaryDataType0
    from ..models.config_map_data_type_0 import ConfigMapDataType0
    from ..models.object_meta import ObjectMeta


T = TypeVar("T", bound="ConfigMap")


@_attrs_define
class ConfigMap:
    """
    Attributes:
        api_version (ConfigMapApiVersion | Unset):
        kind (ConfigMapKind | Unset):
        metadata (ObjectMeta | Unset): Metadata every persisted object has.

                ``managed_fields`` is accepted (clients echo it back) but carries no
                meaning in podd; ``default_pod`` drops it.
        immutable (bool | None | Unset):
        data (ConfigMapDataType0 | None | Unset):
        binary_data (ConfigMapBinaryDataType0 | None | Unset):
    """

    api_version: ConfigMapApiVersion | Unset = UNSET
    kind: ConfigMapKind | Unset = UNSET
    metadata: ObjectMeta | Unset = UNSET
    immutable: bool | None | Unset = UNSET
    data: ConfigMapDataType0 | None | Unset = UNSET
    binary_data: ConfigMapBinaryDataType0 | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.config_map_binary_data_type_0 import ConfigMapBinaryDataType0
        from ..models.config_map_data_type_0 import ConfigMapDataType0

        api_version: str | Unset = UNSET
        if not isinstance(self.api_version, Unset):
            api_version = self.api_version

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        immutable: bool | None | Unset
        if isinstance(self.immutable, Unset):
            immutable = UNSET
        else:
            immutable = self.immutable

        data: dict[str, Any] | None | Unset
        if isinstance(self.data, Unset):
            data = UNSET
        elif isinstance(self.data, ConfigMapDataType0):
            data = self.data.to_dict()
        else:
            data = self.data

        binary_data: dict[str, Any] | None | Unset
        if isinstance(self.binary_data, Unset):
            binary_data = UNSET
        elif isinstance(self.binary_data, ConfigMapBinaryDataType0):
            binary_data = self.binary_data.to_dict()
        else:
            binary_data = self.binary_data

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if api_version is not UNSET:
            field_dict["apiVersion"] = api_version
        if kind is not UNSET:
            field_dict["kind"] = kind
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if immutable is not UNSET:
            field_dict["immutable"] = immutable
        if data is not UNSET:
            field_dict["data"] = data
        if binary_data is not UNSET:
            field_dict["binaryData"] = binary_data

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.config_map_binary_data_type_0 import ConfigMapBinaryDataType0
        from ..models.config_map_data_type_0 import ConfigMapDataType0
        from ..models.object_meta import ObjectMeta

        d = dict(src_dict)
        _api_version = d.pop("apiVersion", UNSET)
        api_version: ConfigMapApiVersion | Unset
        if isinstance(_api_version, Unset):
            api_version = UNSET
        else:
            api_version = check_config_map_api_version(_api_version)

        _kind = d.pop("kind", UNSET)
        kind: ConfigMapKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = check_config_map_kind(_kind)

        _metadata = d.pop("metadata", UNSET)
        metadata: ObjectMeta | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = ObjectMeta.from_dict(_metadata)

        def _parse_immutable(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        immutable = _parse_immutable(d.pop("immutable", UNSET))

        def _parse_data(data: object) -> ConfigMapDataType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                data_type_0 = ConfigMapDataType0.from_dict(data)

                return data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ConfigMapDataType0 | None | Unset, data)

        data = _parse_data(d.pop("data", UNSET))

        def _parse_binary_data(data: object) -> ConfigMapBinaryDataType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                binary_data_type_0 = ConfigMapBinaryDataType0.from_dict(data)

                return binary_data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ConfigMapBinaryDataType0 | None | Unset, data)

        binary_data = _parse_binary_data(d.pop("binaryData", UNSET))

        config_map = cls(
            api_version=api_version,
            kind=kind,
            metadata=metadata,
            immutable=immutable,
            data=data,
            binary_data=binary_data,
        )

        return config_map
