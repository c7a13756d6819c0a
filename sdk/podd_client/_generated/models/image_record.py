from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.image_record_source import ImageRecordSource, check_image_record_source
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.image_config import ImageConfig
    from ..models.layer_record import LayerRecord


T = TypeVar("T", bound="ImageRecord")


@_attrs_define
class ImageRecord:
    """Everything podd stores about an image.

    * ``id`` — the config digest (the image id, as in Docker and podman);
    * ``names`` — canonical tagged references (``docker.io/library/busybox:latest``),
      each belonging to at most one image;
    * ``digests`` — canonical repo digests (``docker.io/library/busybox@sha256:…``):
      the digest the image was pulled by (the index's for a multi-arch image);
    * ``manifest_digest`` — the platform manifest (a blob in the store);
      for a ``docker save`` import it is the manifest podd wrote;
    * ``index_digest`` — the multi-arch index it was chosen from, if any;
    * ``layers`` — bottom first; ``size`` — sum of uncompressed layer sizes.

    Attributes:
        id (str):
        manifest_digest (str):
        manifest_media_type (str):
        config (ImageConfig): An image config (OCI or Docker), normalised: never-null sections.
        names (list[str] | Unset):
        digests (list[str] | Unset):
        index_digest (None | str | Unset):
        layers (list[LayerRecord] | Unset):
        size (int | Unset):  Default: 0.
        created (None | str | Unset):
        stored_at (str | Unset):  Default: ''.
        source (ImageRecordSource | Unset):  Default: 'pull'.
        platform (str | Unset):  Default: ''.
    """

    id: str
    manifest_digest: str
    manifest_media_type: str
    config: ImageConfig
    names: list[str] | Unset = UNSET
    digests: list[str] | Unset = UNSET
    index_digest: None | str | Unset = UNSET
    layers: list[LayerRecord] | Unset = UNSET
    size: int | Unset = 0
    created: None | str | Unset = UNSET
    stored_at: str | Unset = ""
    source: ImageRecordSource | Unset = "pull"
    platform: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        manifest_digest = self.manifest_digest

        manifest_media_type = self.manifest_media_type

        config = self.config.to_dict()

        names: list[str] | Unset = UNSET
        if not isinstance(self.names, Unset):
            names = self.names

        digests: list[str] | Unset = UNSET
        if not isinstance(self.digests, Unset):
            digests = self.digests

        index_digest: None | str | Unset
        if isinstance(self.index_digest, Unset):
            index_digest = UNSET
        else:
            index_digest = self.index_digest

        layers: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.layers, Unset):
            layers = []
            for layers_item_data in self.layers:
                layers_item = layers_item_data.to_dict()
                layers.append(layers_item)

        size = self.size

        created: None | str | Unset
        if isinstance(self.created, Unset):
            created = UNSET
        else:
            created = self.created

        stored_at = self.stored_at

        source: str | Unset = UNSET
        if not isinstance(self.source, Unset):
            source = self.source

        platform = self.platform

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "manifest_digest": manifest_digest,
                "manifest_media_type": manifest_media_type,
                "config": config,
            }
        )
        if names is not UNSET:
            field_dict["names"] = names
        if digests is not UNSET:
            field_dict["digests"] = digests
        if index_digest is not UNSET:
            field_dict["index_digest"] = index_digest
        if layers is not UNSET:
            field_dict["layers"] = layers
        if size is not UNSET:
            field_dict["size"] = size
        if created is not UNSET:
            field_dict["created"] = created
        if stored_at is not UNSET:
            field_dict["stored_at"] = stored_at
        if source is not UNSET:
            field_dict["source"] = source
        if platform is not UNSET:
            field_dict["platform"] = platform

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.image_config import ImageConfig
        from ..models.layer_record import LayerRecord

        d = dict(src_dict)
        id = d.pop("id")

        manifest_digest = d.pop("manifest_digest")

        manifest_media_type = d.pop("manifest_media_type")

        config = ImageConfig.from_dict(d.pop("config"))

        names = cast(list[str], d.pop("names", UNSET))

        digests = cast(list[str], d.pop("digests", UNSET))

        def _parse_index_digest(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        index_digest = _parse_index_digest(d.pop("index_digest", UNSET))

        _layers = d.pop("layers", UNSET)
        layers: list[LayerRecord] | Unset = UNSET
        if _layers is not UNSET:
            layers = []
            for layers_item_data in _layers:
                layers_item = LayerRecord.from_dict(layers_item_data)

                layers.append(layers_item)

        size = d.pop("size", UNSET)

        def _parse_created(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        created = _parse_created(d.pop("created", UNSET))

        stored_at = d.pop("stored_at", UNSET)

        _source = d.pop("source", UNSET)
        source: ImageRecordSource | Unset
        if isinstance(_source, Unset):
            source = UNSET
        else:
            source = check_image_record_source(_source)

        platform = d.pop("platform", UNSET)

        image_record = cls(
            id=id,
            manifest_digest=manifest_digest,
            manifest_media_type=manifest_media_type,
            config=config,
            names=names,
            digests=digests,
            index_digest=index_digest,
            layers=layers,
            size=size,
            created=created,
            stored_at=stored_at,
            source=source,
            platform=platform,
        )

        image_record.additional_properties = d
        return image_record

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
