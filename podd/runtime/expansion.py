"""Kubernetes' ``$(VAR)`` expansion (``k8s.io/.../third_party/forked/golang/expansion``).

The rules, applied left to right in one pass:

* ``$(NAME)`` becomes the value of NAME when NAME is defined, and stays
  ``$(NAME)`` (literally) when it is not;
* ``$$`` becomes ``$`` — so ``$$(NAME)`` is the literal ``$(NAME)``;
* a ``$`` followed by anything else (or by an unclosed ``(``) is kept as is;
  a trailing ``$`` too.

Values are never expanded twice: a value that itself contains ``$(X)`` is
inserted as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

__all__ = ["expand", "mapping_for"]

_OPERATOR = "$"
_OPENER = "("
_CLOSER = ")"


def mapping_for(*contexts: Mapping[str, str]) -> Callable[[str], str]:
    """A lookup in ``contexts`` (first match wins) that keeps unknown
    references literally, as ``MappingFuncFor`` does."""

    def lookup(name: str) -> str:
        for context in contexts:
            if name in context:
                return context[name]
        return f"{_OPERATOR}{_OPENER}{name}{_CLOSER}"

    return lookup


def _read_reference(rest: str) -> tuple[str, bool, int]:
    """What follows a ``$``: (text, is a variable name, characters consumed)."""
    first = rest[0]
    if first == _OPERATOR:  # "$$": an escaped operator
        return _OPERATOR, False, 1
    if first == _OPENER:
        end = rest.find(_CLOSER, 1)
        if end >= 0:
            return rest[1:end], True, end + 1
        return _OPERATOR + _OPENER, False, 1  # unclosed: keep "$(" and go on
    return _OPERATOR + first, False, 1


def expand(text: str, mapping: Callable[[str], str]) -> str:
    """Expand ``$(VAR)`` references in ``text`` through ``mapping``."""
    out: list[str] = []
    checkpoint = 0
    cursor = 0
    while cursor < len(text):
        if text[cursor] == _OPERATOR and cursor + 1 < len(text):
            out.append(text[checkpoint:cursor])
            read, is_var, advance = _read_reference(text[cursor + 1 :])
            out.append(mapping(read) if is_var else read)
            cursor += advance
            checkpoint = cursor + 1
        cursor += 1
    out.append(text[checkpoint:])
    return "".join(out)
