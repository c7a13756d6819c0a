from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.non_resource_attributes import NonResourceAttributes
    from ..models.resource_attributes import ResourceAttributes


T = TypeVar("T", bound="SelfSubjectAccessReviewSpec")


@_attrs_define
class SelfSubjectAccessReviewSpec:
    """The question: exactly one of resourceAttributes and nonResourceAttributes.

    Attributes:
        resource_attributes (None | ResourceAttributes | Unset):
        non_resource_attributes (None | NonResourceAttributes | Unset):
    """

    resource_attributes: None | ResourceAttributes | Unset = UNSET
    non_resource_attributes: None | NonResourceAttributes | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.non_resource_attributes import NonResourceAttributes
        from ..models.resource_attributes import ResourceAttributes

        resource_attributes: dict[str, Any] | None | Unset
        if isinstance(self.resource_attributes, Unset):
            resource_attributes = UNSET
        elif isinstance(self.resource_attributes, ResourceAttributes):
            resource_attributes = self.resource_attributes.to_dict()
        else:
            resource_attributes = self.resource_attributes

        non_resource_attributes: dict[str, Any] | None | Unset
        if isinstance(self.non_resource_attributes, Unset):
            non_resource_attributes = UNSET
        elif isinstance(self.non_resource_attributes, NonResourceAttributes):
            non_resource_attributes = self.non_resource_attributes.to_dict()
        else:
            non_resource_attributes = self.non_resource_attributes

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if resource_attributes is not UNSET:
            field_dict["resourceAttributes"] = resource_attributes
        if non_resource_attributes is not UNSET:
            field_dict["nonResourceAttributes"] = non_resource_attributes

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.non_resource_attributes import NonResourceAttributes
        from ..models.resource_attributes import ResourceAttributes

        d = dict(src_dict)

        def _parse_resource_attributes(data: object) -> None | ResourceAttributes | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                resource_attributes_type_0 = ResourceAttributes.from_dict(data)

                return resource_attributes_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ResourceAttributes | Unset, data)

        resource_attributes = _parse_resource_attributes(d.pop("resourceAttributes", UNSET))

        def _parse_non_resource_attributes(data: object) -> None | NonResourceAttributes | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                non_resource_attributes_type_0 = NonResourceAttributes.from_dict(data)

                return non_resource_attributes_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | NonResourceAttributes | Unset, data)

        non_resource_attributes = _parse_non_resource_attributes(
            d.pop("nonResourceAttributes", UNSET)
        )

        self_subject_access_review_spec = cls(
            resource_attributes=resource_attributes,
            non_resource_attributes=non_resource_attributes,
        )

        return self_subject_access_review_spec
