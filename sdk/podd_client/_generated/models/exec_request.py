from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ExecRequest")


@_attrs_define
class ExecRequest:
    """
    Attributes:
        command (list[str]):
        container (None | str | Unset):
        stdin (None | str | Unset):
        timeout_seconds (float | Unset):  Default: 60.0.
    """

    command: list[str]
    container: None | str | Unset = UNSET
    stdin: None | str | Unset = UNSET
    timeout_seconds: float | Unset = 60.0

    def to_dict(self) -> dict[str, Any]:
        command = self.command

        container: None | str | Unset
        if isinstance(self.container, Unset):
            container = UNSET
        else:
            container = self.container

        stdin: None | str | Unset
        if isinstance(self.stdin, Unset):
            stdin = UNSET
        else:
            stdin = self.stdin

        timeout_seconds = self.timeout_seconds

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "command": command,
            }
        )
        if container is not UNSET:
            field_dict["container"] = container
        if stdin is not UNSET:
            field_dict["stdin"] = stdin
        if timeout_seconds is not UNSET:
            field_dict["timeoutSeconds"] = timeout_seconds

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        command = cast(list[str], d.pop("command"))

        def _parse_container(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        container = _parse_container(d.pop("container", UNSET))

        def _parse_stdin(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        stdin = _parse_stdin(d.pop("stdin", UNSET))

        timeout_seconds = d.pop("timeoutSeconds", UNSET)

        exec_request = cls(
            command=command,
            container=container,
            stdin=stdin,
            timeout_seconds=timeout_seconds,
        )

        return exec_request
