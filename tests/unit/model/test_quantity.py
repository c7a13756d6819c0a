from decimal import Decimal

import pytest

from podd.model.quantity import (
    ERR_FORMAT,
    ERR_NUMERIC,
    ERR_SUFFIX,
    QuantityError,
    is_valid_quantity,
    parse_quantity,
    to_bytes,
    to_milli_cpu,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("250m", Decimal("0.25")),
        ("512Mi", Decimal(512 * 2**20)),
        ("1G", Decimal(10**9)),
        ("1e3", Decimal(1000)),
        ("1E3", Decimal(1000)),
        ("1e-3", Decimal("0.001")),
        ("1e+3", Decimal(1000)),
        ("0.5", Decimal("0.5")),
        (".5", Decimal("0.5")),
        ("1.", Decimal(1)),
        ("-1", Decimal(-1)),
        ("+2", Decimal(2)),
        ("0", Decimal(0)),
        ("100n", Decimal("0.0000001")),
        ("5u", Decimal("0.000005")),
        ("2k", Decimal(2000)),
        ("3M", Decimal(3 * 10**6)),
        ("1T", Decimal(10**12)),
        ("1P", Decimal(10**15)),
        ("1E", Decimal(10**18)),
        ("1Ki", Decimal(1024)),
        ("1.5Gi", Decimal(3 * 2**29)),
        ("1Ti", Decimal(2**40)),
        ("1Pi", Decimal(2**50)),
        ("2Ei", Decimal(2**61)),
        (1, Decimal(1)),
        (0.5, Decimal("0.5")),
    ],
)
def test_valid(text: str | int | float, value: Decimal) -> None:
    assert parse_quantity(text) == value
    assert is_valid_quantity(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1Kb", ERR_FORMAT),
        ("1KB", ERR_FORMAT),
        ("", ERR_FORMAT),
        ("abc", ERR_FORMAT),
        ("1.5.5", ERR_FORMAT),
        (" 1", ERR_FORMAT),
        ("1 ", ERR_FORMAT),
        ("1K", ERR_SUFFIX),
        ("1e", ERR_SUFFIX),
        ("1Mii", ERR_SUFFIX),
        ("1mi", ERR_SUFFIX),
        ("m", ERR_NUMERIC),
        ("-", ERR_NUMERIC),
        (True, ERR_FORMAT),
        (float("nan"), ERR_NUMERIC),
    ],
)
def test_invalid(text: str, message: str) -> None:
    with pytest.raises(QuantityError) as exc:
        parse_quantity(text)
    assert str(exc.value) == message
    assert not is_valid_quantity(text)


def test_format_error_names_the_regex() -> None:
    assert ERR_FORMAT == (
        "quantities must match the regular expression "
        "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
    )


@pytest.mark.parametrize(
    ("text", "milli"), [("250m", 250), ("1", 1000), ("0.1", 100), ("1n", 1), ("2k", 2_000_000)]
)
def test_to_milli_cpu_rounds_up(text: str, milli: int) -> None:
    assert to_milli_cpu(text) == milli


@pytest.mark.parametrize(
    ("text", "size"), [("512Mi", 536870912), ("1G", 10**9), ("1.5", 2), ("100m", 1), ("1Ki", 1024)]
)
def test_to_bytes_rounds_up(text: str, size: int) -> None:
    assert to_bytes(text) == size
