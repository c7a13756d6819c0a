from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.secret_api_version import SecretApiVersion, check_secret_api_version
from ..models.secret_kind import SecretKind, check_secret_kind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.object_meta import ObjectMeta
    from ..models.secret_data_type_0 import SecretDataType0
    from ..models.secret_string_data_type_0 import SecretStringDataType0


T = TypeVar("T", bound="Secret")


@_attrs_define
class Secret:
    """A Secret; ``data`` values are the decoded bytes (base64 on the wire).

    Attributes:
        api_version (SecretApiVersion | Unset):
        kind (SecretKind | Unset):
        metadata (ObjectMeta | Unset): Metadata every persisted object has.

                ``managed_fields`` is accepted (clients echo it back) but carries no
                meaning in podd; ``default_pod`` drops it.
        immutable (bool | None | Unset):
        data (None | SecretDataType0 | Unset):
        string_data (None | SecretStringDataType0 | Unset):
        type_ (str | Unset):
    """

    api_version: SecretApiVersion | Unset = UNSET
    kind: SecretKind | Unset = UNSET
    metadata: ObjectMeta | Unset = UNSET
    immutable: bool | None | Unset = UNSET
    data: None | SecretDataType0 | Unset = UNSET
    string_data: None | SecretStringDataType0 | Unset = UNSET
    type_: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.secret_data_type_0 import SecretDataType0
        from ..models.secret_string_data_type_0 import SecretStringDataType0

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
        elif isinstance(self.data, SecretDataType0):
            data = self.data.to_dict()
        else:
            data = self.data

        string_data: dict[str, Any] | None | Unset
        if isinstance(self.string_data, Unset):
            string_data = UNSET
        elif isinstance(self.string_data, SecretStringDataType0):
            string_data = self.string_data.to_dict()
        else:
            string_data = self.string_data

        type_ = self.type_

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
        if string_data is not UNSET:
            field_dict["stringData"] = string_data
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.object_meta import ObjectMeta
        from ..models.secret_data_type_0 import SecretDataType0
        from ..models.secret_string_data_type_0 import SecretStringDataType0

        d = dict(src_dict)
        _api_version = d.pop("apiVersion", UNSET)
        api_version: SecretApiVersion | Unset
        if isinstance(_api_version, Unset):
            api_version = UNSET
        else:
            api_version = check_secret_api_version(_api_version)

        _kind = d.pop("kind", UNSET)
        kind: SecretKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = check_secret_kind(_kind)

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

        def _parse_data(data: object) -> None | SecretDataType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                data_type_0 = SecretDataType0.from_dict(data)

                return data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SecretDataType0 | Unset, data)

        data = _parse_data(d.pop("data", UNSET))

        def _parse_string_data(data: object) -> None | SecretStringDataType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                string_data_type_0 = SecretStringDataType0.from_dict(data)

                return string_data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SecretStringDataType0 | Unset, data)

        string_data = _parse_string_data(d.pop("stringData", UNSET))

        type_ = d.pop("type", UNSET)

        secret = cls(
            api_version=api_version,
            kind=kind,
            metadata=metadata,
            immutable=immutable,
            data=data,
            string_data=string_data,
            type_=type_,
        )

        return secret
