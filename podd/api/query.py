"""List and watch options from the query string, parsed the apiserver's way."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping

import msgspec

from podd.api.errors import APIError
from podd.model import status as st
from podd.model.errors import SelectorError
from podd.model.selectors import (
    FieldSelector,
    LabelSelector,
    parse_field_selector,
    parse_label_selector,
)

_TRUE = {"true", "1", "yes"}


class ListOptions(msgspec.Struct, kw_only=True):
    label_selector: LabelSelector | None = None
    field_selector: FieldSelector | None = None
    limit: int | None = None
    after: tuple[str, str] | None = None  # from the continue token
    resource_version: int | None = None
    watch: bool = False
    timeout_seconds: int | None = None
    allow_bookmarks: bool = False


class _Continue(msgspec.Struct):
    ns: str
    name: str
    rv: int


def flag(params: Mapping[str, str], name: str) -> bool:
    """Kubernetes clients send both ``true`` and ``True``."""
    return params.get(name, "").lower() in _TRUE


def int_param(params: Mapping[str, str], name: str) -> int | None:
    raw = params.get(name)
    if raw is None or raw == "":
        return None
    try:
        return int(raw)
    except ValueError:
        raise APIError(st.bad_request(f"{name}: invalid integer {raw!r}")) from None


def parse_list_options(params: Mapping[str, str], field_labels: frozenset[str]) -> ListOptions:
    opts = ListOptions()
    try:
        if params.get("labelSelector"):
            opts.label_selector = parse_label_selector(params["labelSelector"])
        if params.get("fieldSelector"):
            opts.field_selector = parse_field_selector(params["fieldSelector"])
    except SelectorError as exc:
        raise APIError(st.bad_request(str(exc))) from None
    if opts.field_selector is not None:
        for key in opts.field_selector.keys():  # noqa: SIM118 - not a dict
            if key not in field_labels:
                raise APIError(st.bad_request(f"field label not supported: {key}"))
    opts.limit = int_param(params, "limit")
    if opts.limit is not None and opts.limit <= 0:
        opts.limit = None
    token = params.get("continue")
    if token:
        opts.after = decode_continue(token)
    rv = params.get("resourceVersion")
    if rv:
        try:
            opts.resource_version = int(rv)
        except ValueError:
            raise APIError(st.bad_request(f"invalid resource version {rv!r}")) from None
    opts.watch = flag(params, "watch")
    opts.timeout_seconds = int_param(params, "timeoutSeconds")
    opts.allow_bookmarks = flag(params, "allowWatchBookmarks")
    return opts


def encode_continue(ns: str, name: str, rv: int) -> str:
    raw = msgspec.json.encode(_Continue(ns, name, rv))
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_continue(token: str) -> tuple[str, str]:
    try:
        padded = token + "=" * (-len(token) % 4)
        value = msgspec.json.decode(base64.urlsafe_b64decode(padded), type=_Continue)
    except (binascii.Error, msgspec.DecodeError, ValueError):
        raise APIError(st.bad_request("continue key is not valid")) from None
    return value.ns, value.name
