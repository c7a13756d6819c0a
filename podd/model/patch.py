"""PATCH support: JSON merge patch, JSON patch and strategic merge patch.

* :func:`apply_merge_patch` — RFC 7386 (``application/merge-patch+json``).
* :func:`apply_json_patch` — RFC 6902 (``application/json-patch+json``).
* :func:`apply_strategic_merge_patch` — Kubernetes' strategic merge patch
  (``application/strategic-merge-patch+json``, what ``kubectl patch``,
  ``label``, ``annotate`` and ``apply`` send): maps merge recursively, ``null``
  deletes, lists with a Kubernetes ``patchMergeKey`` (containers by ``name``,
  ports by ``containerPort``, volumeMounts by ``mountPath`` ...) merge element
  by element, ``metadata.finalizers`` merges as a set, other lists are
  replaced; ``$patch: replace|delete|merge``, ``$retainKeys``,
  ``$deleteFromPrimitiveList/<field>`` and ``$setElementOrder/<field>`` are
  honoured. Merge keys come from :mod:`podd.model.listtypes` (shared with
  server-side apply).

All functions work on plain JSON values, return a new value and never modify
their arguments. Errors raise :class:`PatchError` (422: the patch does not
apply; 400: it is not a well-formed patch).
"""

from __future__ import annotations

import copy
from typing import Any

import msgspec
from msgspec import inspect as mi

from podd.model.errors import PatchError
from podd.model.event import Event
from podd.model.listtypes import MERGE_KEYS, PRIMITIVE_MERGE
from podd.model.namespace import Namespace
from podd.model.pod import Pod
from podd.model.service import Service
from podd.model.typeinfo import field_type, resolve, type_of

__all__ = [
    "MERGE_KEYS",
    "PRIMITIVE_MERGE",
    "PatchError",
    "apply_json_patch",
    "apply_merge_patch",
    "apply_strategic_merge_patch",
]

# ----------------------------------------------------------- merge patch


