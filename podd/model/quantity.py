"""Kubernetes resource quantities (``resource.Quantity``): "250m", "512Mi", "1G", "1e3".

A quantity is a signed decimal number followed by a suffix:

* decimal SI: ``n u m "" k M G T P E`` (10^-9 .. 10^18),
* binary: ``Ki Mi Gi Ti Pi Ei`` (2^10 .. 2^60),
* a decimal exponent: ``e3``, ``E-2``, ``e+6``.

Quantities stay strings (or JSON numbers) in the model; :func:`parse_quantity`
turns one into an exact :class:`~decimal.Decimal`.
"""

from __future__ import annotations

import math
import re
from decimal import Context, Decimal, InvalidOperation

from podd.model.errors import QuantityError

__all__ = [
    "ERR_FORMAT",
    "ERR_NUMERIC",
    "ERR_SUFFIX",
    "QuantityError",
    "is_valid_quantity",
    "parse_quantity",
    "to_bytes",
    "to_milli_cpu",
]

ERR_FORMAT = (
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
)
ERR_SUFFIX = "unable to parse quantity's suffix"
ERR_NUMERIC = "unable to parse numeric part of quantity"

# sign, integer digits, optional fraction, then a suffix made of the suffix
# letters, an optional sign and digits (the shape Kubernetes accepts before
# it interprets the suffix).
_SHAPE = re.compile(r"([+-]?)([0-9]*)(?:\.([0-9]*))?([eEinumkKMGTP]*[-+]?[0-9]*)")
_EXPONENT = re.compile(r"[eE]([-+]?[0-9]+)")

_DECIMAL_SUFFIXES = {
    "n": -9,
    "u": -6,
    "m": -3,
    "": 0,
    "k": 3,
    "M": 6,
    "G": 9,
    "T": 12,
    "P": 15,
    "E": 18,
}
_BINARY_SUFFIXES = {"Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40, "Pi": 50, "Ei": 60}

# Exact arithmetic for anything a quantity can express.
_CTX = Context(prec=200)


def parse_quantity(value: str | int | float) -> Decimal:
    """The exact value of a quantity; raises :class:`QuantityError`.

    ``"250m"`` → 0.250, ``"1Ki"`` → 1024, ``"1e3"`` → 1000, ``"-1"`` → -1 (a
    negative quantity parses; validation decides where it is allowed).
    """
    if isinstance(value, bool):
        raise QuantityError(ERR_FORMAT)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise QuantityError(ERR_NUMERIC)
        value = repr(value)
    if not isinstance(value, str) or not value:
        raise QuantityError(ERR_FORMAT)
    m = _SHAPE.fullmatch(value)
    if m is None:
        raise QuantityError(ERR_FORMAT)
    sign, whole, fraction, suffix = m.groups()
    if not whole and not fraction:
        raise QuantityError(ERR_NUMERIC)
    try:
        number = Decimal(f"{sign}{whole or '0'}" + (f".{fraction}" if fraction else ""))
    except InvalidOperation as exc:  # pragma: no cover - the regex prevents it
        raise QuantityError(ERR_NUMERIC) from exc
    return _CTX.multiply(number, _scale(suffix))


def _scale(suffix: str) -> Decimal:
    if suffix in _DECIMAL_SUFFIXES:
        return _CTX.power(Decimal(10), _DECIMAL_SUFFIXES[suffix])
    if suffix in _BINARY_SUFFIXES:
        return Decimal(2 ** _BINARY_SUFFIXES[suffix])
    m = _EXPONENT.fullmatch(suffix)
    if m is None:
        raise QuantityError(ERR_SUFFIX)
    exponent = int(m.group(1))
    if abs(exponent) > 100:
        raise QuantityError(ERR_SUFFIX)
    return _CTX.power(Decimal(10), exponent)


def is_valid_quantity(value: str | int | float) -> bool:
    try:
        parse_quantity(value)
    except QuantityError:
        return False
    return True


def to_milli_cpu(value: str | int | float) -> int:
    """CPU in millicores, rounded up like ``Quantity.MilliValue`` ("250m" → 250, "1" → 1000)."""
    return _ceil(_CTX.multiply(parse_quantity(value), Decimal(1000)))


def to_bytes(value: str | int | float) -> int:
    """A byte quantity as an integer, rounded up ("512Mi" → 536870912, "1.5" → 2)."""
    return _ceil(parse_quantity(value))


def _ceil(d: Decimal) -> int:
    return int(d.to_integral_value(rounding="ROUND_CEILING"))
