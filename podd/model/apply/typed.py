"""structured-merge-diff's walks over a value and its schema, on plain JSON.

* :func:`to_field_set` — every field a value sets (``TypedValue.ToFieldSet``).
* :func:`compare` — what changed between two values: added, modified and
  removed fields (``TypedValue.Compare``).
* :func:`merge` — an applied configuration merged into a live object
  (``TypedValue.Merge``): maps and keyed lists merge item by item, the
  configuration wins on leaves, atomic lists and maps are replaced.
* :func:`remove_items` — a value without the given fields (``RemoveItems``).

A map or list that is empty or null on both sides counts as a leaf, so that
``{}`` and ``null`` stay distinct. Nothing here modifies its arguments.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from podd.model.apply.fieldset import split
from podd.model.apply.path import (
    FieldSet,
    Path,
    PathElement,
    element_string,
    field,
    path_string,
)
from podd.model.apply.schema import (
    LIST,
    MAP,
    MISSING,
    SCALAR,
    STRUCT,
    Node,
    Ref,
    TypedError,
    child_ref,
    item_element,
    item_ref,
    node,
)

__all__ = [
    "Comparison",
    "compare",
    "equal",
    "known_fields",
    "merge",
    "remove_items",
    "to_field_set",
    "undeclared_fields",
]


def equal(a: Any, b: Any) -> bool:
    """``value.Equals``: numbers compare as numbers, a bool is never a number."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(equal(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(equal(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _elements(n: Node, items: list[Any] | None, path: Path) -> list[PathElement]:
    return [item_element(n, item, i, path_string(path)) for i, item in enumerate(items or ())]


# ------------------------------------------------------------ field sets


def to_field_set(v: Any, ref: Ref) -> FieldSet:
    out: set[Path] = set()
    _fields(v, ref, (), out)
    return frozenset(out)


def _fields(v: Any, ref: Ref, path: Path, out: set[Path]) -> None:
    n = node(ref, v)
    if n.kind == SCALAR or n.atomic:
        out.add(path)
        return
    if n.kind == LIST:
        if not isinstance(v, list):
            return
        pes = _elements(n, v, path)
        seen: set[PathElement] = set()
        dups: set[PathElement] = set()
        for pe in pes:
            if pe in seen and pe not in dups:
                dups.add(pe)
                out.add((*path, pe))  # a duplicated item is owned whole, not field by field
            seen.add(pe)
        for item, pe in zip(v, pes, strict=True):
            if pe not in dups:
                _fields(item, item_ref(n), (*path, pe), out)
                out.add((*path, pe))
        return
    if not isinstance(v, dict):
        return
    for k, val in v.items():
        child, declared = child_ref(n, k)
        _fields(val, child, (*path, field(k)), out)
        if val is None or (isinstance(val, dict) and not val) or not declared:
            out.add((*path, field(k)))


# ------------------------------------------------------------ comparison


class Comparison(NamedTuple):
    added: FieldSet
    modified: FieldSet
    removed: FieldSet


class _Sets(NamedTuple):
    added: set[Path]
    modified: set[Path]
    removed: set[Path]


def compare(lhs: Any, rhs: Any, ref: Ref) -> Comparison:
    """The fields ``rhs`` added, modified and removed relative to ``lhs``."""
    c = _Sets(set(), set(), set())
    _compare(lhs, rhs, ref, (), c)
    return Comparison(frozenset(c.added), frozenset(c.modified), frozenset(c.removed))


def _container(n: Node, v: Any) -> Any:
    """A list or map node's value, None when it is null, absent or of another shape."""
    if n.kind == LIST:
        return v if isinstance(v, list) else None
    return v if isinstance(v, dict) else None


def _is_leaf(n: Node, lhs: Any, rhs: Any, ref: Ref) -> bool:
    if n.kind == SCALAR or n.atomic:
        return True
    both = lhs is not MISSING and rhs is not MISSING and lhs is not None and rhs is not None
    if both and node(ref, lhs).kind != n.kind:
        return True  # a value of another shape replaces
    return not _container(n, lhs) and not _container(n, rhs)  # empty or null on both sides


