"""Label and field selectors, as in ``?labelSelector=`` and ``?fieldSelector=``.

Label selectors (``k8s.io/apimachinery/pkg/labels``)::

    app=web, tier!=db, env in (prod,staging), track notin (canary), gpu, !legacy

A comma is AND. ``=``/``==`` and ``in`` need the label; ``!=`` and ``notin``
also match objects without it; ``key`` and ``!key`` test presence; ``key>3``
and ``key<3`` compare integers.

Field selectors (``k8s.io/apimachinery/pkg/fields``)::

    metadata.name=web,status.phase!=Failed

with ``\\,`` ``\\=`` ``\\\\`` escapes; they live in :mod:`podd.model.fieldselector`
and are re-exported here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from podd.model.errors import SelectorError
from podd.model.fieldselector import (
    EVENT_FIELD_LABELS,
    EVENT_FIELDS,
    NAMESPACE_FIELD_LABELS,
    NAMESPACE_FIELDS,
    POD_FIELD_LABELS,
    POD_FIELDS,
    FieldRequirement,
    FieldSelector,
    event_fields,
    namespace_fields,
    parse_field_selector,
    pod_fields,
)
from podd.model.names import is_label_value, is_qualified_name

__all__ = [
    "EVENT_FIELDS",
    "EVENT_FIELD_LABELS",
    "NAMESPACE_FIELDS",
    "NAMESPACE_FIELD_LABELS",
    "POD_FIELDS",
    "POD_FIELD_LABELS",
    "FieldRequirement",
    "FieldSelector",
    "LabelRequirement",
    "LabelSelector",
    "SelectorError",
    "event_fields",
    "namespace_fields",
    "parse_field_selector",
    "parse_label_selector",
    "pod_fields",
]

# ------------------------------------------------------------------ labels

_SPECIAL = "=!(),<>"


@dataclass(frozen=True, slots=True)
class LabelRequirement:
    """``key op values``; op is one of = != in notin exists !exists > <."""

    key: str
    op: str
    values: tuple[str, ...] = ()

    def matches(self, labels: Mapping[str, str]) -> bool:
        present = self.key in labels
        if self.op == "exists":
            return present
        if self.op == "!exists":
            return not present
        if self.op in ("=", "in"):
            return present and labels[self.key] in self.values
        if self.op in ("!=", "notin"):
            return not present or labels[self.key] not in self.values
        if not present:
            return False
        try:
            have, want = int(labels[self.key]), int(self.values[0])
        except ValueError:
            return False
        return have > want if self.op == ">" else have < want

    def __str__(self) -> str:
        if self.op == "exists":
            return self.key
        if self.op == "!exists":
            return f"!{self.key}"
        if self.op in ("in", "notin"):
            return f"{self.key} {self.op} ({','.join(self.values)})"
        return f"{self.key}{self.op}{self.values[0]}"


@dataclass(frozen=True, slots=True)
class LabelSelector:
    """A conjunction of requirements; the empty selector matches everything."""

    requirements: tuple[LabelRequirement, ...] = ()

    def matches(self, labels: Mapping[str, str] | None) -> bool:
        have = labels or {}
        return all(req.matches(have) for req in self.requirements)

    @property
    def empty(self) -> bool:
        return not self.requirements

    def equalities(self) -> dict[str, str]:
        """``key -> value`` for every requirement that pins one exact value (index lookups)."""
        out: dict[str, str] = {}
        for req in self.requirements:
            if req.op in ("=", "in") and len(req.values) == 1:
                out[req.key] = req.values[0]
        return out

    def __str__(self) -> str:
        return ",".join(str(r) for r in self.requirements)


class _Lexer:
    """Splits a label selector into (kind, text) tokens."""

    def __init__(self, text: str) -> None:
        self.tokens: list[tuple[str, str]] = []
        i, n = 0, len(text)
        while i < n:
            ch = text[i]
            if ch.isspace():
                i += 1
            elif text.startswith(("!=", "=="), i):
                self.tokens.append(("op", text[i : i + 2]))
                i += 2
            elif ch in _SPECIAL:
                self.tokens.append(("op" if ch in "=<>" else ch, ch))
                i += 1
            else:
                j = i
                while j < n and not text[j].isspace() and text[j] not in _SPECIAL:
                    j += 1
                word = text[i:j]
                self.tokens.append(("kw" if word in ("in", "notin") else "id", word))
                i = j
        self.tokens.append(("end", ""))
        self.pos = 0

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.pos]

    def take(self) -> tuple[str, str]:
        tok = self.tokens[self.pos]
        if tok[0] != "end":
            self.pos += 1
        return tok


def _shown(tok: tuple[str, str]) -> str:
    return tok[1] if tok[0] != "end" else "EOS"


def parse_label_selector(text: str | None) -> LabelSelector:
    """Parse ``text`` into a :class:`LabelSelector`; raises :class:`SelectorError`."""
    if text is None or not text.strip():
        return LabelSelector()
    lex = _Lexer(text)
    reqs: list[LabelRequirement] = []
    while True:
        reqs.append(_parse_requirement(lex))
        tok = lex.take()
        if tok[0] == "end":
            break
        if tok[0] != ",":
            raise SelectorError(f"found '{_shown(tok)}', expected: ',' or 'end of string'")
    return LabelSelector(tuple(reqs))


def _parse_requirement(lex: _Lexer) -> LabelRequirement:
    tok = lex.take()
    negated = tok[0] == "!"
    if negated:
        tok = lex.take()
    if tok[0] != "id":
        raise SelectorError(f"found '{_shown(tok)}', expected: !, identifier, or 'end of string'")
    key = tok[1]
    _check_key(key)
    nxt = lex.peek()
    if negated:
        if nxt[0] not in (",", "end"):
            raise SelectorError(f"found '{_shown(nxt)}', expected: ',' or 'end of string'")
        return LabelRequirement(key, "!exists")
    if nxt[0] in (",", "end"):
        return LabelRequirement(key, "exists")
    op_tok = lex.take()
    if op_tok[0] == "op":
        op = {"==": "="}.get(op_tok[1], op_tok[1])
        value_tok = lex.peek()
        if value_tok[0] in (",", "end"):
            value = ""
        elif value_tok[0] in ("id", "kw"):
            value = lex.take()[1]
        else:
            raise SelectorError(f"found '{_shown(value_tok)}', expected: identifier")
        if op in (">", "<"):
            try:
                int(value)
            except ValueError:
                raise SelectorError(
                    "unable to parse requirement: for 'Gt', 'Lt' operators, "
                    "the value must be an integer"
                ) from None
        else:
            _check_value(value, 0)
        return LabelRequirement(key, op, (value,))
    if op_tok[0] == "kw":
        values = _parse_values(lex)
        for i, value in enumerate(values):
            _check_value(value, i)
        return LabelRequirement(key, op_tok[1], tuple(sorted(set(values))))
    raise SelectorError(f"found '{_shown(op_tok)}', expected: in, notin, =, ==, !=, gt, lt")


def _parse_values(lex: _Lexer) -> list[str]:
    tok = lex.take()
    if tok[0] != "(":
        raise SelectorError(f"found '{_shown(tok)}', expected: '('")
    values: list[str] = []
    expect_value = True
    while True:
        tok = lex.take()
        if tok[0] == ")":
            if expect_value:
                values.append("")
            return values
        if tok[0] == ",":
            if expect_value:
                values.append("")
            expect_value = True
        elif tok[0] in ("id", "kw") and expect_value:
            values.append(tok[1])
            expect_value = False
        else:
            raise SelectorError(f"found '{_shown(tok)}', expected: ',', ')' or identifier")


def _check_key(key: str) -> None:
    errs = is_qualified_name(key)
    if errs:
        raise SelectorError(f'unable to parse requirement: key: Invalid value: "{key}": {errs[0]}')


def _check_value(value: str, index: int) -> None:
    errs = is_label_value(value)
    if errs:
        raise SelectorError(
            f"unable to parse requirement: values[{index}][value]: "
            f'Invalid value: "{value}": {errs[0]}'
        )
