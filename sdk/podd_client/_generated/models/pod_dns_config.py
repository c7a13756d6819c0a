from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.pod_dns_config_option import PodDNSConfigOption


T = TypeVar("T", bound="PodDNSConfig")


@_attrs_define
class PodDNSConfig:
    """
    Attributes:
        nameservers (list[str] | None | Unset):
        searches (list[str] | None | Unset):
        options (list[PodDNSConfigOption] | None | Unset):
    """

    nameservers: list[str] | None | Unset = UNSET
    searches: list[str] | None | Unset = UNSET
    options: list[PodDNSConfigOption] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        nameservers: list[str] | None | Unset
        if isinstance(self.nameservers, Unset):
            nameservers = UNSET
        elif isinstance(self.nameservers, list):
            nameservers = self.nameservers

        else:
            nameservers = self.nameservers

        searches: list[str] | None | Unset
        if isinstance(self.searches, Unset):
            searches = UNSET
        elif isinstance(self.searches, list):
            searches = self.searches

        else:
            searches = self.searches

        options: list[dict[str, Any]] | None | Unset
        if isinstance(self.options, Unset):
            options = UNSET
        elif isinstance(self.options, list):
            options = []
            for options_type_0_item_data in self.options:
                options_type_0_item = options_type_0_item_data.to_dict()
                options.append(options_type_0_item)

        else:
            options = self.options

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if nameservers is not UNSET:
            field_dict["nameservers"] = nameservers
        if searches is not UNSET:
            field_dict["searches"] = searches
        if options is not UNSET:
            field_dict["options"] = options

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.pod_dns_config_option import PodDNSConfigOption

        d = dict(src_dict)

        def _parse_nameservers(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                nameservers_type_0 = cast(list[str], data)

                return nameservers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        nameservers = _parse_nameservers(d.pop("nameservers", UNSET))

        def _parse_searches(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                searches_type_0 = cast(list[str], data)

                return searches_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        searches = _parse_searches(d.pop("searches", UNSET))

        def _parse_options(data: object) -> list[PodDNSConfigOption] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                options_type_0 = []
                _options_type_0 = data
                for options_type_0_item_data in _options_type_0:
                    options_type_0_item = PodDNSConfigOption.from_dict(options_type_0_item_data)

                    options_type_0.append(options_type_0_item)

                return options_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[PodDNSConfigOption] | None | Unset, data)

        options = _parse_options(d.pop("options", UNSET))

        pod_dns_config = cls(
            nameservers=nameservers,
            searches=searches,
            options=options,
        )

        return pod_dns_config
