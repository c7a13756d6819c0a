from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ObjectReference")


@_attrs_define
class ObjectReference:
    """Points at an object, optionally at a field of it (``spec.containers{web}``).

    Attributes:
        kind (None | str | Unset):
        namespace (None | str | Unset):
        name (None | str | Unset):
        uid (None | str | Unset):
        api_version (None | str | Unset):
        resource_version (None | str | Unset):
        field_path (None | str | Unset):
    """

    kind: None | str | Unset = UNSET
    namespace: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    uid: None | str | Unset = UNSET
    api_version: None | str | Unset = UNSET
    resource_version: None | str | Unset = UNSET
    field_path: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        kind: None | str | Unset
        if isinstance(self.kind, Unset):
            kind = UNSET
        else:
            kind = self.kind

        namespace: None | str | Unset
        if isinstance(self.namespace, Unset):
            namespace = UNSET
        else:
            namespace = self.namespace

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        uid: None | str | Unset
        if isinstance(self.uid, Unset):
            uid = UNSET
        else:
            uid = self.uid

        api_version: None | str | Unset
        if isinstance(self.api_version, Unset):
            api_version = UNSET
        else:
            api_version = self.api_version

        resource_version: None | str | Unset
        if isinstance(self.resource_version, Unset):
            resource_version = UNSET
        else:
            resource_version = self.resource_version

        field_path: None | str | Unset
        if isinstance(self.field_path, Unset):
            field_path = UNSET
        else:
            field_path = self.field_path

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if kind is not UNSET:
            field_dict["kind"] = kind
        if namespace is not UNSET:
            field_dict["namespace"] = namespace
        if name is not UNSET:
            field_dict["name"] = name
        if uid is not UNSET:
            field_dict["uid"] = uid
        if api_version is not UNSET:
            field_dict["apiVersion"] = api_version
        if resource_version is not UNSET:
            field_dict["resourceVersion"] = resource_version
        if field_path is not UNSET:
            field_dict["fieldPath"] = field_path

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_kind(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        kind = _parse_kind(d.pop("kind", UNSET))

        def _parse_namespace(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        namespace = _parse_namespace(d.pop("namespace", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_uid(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        uid = _parse_uid(d.pop("uid", UNSET))

        def _parse_api_version(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        api_version = _parse_api_version(d.pop("apiVersion", UNSET))

        def _parse_resource_version(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        resource_version = _parse_resource_version(d.pop("resourceVersion", UNSET))

        def _parse_field_path(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        field_path = _parse_field_path(d.pop("fieldPath", UNSET))

        object_reference = cls(
            kind=kind,
            namespace=namespace,
            name=name,
            uid=uid,
            api_version=api_version,
            resource_version=resource_version,
            field_path=field_path,
        )

        return object_reference
