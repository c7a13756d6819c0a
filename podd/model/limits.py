"""What one request body may cost: nesting depth, YAML aliases, object size.

The apiserver reads bodies up to 3 MiB and etcd stores objects up to 1.5 MiB
(``--max-request-bytes``). podd's decoders, walkers and patchers recurse in
Python (a few frames a level, ~1,000 allowed), and libyaml's composer recurses
in C: a 200 KB flow sequence 100,000 deep crashes the process, and the scanner
is quadratic in flow depth (that body takes 40 s before the crash). So, before
anything is built:

* :func:`check_yaml` reads the YAML event stream (libyaml's parser keeps its
  own stacks) and stops at the first level past :data:`MAX_DEPTH`, the first
  alias past :data:`MAX_YAML_ALIASES` or once the document, aliases expanded,
  would exceed :data:`MAX_OBJECT_BYTES`: a billion-laughs body is refused
  before one alias is expanded.
* :func:`check_depth` walks a parsed value without recursing.
* :func:`check_object_size` caps the object as podd stores it (JSON).
"""

from __future__ import annotations

from typing import Any

import yaml

from podd.model.errors import BodyError, ModelError

__all__ = [
    "MAX_DEPTH",
    "MAX_OBJECT_BYTES",
    "MAX_YAML_ALIASES",
    "TooLargeError",
    "check_depth",
    "check_object_size",
    "check_yaml",
]

# Deeper than any core/v1 object (a pod with affinity and managedFields is
# under 20 levels), far below what the recursive code below it can take.
MAX_DEPTH = 100
# Manifests use a handful of anchors; go-yaml refuses "excessive aliasing" too.
MAX_YAML_ALIASES = 1_000
# etcd's default request limit: what a real cluster stores at most.
MAX_OBJECT_BYTES = 1536 * 1024


class TooLargeError(ModelError):
    """The object (or what a YAML body expands to) is larger than podd stores (413)."""

    code = 413
    reason = "RequestEntityTooLarge"


def too_deep() -> BodyError:
    return BodyError(f"the object nests more than {MAX_DEPTH} levels deep; limit is {MAX_DEPTH}")


def check_depth(value: Any, limit: int = MAX_DEPTH) -> None:
    """A :class:`BodyError` when objects/arrays in ``value`` nest deeper than ``limit``."""
    stack: list[tuple[Any, int]] = [(value, 1)] if isinstance(value, dict | list) else []
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            raise too_deep()
        children = node.values() if isinstance(node, dict) else node
        stack.extend((c, depth + 1) for c in children if isinstance(c, dict | list))


def check_object_size(size: int, what: str = "object") -> None:
    if size > MAX_OBJECT_BYTES:
        raise TooLargeError(f"the {what} is {size} bytes as JSON; limit is {MAX_OBJECT_BYTES}")


def check_yaml(body: bytes, loader: Any) -> None:
    """Refuse a YAML body too deep, too aliased or expanding too large (see module docs).

    The expanded size counts each scalar's text plus one byte and each
    collection two, about its JSON size. YAML syntax errors propagate as
    ``yaml.YAMLError`` for the caller to report.
    """
    expanded = 0
    aliases = 0
    sizes: dict[str, int] = {}  # anchor → expanded size of its node
    open_: list[tuple[str | None, int]] = []  # (anchor, expanded at its start)
    for event in yaml.parse(body, Loader=loader):
        if isinstance(event, yaml.ScalarEvent):
            size = len(event.value) + 1
            if event.anchor is not None:
                sizes[event.anchor] = size
        elif isinstance(event, yaml.CollectionStartEvent):
            if len(open_) >= MAX_DEPTH:
                raise too_deep()
            open_.append((event.anchor, expanded))
            size = 2
        elif isinstance(event, yaml.CollectionEndEvent):
            anchor, start = open_.pop()
            if anchor is not None:
                sizes[anchor] = expanded - start
            continue
        elif isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_YAML_ALIASES:
                raise BodyError(
                    f"yaml: the document uses more than {MAX_YAML_ALIASES} aliases; "
                    f"limit is {MAX_YAML_ALIASES}"
                )
            if event.anchor not in sizes:
                # Undefined, or an alias inside its own anchor: a cycle no
                # JSON object can hold.
                raise BodyError(f"yaml: alias *{event.anchor} refers to no complete anchor")
            size = sizes[event.anchor]
        else:
            continue
        expanded += size
        if expanded > MAX_OBJECT_BYTES:
            raise TooLargeError(
                f"the YAML document expands past {MAX_OBJECT_BYTES} bytes with its aliases "
                f"({aliases} used); limit is {MAX_OBJECT_BYTES}"
            )
