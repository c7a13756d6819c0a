from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.http_header import HTTPHeader


T = TypeVar("T", bound="HTTPGetAction")


@_attrs_define
class HTTPGetAction:
    """GET ``scheme://host:port/path``; ``port`` is a number or a named container port.

    Attributes:
        path (None | str | Unset):
        port (int | str | Unset):  Default: 0.
        host (None | str | Unset):
        scheme (None | str | Unset):
        http_headers (list[HTTPHeader] | None | Unset):
    """

    path: None | str | Unset = UNSET
    port: int | str | Unset = 0
    host: None | str | Unset = UNSET
    scheme: None | str | Unset = UNSET
    http_headers: list[HTTPHeader] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        path: None | str | Unset
        if isinstance(self.path, Unset):
            path = UNSET
        else:
            path = self.path

        port: int | str | Unset
        if isinstance(self.port, Unset):
            port = UNSET
        else:
            port = self.port

        host: None | str | Unset
        if isinstance(self.host, Unset):
            host = UNSET
        else:
            host = self.host

        scheme: None | str | Unset
        if isinstance(self.scheme, Unset):
            scheme = UNSET
        else:
            scheme = self.scheme

        http_headers: list[dict[str, Any]] | None | Unset
        if isinstance(self.http_headers, Unset):
            http_headers = UNSET
        elif isinstance(self.http_headers, list):
            http_headers = []
            for http_headers_type_0_item_data in self.http_headers:
                http_headers_type_0_item = http_headers_type_0_item_data.to_dict()
                http_headers.append(http_headers_type_0_item)

        else:
            http_headers = self.http_headers

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if path is not UNSET:
            field_dict["path"] = path
        if port is not UNSET:
            field_dict["port"] = port
        if host is not UNSET:
            field_dict["host"] = host
        if scheme is not UNSET:
            field_dict["scheme"] = scheme
        if http_headers is not UNSET:
            field_dict["httpHeaders"] = http_headers

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.http_header import HTTPHeader

        d = dict(src_dict)

        def _parse_path(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        path = _parse_path(d.pop("path", UNSET))

        def _parse_port(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        port = _parse_port(d.pop("port", UNSET))

        def _parse_host(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        host = _parse_host(d.pop("host", UNSET))

        def _parse_scheme(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        scheme = _parse_scheme(d.pop("scheme", UNSET))

        def _parse_http_headers(data: object) -> list[HTTPHeader] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                http_headers_type_0 = []
                _http_headers_type_0 = data
                for http_headers_type_0_item_data in _http_headers_type_0:
                    http_headers_type_0_item = HTTPHeader.from_dict(http_headers_type_0_item_data)

                    http_headers_type_0.append(http_headers_type_0_item)

                return http_headers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[HTTPHeader] | None | Unset, data)

        http_headers = _parse_http_headers(d.pop("httpHeaders", UNSET))

        http_get_action = cls(
            path=path,
            port=port,
            host=host,
            scheme=scheme,
            http_headers=http_headers,
        )

        return http_get_action
