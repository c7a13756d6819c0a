from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.field_selector_attributes import FieldSelectorAttributes
    from ..models.label_selector_attributes import LabelSelectorAttributes


T = TypeVar("T", bound="ResourceAttributes")


@_attrs_define
class ResourceAttributes:
    """The request on a resource a review asks about: the verb, the resource and where.

    Attributes:
        namespace (None | str | Unset):
        verb (None | str | Unset):
        group (None | str | Unset):
        version (None | str | Unset):
        resource (None | str | Unset):
        subresource (None | str | Unset):
        name (None | str | Unset):
        field_selector (FieldSelectorAttributes | None | Unset):
        label_selector (LabelSelectorAttributes | None | Unset):
    """

    namespace: None | str | Unset = UNSET
    verb: None | str | Unset = UNSET
    group: None | str | Unset = UNSET
    version: None | str | Unset = UNSET
    resource: None | str | Unset = UNSET
    subresource: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    field_selector: FieldSelectorAttributes | None | Unset = UNSET
    label_selector: LabelSelectorAttributes | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.field_selector_attributes import FieldSelectorAttributes
        from ..models.label_selector_attributes import LabelSelectorAttributes

        namespace: None | str | Unset
        if isinstance(self.namespace, Unset):
            namespace = UNSET
        else:
            namespace = self.namespace

        verb: None | str | Unset
        if isinstance(self.verb, Unset):
            verb = UNSET
        else:
            verb = self.verb

        group: None | str | Unset
        if isinstance(self.group, Unset):
            group = UNSET
        else:
            group = self.group

        version: None | str | Unset
        if isinstance(self.version, Unset):
            version = UNSET
        else:
            version = self.version

        resource: None | str | Unset
        if isinstance(self.resource, Unset):
            resource = UNSET
        else:
            resource = self.resource

        subresource: None | str | Unset
        if isinstance(self.subresource, Unset):
            subresource = UNSET
        else:
            subresource = self.subresource

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        field_selector: dict[str, Any] | None | Unset
        if isinstance(self.field_selector, Unset):
            field_selector = UNSET
        elif isinstance(self.field_selector, FieldSelectorAttributes):
            field_selector = self.field_selector.to_dict()
        else:
            field_selector = self.field_selector

        label_selector: dict[str, Any] | None | Unset
        if isinstance(self.label_selector, Unset):
            label_selector = UNSET
        elif isinstance(self.label_selector, LabelSelectorAttributes):
            label_selector = self.label_selector.to_dict()
        else:
            label_selector = self.label_selector

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if namespace is not UNSET:
            field_dict["namespace"] = namespace
        if verb is not UNSET:
            field_dict["verb"] = verb
        if group is not UNSET:
            field_dict["group"] = group
        if version is not UNSET:
            field_dict["version"] = version
        if resource is not UNSET:
            field_dict["resource"] = resource
        if subresource is not UNSET:
            field_dict["subresource"] = subresource
        if name is not UNSET:
            field_dict["name"] = name
        if field_selector is not UNSET:
            field_dict["fieldSelector"] = field_selector
        if label_selector is not UNSET:
            field_dict["labelSelector"] = label_selector

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.field_selector_attributes import FieldSelectorAttributes
        from ..models.label_selector_attributes import LabelSelectorAttributes

        d = dict(src_dict)

        def _parse_namespace(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        namespace = _parse_namespace(d.pop("namespace", UNSET))

        def _parse_verb(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        verb = _parse_verb(d.pop("verb", UNSET))

        def _parse_group(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        group = _parse_group(d.pop("group", UNSET))

        def _parse_version(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        version = _parse_version(d.pop("version", UNSET))

        def _parse_resource(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        resource = _parse_resource(d.pop("resource", UNSET))

        def _parse_subresource(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        subresource = _parse_subresource(d.pop("subresource", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_field_selector(data: object) -> FieldSelectorAttributes | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                field_selector_type_0 = FieldSelectorAttributes.from_dict(data)

                return field_selector_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FieldSelectorAttributes | None | Unset, data)

        field_selector = _parse_field_selector(d.pop("fieldSelector", UNSET))

        def _parse_label_selector(data: object) -> LabelSelectorAttributes | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                label_selector_type_0 = LabelSelectorAttributes.from_dict(data)

                return label_selector_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LabelSelectorAttributes | None | Unset, data)

        label_selector = _parse_label_selector(d.pop("labelSelector", UNSET))

        resource_attributes = cls(
            namespace=namespace,
            verb=verb,
            group=group,
            version=version,
            resource=resource,
            subresource=subresource,
            name=name,
            field_selector=field_selector,
            label_selector=label_selector,
        )

        return resource_attributes