def apply_merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7386: objects merge recursively, ``null`` removes, anything else replaces."""
    return _merge(copy.deepcopy(target), patch)


def _merge(target: Any, patch: Any) -> Any:
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = _merge(result.get(key), value)
    return result


# ------------------------------------------------------------ JSON patch


def _pointer(path: Any) -> list[str]:
    if not isinstance(path, str):
        raise PatchError(f"invalid JSON pointer {path!r}: must be a string")
    if path == "":
        return []
    if not path.startswith("/"):
        raise PatchError(f"invalid JSON pointer {path!r}: must start with '/'")
    return [tok.replace("~1", "/").replace("~0", "~") for tok in path[1:].split("/")]


def _index(token: str, length: int, path: str, *, allow_end: bool) -> int:
    if token == "-" and allow_end:
        return length
    if not token.isdigit() or (len(token) > 1 and token[0] == "0"):
        raise PatchError(f"invalid array index {token!r} in {path!r}")
    i = int(token)
    if i > length or (i == length and not allow_end):
        raise PatchError(f"array index {i} out of range in {path!r}")
    return i


def _parent(doc: Any, tokens: list[str], path: str) -> Any:
    node = doc
    for token in tokens[:-1]:
        if isinstance(node, dict):
            if token not in node:
                raise PatchError(f"path {path!r} does not exist: no member {token!r}")
            node = node[token]
        elif isinstance(node, list):
            node = node[_index(token, len(node), path, allow_end=False)]
        else:
            raise PatchError(f"path {path!r} does not exist: {token!r} is not in a container")
    return node


def _get(doc: Any, path: str) -> Any:
    tokens = _pointer(path)
    if not tokens:
        return doc
    parent = _parent(doc, tokens, path)
    last = tokens[-1]
    if isinstance(parent, dict):
        if last not in parent:
            raise PatchError(f"path {path!r} does not exist")
        return parent[last]
    if isinstance(parent, list):
        return parent[_index(last, len(parent), path, allow_end=False)]
    raise PatchError(f"path {path!r} does not exist")


def _add(doc: Any, path: str, value: Any) -> Any:
    tokens = _pointer(path)
    if not tokens:
        return value
    parent = _parent(doc, tokens, path)
    last = tokens[-1]
    if isinstance(parent, dict):
        parent[last] = value
    elif isinstance(parent, list):
        parent.insert(_index(last, len(parent), path, allow_end=True), value)
    else:
        raise PatchError(f"cannot add at {path!r}: parent is not an object or array")
    return doc


def _remove(doc: Any, path: str) -> tuple[Any, Any]:
    tokens = _pointer(path)
    if not tokens:
        raise PatchError("cannot remove the whole document")
    parent = _parent(doc, tokens, path)
    last = tokens[-1]
    if isinstance(parent, dict):
        if last not in parent:
            raise PatchError(f"cannot remove {path!r}: it does not exist")
        return doc, parent.pop(last)
    if isinstance(parent, list):
        return doc, parent.pop(_index(last, len(parent), path, allow_end=False))
    raise PatchError(f"cannot remove {path!r}: it does not exist")


def _replace(doc: Any, path: str, value: Any) -> Any:
    tokens = _pointer(path)
    if not tokens:
        return value
    _get(doc, path)  # must exist
    parent = _parent(doc, tokens, path)
    last = tokens[-1]
    if isinstance(parent, dict):
        parent[last] = value
    else:
        parent[_index(last, len(parent), path, allow_end=False)] = value
    return doc


def _json_equal(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_json_equal(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_json_equal(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def apply_json_patch(target: Any, ops: Any) -> Any:
    """RFC 6902: apply ``ops`` (a list of operation objects) in order, all or nothing."""
    if not isinstance(ops, list):
        raise PatchError("a JSON patch must be an array of operations", code=400)
    doc = copy.deepcopy(target)
    for i, op in enumerate(ops):
        if not isinstance(op, dict):
            raise PatchError(f"operation {i} is not an object", code=400)
        name = op.get("op")
        if "path" not in op:
            raise PatchError(f"operation {i} ({name}) has no 'path'")
        path = op["path"]
        if name in ("add", "replace", "test") and "value" not in op:
            raise PatchError(f"operation {i} ({name}) has no 'value'")
        value = copy.deepcopy(op.get("value"))
        if name == "add":
            doc = _add(doc, path, value)
        elif name == "remove":
            doc, _ = _remove(doc, path)
        elif name == "replace":
            doc = _replace(doc, path, value)
        elif name in ("move", "copy"):
            if "from" not in op:
                raise PatchError(f"operation {i} ({name}) has no 'from'")
            src = op["from"]
            if name == "move":
                if src != path and _pointer(path)[: len(_pointer(src))] == _pointer(src):
                    raise PatchError(f"cannot move {src!r} into its own child {path!r}")
                doc, moved = _remove(doc, src)
            else:
                moved = copy.deepcopy(_get(doc, src))
            doc = _add(doc, path, moved)
        elif name == "test":
            if not _json_equal(_get(doc, path), value):
                raise PatchError(f"test operation {i} failed: value at {path!r} differs")
        else:
            raise PatchError(f"operation {i} has unknown op {name!r}")
    return doc


# ----------------------------------------------- strategic merge patch

_KINDS: dict[str, type[msgspec.Struct]] = {
    "Pod": Pod,
    "Namespace": Namespace,
    "Event": Event,
    "Service": Service,  # ports merge by port
}

_DIRECTIVE = "$patch"
_RETAIN_KEYS = "$retainKeys"
_DELETE_PRIMITIVE = "$deleteFromPrimitiveList/"
_ELEMENT_ORDER = "$setElementOrder/"


def _merge_key(t: mi.Type | None, name: str) -> str | None:
    if isinstance(t, mi.StructType):
        for cls in t.cls.__mro__:
            key = MERGE_KEYS.get((cls, name))
            if key is not None:
                return key
    return None


def apply_strategic_merge_patch(
    target: Any, patch: Any, typ: type[msgspec.Struct] | None = None
) -> Any:
    """Apply a strategic merge patch to ``target`` (the JSON of a ``typ`` object).

    Without ``typ`` the type is found from ``target["kind"]`` (Pod, Namespace,
    Event, Service); an unknown kind merges maps only and replaces every list.
    """
    if not isinstance(patch, dict):
        raise PatchError("a strategic merge patch must be a JSON object", code=400)
    original = copy.deepcopy(target) if isinstance(target, dict) else {}
    if typ is None:
        typ = _KINDS.get(str(original.get("kind")))
    return _smp_map(original, patch, type_of(typ) if typ is not None else None)


def _smp_map(original: dict[str, Any], patch: dict[str, Any], t: mi.Type | None) -> dict[str, Any]:
    directive = patch.get(_DIRECTIVE)
    if directive == "replace":
        return _strip({k: v for k, v in patch.items() if k != _DIRECTIVE})
    if directive == "delete":
        return {}
    if directive not in (None, "merge"):
        raise PatchError(f"unknown patch directive {_DIRECTIVE}: {directive!r}")
    result = _retained(dict(original), patch)
    for key, value in patch.items():
        if key.startswith(_DELETE_PRIMITIVE):
            name = key[len(_DELETE_PRIMITIVE) :]
            if not isinstance(value, list):
                raise PatchError(f"{key} must be a list")
            kept = [x for x in result.get(name) or [] if x not in value]
            if kept:
                result[name] = kept
            else:
                result.pop(name, None)
    for key, value in patch.items():
        if key in (_DIRECTIVE, _RETAIN_KEYS) or key.startswith((_DELETE_PRIMITIVE, _ELEMENT_ORDER)):
            continue
        if value is None:
            result.pop(key, None)
            continue
        ft = resolve(field_type(t, key), value)
        old = result.get(key)
        if isinstance(value, dict):
            merged = _smp_map(old if isinstance(old, dict) else {}, value, ft)
            if value.get(_DIRECTIVE) == "delete":
                result.pop(key, None)
            else:
                result[key] = merged
        elif isinstance(value, list):
            item_t = ft.item_type if isinstance(ft, mi.ListType) else None
            merged_list = _smp_list(
                old if isinstance(old, list) else [], value, _merge_key(t, key), item_t
            )
            result[key] = merged_list
        else:
            result[key] = value
    for key, order in patch.items():
        if key.startswith(_ELEMENT_ORDER):
            name = key[len(_ELEMENT_ORDER) :]
            if isinstance(result.get(name), list) and isinstance(order, list):
                server = o if isinstance(o := original.get(name), list) else []
                result[name] = _reorder(result[name], order, server, _merge_key(t, name))
    return result


def _retained(original: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    """``$retainKeys`` (patchStrategy retainKeys: a volume's source, a
    Deployment's strategy): the original keeps only the keys listed, so a
    volume changed from emptyDir to configMap loses its emptyDir. Every key
    the patch sets must be listed (the apiserver's applyRetainKeysDirective;
    400 otherwise)."""
    if _RETAIN_KEYS not in patch:
        return original
    retain = patch[_RETAIN_KEYS]
    if not isinstance(retain, list) or any(
        k not in retain
        for k, v in patch.items()
        if k not in (_RETAIN_KEYS, _DIRECTIVE)
        and v is not None
        and not k.startswith((_DELETE_PRIMITIVE, _ELEMENT_ORDER))
    ):
        raise PatchError("invalid patch format of retainKeys", code=400)
    return {k: v for k, v in original.items() if k in retain}


def _smp_list(
    original: list[Any], patch: list[Any], merge_key: str | None, item_t: mi.Type | None
) -> list[Any]:
    if merge_key is None:
        return _strip(patch)
    if merge_key == PRIMITIVE_MERGE:
        return [*original, *(x for x in patch if x not in original)]
    if any(isinstance(x, dict) and x.get(_DIRECTIVE) == "replace" for x in patch):
        return _strip([x for x in patch if not (isinstance(x, dict) and _DIRECTIVE in x)])
    result = list(original)
    for item in patch:
        if not isinstance(item, dict):
            raise PatchError(f"list item {item!r} is not an object (merge key {merge_key!r})")
        if merge_key not in item:
            raise PatchError(f"map: {item} does not contain declared merge key: {merge_key}")
        key = item[merge_key]
        if item.get(_DIRECTIVE) == "delete":
            result = [x for x in result if not (isinstance(x, dict) and x.get(merge_key) == key)]
            continue
        elem_t = resolve(item_t, item)
        for i, existing in enumerate(result):
            if isinstance(existing, dict) and existing.get(merge_key) == key:
                result[i] = _smp_map(existing, item, elem_t)
                break
        else:
            result.append(_smp_map({}, item, elem_t))
    return result


def _reorder(items: list[Any], order: list[Any], server: list[Any], key: str | None) -> list[Any]:
    """``$setElementOrder``, as the apiserver's normalizeElementOrder: the
    items it lists in its order, the others (only on the server) in the
    server's order, the two merged by where the server had them."""

    def ident(x: Any) -> Any:
        return x.get(key) if key and isinstance(x, dict) else x

    wanted = [ident(o) for o in order]
    had = [ident(x) for x in server]

    def rank(ids: list[Any], x: Any) -> int:
        return ids.index(ident(x)) if ident(x) in ids else len(ids)

    listed = sorted((x for x in items if ident(x) in wanted), key=lambda x: rank(wanted, x))
    others = sorted((x for x in items if ident(x) not in wanted), key=lambda x: rank(had, x))
    out: list[Any] = []
    while listed and others:  # mergeSortedSlice: a server-only item first if the server says so
        o, li = rank(had, others[0]), rank(had, listed[0])
        out.append(others.pop(0) if o < li < len(had) else listed.pop(0))
    return out + listed + others


def _strip(value: Any) -> Any:
    """A patch value with directives and nulls removed (for values that replace)."""
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if v is not None and not k.startswith("$")}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value
