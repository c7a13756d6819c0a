from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.env_var_source import EnvVarSource


T = TypeVar("T", bound="EnvVar")


@_attrs_define
class EnvVar:
    """
    Attributes:
        name (str | Unset):  Default: ''.
        value (None | str | Unset):
        value_from (EnvVarSource | None | Unset):
    """

    name: str | Unset = ""
    value: None | str | Unset = UNSET
    value_from: EnvVarSource | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.env_var_source import EnvVarSource

        name = self.name

        value: None | str | Unset
        if isinstance(self.value, Unset):
            value = UNSET
        else:
            value = self.value

        value_from: dict[str, Any] | None | Unset
        if isinstance(self.value_from, Unset):
            value_from = UNSET
        elif isinstance(self.value_from, EnvVarSource):
            value_from = self.value_from.to_dict()
        else:
            value_from = self.value_from

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if value is not UNSET:
            field_dict["value"] = value
        if value_from is not UNSET:
            field_dict["valueFrom"] = value_from

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.env_var_source import EnvVarSource

        d = dict(src_dict)
        name = d.pop("name", UNSET)

        def _parse_value(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        value = _parse_value(d.pop("value", UNSET))

        def _parse_value_from(data: object) -> EnvVarSource | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                value_from_type_0 = EnvVarSource.from_dict(data)

                return value_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EnvVarSource | None | Unset, data)

        value_from = _parse_value_from(d.pop("valueFrom", UNSET))

        env_var = cls(
            name=name,
            value=value,
            value_from=value_from,
        )

        return env_var
