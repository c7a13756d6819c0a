from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.container_config import ContainerConfig
    from ..models.history import History
    from ..models.root_fs import RootFS


T = TypeVar("T", bound="ImageConfig")


@_attrs_define
class ImageConfig:
    """An image config (OCI or Docker), normalised: never-null sections.

    Attributes:
        architecture (str | Unset):  Default: ''.
        os (str | Unset):  Default: ''.
        variant (None | str | Unset):
        os_version (None | str | Unset):
        created (None | str | Unset):
        author (None | str | Unset):
        config (ContainerConfig | Unset): The ``config`` section of an image config: how to run the image.
        rootfs (RootFS | Unset): The uncompressed layer digests (diff_ids), bottom first.
        history (list[History] | Unset):
    """

    architecture: str | Unset = ""
    os: str | Unset = ""
    variant: None | str | Unset = UNSET
    os_version: None | str | Unset = UNSET
    created: None | str | Unset = UNSET
    author: None | str | Unset = UNSET
    config: ContainerConfig | Unset = UNSET
    rootfs: RootFS | Unset = UNSET
    history: list[History] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        architecture = self.architecture

        os = self.os

        variant: None | str | Unset
        if isinstance(self.variant, Unset):
            variant = UNSET
        else:
            variant = self.variant

        os_version: None | str | Unset
        if isinstance(self.os_version, Unset):
            os_version = UNSET
        else:
            os_version = self.os_version

        created: None | str | Unset
        if isinstance(self.created, Unset):
            created = UNSET
        else:
            created = self.created

        author: None | str | Unset
        if isinstance(self.author, Unset):
            author = UNSET
        else:
            author = self.author

        config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.config, Unset):
            config = self.config.to_dict()

        rootfs: dict[str, Any] | Unset = UNSET
        if not isinstance(self.rootfs, Unset):
            rootfs = self.rootfs.to_dict()

        history: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.history, Unset):
            history = []
            for history_item_data in self.history:
                history_item = history_item_data.to_dict()
                history.append(history_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if architecture is not UNSET:
            field_dict["architecture"] = architecture
        if os is not UNSET:
            field_dict["os"] = os
        if variant is not UNSET:
            field_dict["variant"] = variant
        if os_version is not UNSET:
            field_dict["os.version"] = os_version
        if created is not UNSET:
            field_dict["created"] = created
        if author is not UNSET:
            field_dict["author"] = author
        if config is not UNSET:
            field_dict["config"] = config
        if rootfs is not UNSET:
            field_dict["rootfs"] = rootfs
        if history is not UNSET:
            field_dict["history"] = history

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.container_config import ContainerConfig
        from ..models.history import History
        from ..models.root_fs import RootFS

        d = dict(src_dict)
        architecture = d.pop("architecture", UNSET)

        os = d.pop("os", UNSET)

        def _parse_variant(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        variant = _parse_variant(d.pop("variant", UNSET))

        def _parse_os_version(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        os_version = _parse_os_version(d.pop("os.version", UNSET))

        def _parse_created(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        created = _parse_created(d.pop("created", UNSET))

        def _parse_author(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        author = _parse_author(d.pop("author", UNSET))

        _config = d.pop("config", UNSET)
        config: ContainerConfig | Unset
        if isinstance(_config, Unset):
            config = UNSET
        else:
            config = ContainerConfig.from_dict(_config)

        _rootfs = d.pop("rootfs", UNSET)
        rootfs: RootFS | Unset
        if isinstance(_rootfs, Unset):
            rootfs = UNSET
        else:
            rootfs = RootFS.from_dict(_rootfs)

        _history = d.pop("history", UNSET)
        history: list[History] | Unset = UNSET
        if _history is not UNSET:
            history = []
            for history_item_data in _history:
                history_item = History.from_dict(history_item_data)

                history.append(history_item)

        image_config = cls(
            architecture=architecture,
            os=os,
            variant=variant,
            os_version=os_version,
            created=created,
            author=author,
            config=config,
            rootfs=rootfs,
            history=history,
        )

        image_config.additional_properties = d
        return image_config

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
