"""Query options parsed and validated the apiserver's way: a 4xx naming the value, never a 5xx."""

from __future__ import annotations

import json

import pytest
from litestar.datastructures import MultiDict

from podd.api.errors import APIError
from podd.api.query import (
    MAX_WATCH_TIMEOUT,
    dry_run,
    flag,
    int_param,
    parse_delete_options,
    parse_list_options,
    resource_version_param,
)

LABELS = frozenset({"metadata.name"})


def q(**params: str | list[str]) -> MultiDict[str]:
    pairs: list[tuple[str, str]] = []
    for key, value in params.items():
        pairs += [(key, v) for v in value] if isinstance(value, list) else [(key, value)]
    return MultiDict(pairs)


def error(call: object) -> tuple[int, str, str]:
    """(code, reason, message) of the APIError ``call()`` raises."""
    with pytest.raises(APIError) as exc:
        call()  # type: ignore[operator]
    status = exc.value.status
    return status.code or 0, status.reason or "", status.message or ""


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("abc", "invalid syntax"),
        ("1e30", "invalid syntax"),
        ("1.5", "invalid syntax"),
        (" 5", "invalid syntax"),
        ("\u0665", "invalid syntax"),  # ARABIC-INDIC FIVE: a digit to int(), not to Go
        ("9223372036854775808", "value out of range"),
        ("-9223372036854775809", "value out of range"),
    ],
)
def test_integers_parse_as_go_does(raw: str, problem: str) -> None:
    code, reason, message = error(lambda: int_param(q(limit=raw), "limit"))
    text = json.dumps(raw, ensure_ascii=False)
    assert (code, reason) == (400, "BadRequest")
    assert message == f"limit: Invalid value: {text}: strconv.ParseInt: parsing {text}: {problem}"


@pytest.mark.parametrize(
    ("raw", "value"),
    [("7", 7), ("+7", 7), ("-9223372036854775808", -(2**63)), ("", None)],
)
def test_integers_in_range(raw: str, value: int | None) -> None:
    assert int_param(q(limit=raw), "limit") == value


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("1e23", "invalid syntax"),
        ("-1", "invalid syntax"),
        ("+1", "invalid syntax"),
        ("abc", "invalid syntax"),
        ("18446744073709551616", "value out of range"),
        ("99999999999999999999999", "value out of range"),
    ],
)
def test_resource_version_is_a_uint64(raw: str, problem: str) -> None:
    code, reason, message = error(lambda: resource_version_param(q(resourceVersion=raw)))
    text = json.dumps(raw, ensure_ascii=False)
    assert (code, reason) == (400, "BadRequest")
    assert message == (
        f"resourceVersion: Invalid value: {text}: strconv.ParseUint: parsing {text}: {problem}"
    )


@pytest.mark.parametrize(
    ("raw", "value"),
    [("", None), ("0", None), ("12", 12), ("18446744073709551615", 2**64 - 1)],
)
def test_resource_versions_accepted(raw: str, value: int | None) -> None:
    assert resource_version_param(q(resourceVersion=raw)) == value


def test_watch_timeout_is_checked_and_capped() -> None:
    code, _, message = error(lambda: parse_list_options(q(timeoutSeconds="-5"), LABELS))
    assert code == 400 and message == (
        "timeoutSeconds: Invalid value: -5: must be greater than or equal to 0"
    )
    huge = parse_list_options(q(watch="true", timeoutSeconds=str(2**62)), LABELS)
    assert huge.timeout_seconds == MAX_WATCH_TIMEOUT
    assert parse_list_options(q(timeoutSeconds="30"), LABELS).timeout_seconds == 30
    assert parse_list_options(q(), LABELS).timeout_seconds is None


def test_list_limits() -> None:
    assert parse_list_options(q(limit="-3"), LABELS).limit is None  # no limit, as the apiserver
    code, _, message = error(lambda: parse_list_options(q(limit="1e9"), LABELS))
    assert code == 400 and message.startswith("limit: Invalid value")


def test_continue_with_a_resource_version_is_refused() -> None:
    code, _, message = error(
        lambda: parse_list_options(q(resourceVersion="5", **{"continue": "eyJ9"}), LABELS)
    )
    assert (code, message) == (
        400,
        "specifying resource version is not allowed when using continue",
    )


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        (None, False),
        ("", True),
        ("true", True),
        ("True", True),
        ("1", True),
        ("yes", True),
        ("0", False),
        ("false", False),
        ("FALSE", False),
    ],
)
def test_bools_as_the_apiserver_reads_them(raw: str | None, value: bool) -> None:
    params = q() if raw is None else q(watch=raw)
    assert flag(params, "watch") is value


def test_dry_run_accepts_only_all() -> None:
    assert dry_run(q(), "CreateOptions") is False
    assert dry_run(q(dryRun="All"), "CreateOptions") is True
    assert dry_run(q(dryRun=["All", "All"]), "UpdateOptions") is True
    for bad in (["xyz"], [""], ["All", "all"]):
        with pytest.raises(APIError) as exc:
            dry_run(q(dryRun=bad), "PatchOptions")
        status = exc.value.status
        assert (status.code, status.reason) == (422, "Invalid")
        assert status.message == (
            f'PatchOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: '
            f'{json.dumps(bad, separators=(",", ":"))}: supported values: "All"'
        )
        assert status.details is not None and status.details.group == "meta.k8s.io"


# ------------------------------------------------------------ DeleteOptions


def test_negative_grace_period_is_one_second_as_the_apiserver() -> None:
    assert parse_delete_options(b"", q(gracePeriodSeconds="-5")).grace_period_seconds == 1
    body = b'{"kind":"DeleteOptions","apiVersion":"v1","gracePeriodSeconds":-30}'
    assert parse_delete_options(body, q()).grace_period_seconds == 1
    assert parse_delete_options(body, q(gracePeriodSeconds="0")).grace_period_seconds == 0


def test_delete_options_query_values() -> None:
    code, _, message = error(lambda: parse_delete_options(b"", q(gracePeriodSeconds="soon")))
    assert code == 400 and "gracePeriodSeconds: Invalid value" in message
    opts = parse_delete_options(b"", q(dryRun="All", propagationPolicy="Background"))
    assert opts.dry_run == ["All"] and opts.propagation_policy == "Background"


@pytest.mark.parametrize(
    ("body", "params", "field"),
    [
        (b"", {"dryRun": "xyz"}, "dryRun"),
        (b'{"dryRun":["Server"]}', {}, "dryRun"),
        (b"", {"propagationPolicy": "Sideways"}, "propagationPolicy"),
        (b'{"orphanDependents":true,"propagationPolicy":"Orphan"}', {}, "propagationPolicy"),
    ],
)
def test_invalid_delete_options_are_422(body: bytes, params: dict[str, str], field: str) -> None:
    with pytest.raises(APIError) as exc:
        parse_delete_options(body, q(**params))
    status = exc.value.status
    assert (status.code, status.reason) == (422, "Invalid")
    assert status.message is not None
    assert status.message.startswith('DeleteOptions.meta.k8s.io "" is invalid')
    assert status.details is not None and status.details.causes is not None
    assert [c.field for c in status.details.causes] == [field]


def test_delete_options_body() -> None:
    opts = parse_delete_options(b'{"gracePeriodSeconds": 3, "whatever": {"x": 1}}', q())
    assert opts.grace_period_seconds == 3  # unknown fields ignored
    code, _, message = error(lambda: parse_delete_options(b'{"gracePeriodSeconds":"x"}', q()))
    assert code == 400 and message.startswith("invalid DeleteOptions: gracePeriodSeconds")
