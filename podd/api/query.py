"""Options from the query string (list, watch, writes, delete), parsed the apiserver's way.

Integers parse as Go's ``strconv.ParseInt(s, 10, 64)`` and a resourceVersion
as ``ParseUint(s, 10, 64)``; a value that does not is a 400 naming it (for a
bad resourceVersion the apiserver answers 500, kubernetes#101350 and #139485
ask for the 400 podd gives). A bool is false only when absent, ``0`` or
``false``. ``dryRun`` and DeleteOptions are validated as
``ValidateCreateOptions`` and ``ValidateDeleteOptions`` do: 422 Invalid on
``CreateOptions.meta.k8s.io ""``.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping, Sequence
from typing import Any

import msgspec

from podd.api.errors import APIError
from podd.model import field as f
from podd.model import status as st
from podd.model.codec import decode_raw, load_body
from podd.model.errors import InvalidError, SelectorError
from podd.model.field import Path, StatusCause
from podd.model.selectors import (
    FieldSelector,
    LabelSelector,
    parse_field_selector,
    parse_label_selector,
)
from podd.model.status import DeleteOptions

INT64_MAX = 2**63 - 1
UINT64_MAX = 2**64 - 1
# A watch ends by itself after this long at most (clients watch again): a
# larger timeoutSeconds is shortened to it.
MAX_WATCH_TIMEOUT = 3600
DRY_RUN_ALL = "All"
PROPAGATION_POLICIES = ("Foreground", "Background", "Orphan")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_UNSIGNED = re.compile(r"[0-9]+")


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
    """The apiserver's query bool: ``?watch``, ``true``, ``True``, ``1`` are true."""
    value = params.get(name)
    return value is not None and value.lower() not in ("0", "false")


def values(params: Mapping[str, str], name: str) -> list[str]:
    """Every value of a repeated parameter (``dryRun=All&dryRun=All``)."""
    getall = getattr(params, "getall", None)
    if getall is not None:
        return list(getall(name, []))
    return [params[name]] if name in params else []


def _go_int(name: str, raw: str, *, unsigned: bool = False) -> int:
    """``raw`` as Go's strconv parses it, else a 400 with Go's words."""
    func, pattern, low, high = (
        ("ParseUint", _UNSIGNED, 0, UINT64_MAX)
        if unsigned
        else ("ParseInt", _INTEGER, -INT64_MAX - 1, INT64_MAX)
    )
    problem = ""
    if not pattern.fullmatch(raw):
        problem = "invalid syntax"
    elif not low <= int(raw) <= high:
        problem = "value out of range"
    if problem:
        text = msgspec.json.encode(raw).decode()
        raise APIError(
            st.bad_request(
                f"{name}: Invalid value: {text}: strconv.{func}: parsing {text}: {problem}"
            )
        )
    return int(raw)


def int_param(params: Mapping[str, str], name: str) -> int | None:
    raw = params.get(name)
    if raw is None or raw == "":
        return None
    return _go_int(name, raw)


def resource_version_param(params: Mapping[str, str]) -> int | None:
    """``resourceVersion``: unset, ``""`` and ``"0"`` mean "any" (None)."""
    raw = params.get("resourceVersion")
    if not raw or raw == "0":
        return None
    return _go_int("resourceVersion", raw, unsigned=True)


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
    opts.resource_version = resource_version_param(params)
    token = params.get("continue")
    if token:
        if opts.resource_version is not None:
            raise APIError(
                st.bad_request("specifying resource version is not allowed when using continue")
            )
        opts.after = decode_continue(token)
    opts.watch = flag(params, "watch")
    timeout = int_param(params, "timeoutSeconds")
    if timeout is not None and timeout < 0:
        raise APIError(
            st.bad_request(
                f"timeoutSeconds: Invalid value: {timeout}: must be greater than or equal to 0"
            )
        )
    opts.timeout_seconds = None if timeout is None else min(timeout, MAX_WATCH_TIMEOUT)
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


# -- writes ------------------------------------------------------------------
def _dry_run_causes(given: Sequence[str]) -> list[StatusCause]:
    if all(v == DRY_RUN_ALL for v in given):
        return []
    return [f.not_supported(Path("dryRun"), list(given), [DRY_RUN_ALL])]


def _options_invalid(kind: str, causes: list[StatusCause]) -> APIError:
    return APIError(st.invalid(kind, "", causes, group="meta.k8s.io"))


def dry_run(params: Mapping[str, str], options_kind: str) -> bool:
    """Whether ``dryRun=All`` asks for a write that stores nothing; any other
    value is refused (``options_kind``: CreateOptions, UpdateOptions, PatchOptions)."""
    given = values(params, "dryRun")
    causes = _dry_run_causes(given)
    if causes:
        raise _options_invalid(options_kind, causes)
    return bool(given)


def parse_delete_options(body: bytes, params: Mapping[str, str]) -> DeleteOptions:
    """DeleteOptions from the body (JSON, unknown fields ignored) and the query,
    the query winning; validated, with a negative grace period read as 1 s as
    the apiserver's ``BeforeDelete`` does."""
    opts = DeleteOptions()
    if body.strip():
        raw: dict[str, Any] = load_body(body, "application/json")
        try:
            opts, _ = decode_raw(raw, DeleteOptions, "Ignore")
        except InvalidError as exc:  # a body that does not decode: 400, as the apiserver
            raise APIError(st.bad_request(f"invalid DeleteOptions: {exc.message}")) from None
    grace = int_param(params, "gracePeriodSeconds")
    if grace is not None:
        opts.grace_period_seconds = grace
    if params.get("propagationPolicy"):
        opts.propagation_policy = params["propagationPolicy"]
    if "orphanDependents" in params:
        opts.orphan_dependents = flag(params, "orphanDependents")
    if "dryRun" in params:
        opts.dry_run = values(params, "dryRun")
    causes = _dry_run_causes(opts.dry_run or ())
    policy = opts.propagation_policy
    if policy is not None and policy not in PROPAGATION_POLICIES:
        causes.append(
            f.not_supported(Path("propagationPolicy"), policy, [*PROPAGATION_POLICIES, "nil"])
        )
    if policy is not None and opts.orphan_dependents is not None:
        detail = "orphanDependents and deletionPropagation cannot be both set"
        causes.append(f.invalid(Path("propagationPolicy"), policy, detail))
    if causes:
        raise _options_invalid("DeleteOptions", causes)
    if opts.grace_period_seconds is not None and opts.grace_period_seconds < 0:
        opts.grace_period_seconds = 1
    return opts
