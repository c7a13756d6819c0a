from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.object_meta_annotations_type_0 import ObjectMetaAnnotationsType0
    from ..models.object_meta_labels_type_0 import ObjectMetaLabelsType0
    from ..models.object_meta_managed_fields_type_0_item import (
        ObjectMetaManagedFieldsType0Item,
    )
    from ..models.owner_reference import OwnerReference


T = TypeVar("T", bound="ObjectMeta")


@_attrs_define
class ObjectMeta:
    """Metadata every persisted object has.

    ``managed_fields`` is accepted (clients echo it back) but carries no
    meaning in podd; ``default_pod`` drops it.

    Attributes:
        name (None | str | Unset):
        generate_name (None | str | Unset):
        namespace (None | str | Unset):
        self_link (None | str | Unset):
        uid (None | str | Unset):
        resource_version (None | str | Unset):
        generation (int | None | Unset):
        creation_timestamp (None | str | Unset):
        deletion_timestamp (None | str | Unset):
        deletion_grace_period_seconds (int | None | Unset):
        labels (None | ObjectMetaLabelsType0 | Unset):
        annotations (None | ObjectMetaAnnotationsType0 | Unset):
        owner_references (list[OwnerReference] | None | Unset):
        finalizers (list[str] | None | Unset):
        managed_fields (list[ObjectMetaManagedFieldsType0Item] | None | Unset):
    """

    name: None | str | Unset = UNSET
    generate_name: None | str | Unset = UNSET
    namespace: None | str | Unset = UNSET
    self_link: None | str | Unset = UNSET
    uid: None | str | Unset = UNSET
    resource_version: None | str | Unset = UNSET
    generation: int | None | Unset = UNSET
    creation_timestamp: None | str | Unset = UNSET
    deletion_timestamp: None | str | Unset = UNSET
    deletion_grace_period_seconds: int | None | Unset = UNSET
    labels: None | ObjectMetaLabelsType0 | Unset = UNSET
    annotations: None | ObjectMetaAnnotationsType0 | Unset = UNSET
    owner_references: list[OwnerReference] | None | Unset = UNSET
    finalizers: list[str] | None | Unset = UNSET
    managed_fields: list[ObjectMetaManagedFieldsType0Item] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.object_meta_annotations_type_0 import ObjectMetaAnnotationsType0
        from ..models.object_meta_labels_type_0 import ObjectMetaLabelsType0

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        generate_name: None | str | Unset
        if isinstance(self.generate_name, Unset):
            generate_name = UNSET
        else:
            generate_name = self.generate_name

        namespace: None | str | Unset
        if isinstance(self.namespace, Unset):
            namespace = UNSET
        else:
            namespace = self.namespace

        self_link: None | str | Unset
        if isinstance(self.self_link, Unset):
            self_link = UNSET
        else:
            self_link = self.self_link

        uid: None | str | Unset
        if isinstance(self.uid, Unset):
            uid = UNSET
        else:
            uid = self.uid

        resource_version: None | str | Unset
        if isinstance(self.resource_version, Unset):
            resource_version = UNSET
        else:
            resource_version = self.resource_version

        generation: int | None | Unset
        if isinstance(self.generation, Unset):
            generation = UNSET
        else:
            generation = self.generation

        creation_timestamp: None | str | Unset
        if isinstance(self.creation_timestamp, Unset):
            creation_timestamp = UNSET
        else:
            creation_timestamp = self.creation_timestamp

        deletion_timestamp: None | str | Unset
        if isinstance(self.deletion_timestamp, Unset):
            deletion_timestamp = UNSET
        else:
            deletion_timestamp = self.deletion_timestamp

        deletion_grace_period_seconds: int | None | Unset
        if isinstance(self.deletion_grace_period_seconds, Unset):
            deletion_grace_period_seconds = UNSET
        else:
            deletion_grace_period_seconds = self.deletion_grace_period_seconds

        labels: dict[str, Any] | None | Unset
        if isinstance(self.labels, Unset):
            labels = UNSET
        elif isinstance(self.labels, ObjectMetaLabelsType0):
            labels = self.labels.to_dict()
        else:
            labels = self.labels

        annotations: dict[str, Any] | None | Unset
        if isinstance(self.annotations, Unset):
            annotations = UNSET
        elif isinstance(self.annotations, ObjectMetaAnnotationsType0):
            annotations = self.annotations.to_dict()
        else:
            annotations = self.annotations

        owner_references: list[dict[str, Any]] | None | Unset
        if isinstance(self.owner_references, Unset):
            owner_references = UNSET
        elif isinstance(self.owner_references, list):
            owner_references = []
            for owner_references_type_0_item_data in self.owner_references:
                owner_references_type_0_item = owner_references_type_0_item_data.to_dict()
                owner_references.append(owner_references_type_0_item)

        else:
            owner_references = self.owner_references

        finalizers: list[str] | None | Unset
        if isinstance(self.finalizers, Unset):
            finalizers = UNSET
        elif isinstance(self.finalizers, list):
            finalizers = self.finalizers

        else:
            finalizers = self.finalizers

        managed_fields: list[dict[str, Any]] | None | Unset
        if isinstance(self.managed_fields, Unset):
            managed_fields = UNSET
        elif isinstance(self.managed_fields, list):
            managed_fields = []
            for managed_fields_type_0_item_data in self.managed_fields:
                managed_fields_type_0_item = managed_fields_type_0_item_data.to_dict()
                managed_fields.append(managed_fields_type_0_item)

        else:
            managed_fields = self.managed_fields

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if generate_name is not UNSET:
            field_dict["generateName"] = generate_name
        if namespace is not UNSET:
            field_dict["namespace"] = namespace
        if self_link is not UNSET:
            field_dict["selfLink"] = self_link
        if uid is not UNSET:
            field_dict["uid"] = uid
        if resource_version is not UNSET:
            field_dict["resourceVersion"] = resource_version
        if generation is not UNSET:
            field_dict["generation"] = generation
        if creation_timestamp is not UNSET:
            field_dict["creationTimestamp"] = creation_timestamp
        if deletion_timestamp is not UNSET:
            field_dict["deletionTimestamp"] = deletion_timestamp
        if deletion_grace_period_seconds is not UNSET:
            field_dict["deletionGracePeriodSeconds"] = deletion_grace_period_seconds
        if labels is not UNSET:
            field_dict["labels"] = labels
        if annotations is not UNSET:
            field_dict["annotations"] = annotations
        if owner_references is not UNSET:
            field_dict["ownerReferences"] = owner_references
        if finalizers is not UNSET:
            field_dict["finalizers"] = finalizers
        if managed_fields is not UNSET:
            field_dict["managedFields"] = managed_fields

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.object_meta_annotations_type_0 import ObjectMetaAnnotationsType0
        from ..models.object_meta_labels_type_0 import ObjectMetaLabelsType0
        from ..models.object_meta_managed_fields_type_0_item import (
            ObjectMetaManagedFieldsType0Item,
        )
        from ..models.owner_reference import OwnerReference

        d = dict(src_dict)

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_generate_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        generate_name = _parse_generate_name(d.pop("generateName", UNSET))

        def _parse_namespace(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        namespace = _parse_namespace(d.pop("namespace", UNSET))

        def _parse_self_link(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        self_link = _parse_self_link(d.pop("selfLink", UNSET))

        def _parse_uid(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        uid = _parse_uid(d.pop("uid", UNSET))

        def _parse_resource_version(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        resource_version = _parse_resource_version(d.pop("resourceVersion", UNSET))

        def _parse_generation(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        generation = _parse_generation(d.pop("generation", UNSET))

        def _parse_creation_timestamp(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        creation_timestamp = _parse_creation_timestamp(d.pop("creationTimestamp", UNSET))

        def _parse_deletion_timestamp(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        deletion_timestamp = _parse_deletion_timestamp(d.pop("deletionTimestamp", UNSET))

        def _parse_deletion_grace_period_seconds(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        deletion_grace_period_seconds = _parse_deletion_grace_period_seconds(
            d.pop("deletionGracePeriodSeconds", UNSET)
        )

        def _parse_labels(data: object) -> None | ObjectMetaLabelsType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                labels_type_0 = ObjectMetaLabelsType0.from_dict(data)

                return labels_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ObjectMetaLabelsType0 | Unset, data)

        labels = _parse_labels(d.pop("labels", UNSET))

        def _parse_annotations(data: object) -> None | ObjectMetaAnnotationsType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                annotations_type_0 = ObjectMetaAnnotationsType0.from_dict(data)

                return annotations_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ObjectMetaAnnotationsType0 | Unset, data)

        annotations = _parse_annotations(d.pop("annotations", UNSET))

        def _parse_owner_references(data: object) -> list[OwnerReference] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                owner_references_type_0 = []
                _owner_references_type_0 = data
                for owner_references_type_0_item_data in _owner_references_type_0:
                    owner_references_type_0_item = OwnerReference.from_dict(
                        owner_references_type_0_item_data
                    )

                    owner_references_type_0.append(owner_references_type_0_item)

                return owner_references_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[OwnerReference] | None | Unset, data)

        owner_references = _parse_owner_references(d.pop("ownerReferences", UNSET))

        def _parse_finalizers(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                finalizers_type_0 = cast(list[str], data)

                return finalizers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        finalizers = _parse_finalizers(d.pop("finalizers", UNSET))

        def _parse_managed_fields(
            data: object,
        ) -> list[ObjectMetaManagedFieldsType0Item] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                managed_fields_type_0 = []
                _managed_fields_type_0 = data
                for managed_fields_type_0_item_data in _managed_fields_type_0:
                    managed_fields_type_0_item = ObjectMetaManagedFieldsType0Item.from_dict(
                        managed_fields_type_0_item_data
                    )

                    managed_fields_type_0.append(managed_fields_type_0_item)

                return managed_fields_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ObjectMetaManagedFieldsType0Item] | None | Unset, data)

        managed_fields = _parse_managed_fields(d.pop("managedFields", UNSET))

        object_meta = cls(
            name=name,
            generate_name=generate_name,
            namespace=namespace,
            self_link=self_link,
            uid=uid,
            resource_version=resource_version,
            generation=generation,
            creation_timestamp=creation_timestamp,
            deletion_timestamp=deletion_timestamp,
            deletion_grace_period_seconds=deletion_grace_period_seconds,
            labels=labels,
            annotations=annotations,
            owner_references=owner_references,
            finalizers=finalizers,
            managed_fields=managed_fields,
        )

        return object_meta