def _compare(lhs: Any, rhs: Any, ref: Ref, path: Path, c: _Sets) -> None:
    n = node(ref, rhs if rhs is not MISSING else lhs)
    if _is_leaf(n, lhs, rhs, ref):
        if lhs is MISSING:
            c.added.add(path)
        elif rhs is MISSING:
            c.removed.add(path)
        elif not equal(lhs, rhs):
            c.modified.add(path)
        return
    left, right = _container(n, lhs), _container(n, rhs)
    if n.kind == LIST:
        _compare_items(n, left, right, path, c)
    else:
        for k in dict.fromkeys([*(left or ()), *(right or ())]):
            child, _ = child_ref(n, k)
            lv = left.get(k, MISSING) if left is not None else MISSING
            rv = right.get(k, MISSING) if right is not None else MISSING
            _compare(lv, rv, child, (*path, field(k)), c)
    if lhs is MISSING:
        c.added.add(path)
    elif rhs is MISSING:
        c.removed.add(path)


def _compare_items(
    n: Node, left: list[Any] | None, right: list[Any] | None, path: Path, c: _Sets
) -> None:
    by_pe: dict[PathElement, tuple[list[Any], list[Any]]] = {}
    for side, items in ((0, left), (1, right)):
        for item, pe in zip(items or (), _elements(n, items, path), strict=True):
            by_pe.setdefault(pe, ([], []))[side].append(item)
    for pe, (ls, rs) in by_pe.items():
        at = (*path, pe)
        if len(ls) <= 1 and len(rs) <= 1:
            _compare(ls[0] if ls else MISSING, rs[0] if rs else MISSING, item_ref(n), at, c)
        elif len(ls) >= 2 and len(rs) >= 2:  # duplicates on both sides: compared whole
            if len(ls) != len(rs) or not all(equal(a, b) for a, b in zip(ls, rs, strict=True)):
                c.modified.add(at)
        elif len(ls) >= 2:
            if rs:
                _compare(MISSING, rs[0], item_ref(n), at, c)
            c.removed.add(at)
        else:
            if ls:
                _compare(ls[0], MISSING, item_ref(n), at, c)
            c.added.add(at)


# ----------------------------------------------------------------- merge


def merge(lhs: Any, rhs: Any, ref: Ref) -> Any:
    """``rhs`` (an applied configuration) merged into ``lhs`` (the live object)."""
    return _merge(lhs, rhs, ref, ())


def _merge(lhs: Any, rhs: Any, ref: Ref, path: Path) -> Any:
    n = node(ref, rhs if rhs is not MISSING else lhs)
    if _is_leaf(n, lhs, rhs, ref):
        return rhs if rhs is not MISSING else lhs
    left, right = _container(n, lhs), _container(n, rhs)
    if n.kind == LIST:
        merged = _merge_items(n, left or [], right or [], path)
        return merged if merged else MISSING
    out: dict[str, Any] = {}
    for k in dict.fromkeys([*(left or ()), *(right or ())]):
        child, _ = child_ref(n, k)
        lv = left.get(k, MISSING) if left is not None else MISSING
        rv = right.get(k, MISSING) if right is not None else MISSING
        value = _merge(lv, rv, child, (*path, field(k)))
        if value is not MISSING:
            out[k] = value
    return out if out else MISSING


def _merge_items(n: Node, left: list[Any], right: list[Any], path: Path) -> list[Any]:
    """SMD's list merge: items keep the live order, the configuration's items
    that are new come in where the configuration puts them."""
    rpes = _elements(n, right, path)
    robs: dict[PathElement, Any] = {}
    for item, pe in zip(right, rpes, strict=True):
        if pe in robs:
            raise TypedError(f"{path_string(path)}: duplicate entries for key {element_string(pe)}")
        robs[pe] = item
    lpes = _elements(n, left, path)
    lobs: dict[PathElement, Any] = {}
    for item, pe in zip(left, lpes, strict=True):
        lobs[pe] = None if pe in lobs else item  # a duplicated live item is not merged
    shared = [pe for pe in rpes if pe in lobs]
    next_shared = shared.pop(0) if shared else None
    done: set[PathElement] = set()
    out: list[Any] = []
    iref = item_ref(n)

    def take(pe: PathElement, lv: Any, rv: Any) -> None:
        value = _merge(lv, rv, iref, (*path, pe))
        if value is not MISSING:
            out.append(value)

    li = ri = 0
    while li < len(lpes) or ri < len(rpes):
        if li < len(lpes) and ri < len(rpes):
            pe = lpes[li]
            if pe == rpes[ri]:
                done.add(pe)
                take(pe, lobs.get(pe, MISSING), robs[pe])
                li, ri = li + 1, ri + 1
                next_shared = shared.pop(0) if shared else None
                continue
            if pe in robs and next_shared is not None and next_shared != pe:
                li += 1  # a shared item, but not the one this round wants
                continue
        if li < len(lpes):
            pe = lpes[li]
            if pe not in robs:
                take(pe, left[li], MISSING)
                li += 1
                continue
            if pe in done:
                li += 1
        if ri < len(rpes):
            pe = rpes[ri]
            done.add(pe)
            take(pe, lobs.get(pe, MISSING), robs[pe])
            ri += 1
            if next_shared is not None and next_shared == pe:
                next_shared = shared.pop(0) if shared else None
    return out


# ---------------------------------------------------------------- remove


def remove_items(v: Any, paths: FieldSet | set[Path], ref: Ref) -> Any:
    """``v`` without the fields in ``paths`` (a list or map left empty becomes null)."""
    n = node(ref, v)
    if n.kind == SCALAR:
        return v
    container = _container(n, v)
    if not container or n.atomic:
        return None
    members, children = split(paths)
    if n.kind == LIST:
        iref = item_ref(n)
        kept: list[Any] = []
        for item, pe in zip(container, _elements(n, container, ()), strict=True):
            if pe in members:
                continue
            kept.append(remove_items(item, children[pe], iref) if pe in children else item)
        return kept or None
    out: dict[str, Any] = {}
    for k, val in container.items():
        pe = field(k)
        if pe in members:
            continue
        out[k] = remove_items(val, children[pe], child_ref(n, k)[0]) if pe in children else val
    return out or None


def known_fields(v: Any, ref: Ref) -> Any:
    """``v`` without the fields its types do not declare (what fieldValidation
    Ignore or Warn lets through is not applied, nor owned)."""
    n = node(ref, v)
    if n.kind == LIST and isinstance(v, list) and n.t is not None:
        iref = item_ref(n)
        return [known_fields(item, iref) for item in v]
    if n.kind in (STRUCT, MAP) and isinstance(v, dict) and n.t is not None:
        out = {}
        for k, val in v.items():
            child, declared = child_ref(n, k)
            if declared or n.kind == MAP:
                out[k] = known_fields(val, child)
        return out
    return v


def undeclared_fields(v: Any, ref: Ref) -> list[str]:
    """The fields of ``v`` its types do not declare, as structured-merge-diff's
    validation words them (``.spec.containers[name="a"].portz: field not
    declared in schema``). As there, a map's walk ends at its first such field."""
    out: list[str] = []
    _undeclared(v, ref, (), out)
    return out


def _undeclared(v: Any, ref: Ref, path: Path, out: list[str]) -> None:
    n = node(ref, v)
    if n.kind == LIST and isinstance(v, list):
        iref = item_ref(n)
        for item, pe in zip(v, _elements(n, v, path), strict=True):
            _undeclared(item, iref, (*path, pe), out)
    elif n.kind in (STRUCT, MAP) and isinstance(v, dict):
        for k, val in v.items():
            child, declared = child_ref(n, k)
            if n.kind == STRUCT and not declared:
                out.append(f"{path_string((*path, field(k)))}: field not declared in schema")
                return
            _undeclared(val, child, (*path, field(k)), out)
