"""Query parameters and string formats of the contract, as the server parses them.

Each pattern here is the grammar the server's parser accepts (selectors,
image references, base64), written as an ECMA-262 regex so a client or a
fuzzer can tell a well-formed value from a malformed one before sending it.
Query booleans follow the apiserver: any value but ``0`` and ``false`` is
true, so they are strings in the contract.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1
MAX_WATCH_TIMEOUT = 3600  # podd shortens a longer watch to this (clients watch again)

DNS_LABEL = "[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?"
DNS_SUBDOMAIN = rf"{DNS_LABEL}(?:\.{DNS_LABEL})*"
# The name part of a qualified name (label keys) and a label value.
_QNAME = "[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?"
# A key's optional DNS prefix, held to three labels so a key stays < 253.
_LABEL_KEY = rf"(?:{DNS_LABEL}(?:\.{DNS_LABEL}){{0,2}}/)?{_QNAME}"
_LABEL_VALUE = f"(?:{_QNAME})?"
_REQUIREMENT = (
    rf"(?:!?\s*{_LABEL_KEY}"
    rf"|{_LABEL_KEY}\s*(?:=|==|!=)\s*{_LABEL_VALUE}"
    rf"|{_LABEL_KEY}\s+(?:in|notin)\s*\(\s*{_LABEL_VALUE}(?:\s*,\s*{_LABEL_VALUE})*\s*\)"
    rf"|{_LABEL_KEY}\s*[<>]\s*-?[0-9]{{1,18}})"
)
LABEL_SELECTOR = rf"^\s*(?:{_REQUIREMENT}(?:\s*,\s*{_REQUIREMENT})*)?\s*$"

# A field selector value: ``\``, ``,`` and ``=`` only escaped.
_FIELD_VALUE = r"(?:[^\\,=]|\\[\\,=])*"

# Image references as podd.images.reference parses them.
# Repetitions are bounded so a name stays within the 255 characters podd takes.
_ALNUM = "[a-z0-9]{1,20}"
_PATH_COMPONENT = f"{_ALNUM}(?:(?:[._]|__|-{{1,2}}){_ALNUM}){{0,2}}"
_HOST = "[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,18}[a-zA-Z0-9])?"
_DOMAIN = rf"(?:localhost|{_HOST}(?:\.{_HOST}){{1,2}})(?::[0-9]{{1,5}})?"
_REFERENCE = (
    rf"(?:{_DOMAIN}/)?{_PATH_COMPONENT}(?:/{_PATH_COMPONENT}){{0,2}}"
    r"(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?"
)
IMAGE_REFERENCE = f"^{_REFERENCE}$"
# What inspect and remove also take: an image id or a unique prefix of one.
IMAGE_NAME = rf"^(?:{_REFERENCE}|(?:sha256:)?[a-f0-9]{{1,64}})$"

# ``os/arch[/variant]`` or ``arch``: one to three non-empty parts; empty is the host's.
PLATFORM = r"^(?:\s*(?:[^/\s](?:[^/]*[^/\s])?|[^/\s][^/]*(?:/[^/]+)?/[^/]*[^/\s])\s*)?$"
BASE64 = "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$"
CONFIG_KEY = "^[-._a-zA-Z0-9]{1,253}$"
# ``Strict``/``Warn``/``Ignore`` as kubectl sends them; the apiserver takes no other.
FIELD_VALIDATION = ["Strict", "Warn", "Ignore"]
PROPAGATION_POLICIES = ["Orphan", "Background", "Foreground"]


def field_selector(fields: Iterable[str]) -> str:
    """The grammar of ``fieldSelector`` over the fields a resource supports."""
    names = "|".join(re.escape(f) for f in sorted(fields))
    term = rf"\s*(?:{names})\s*(?:=|==|!=){_FIELD_VALUE}|\s*"  # empty terms are skipped
    return rf"^(?:{term})(?:,(?:{term}))*$"


def query(name: str, schema: dict[str, Any], desc: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "schema": schema, "description": desc}


def _int(minimum: int = INT64_MIN, maximum: int = INT64_MAX) -> dict[str, Any]:
    return {"type": "integer", "format": "int64", "minimum": minimum, "maximum": maximum}


BOOL = {"type": "string", "description": "false when 0 or false (any case), true otherwise"}
RESOURCE_VERSION = {"type": "string", "pattern": "^[0-9]{0,19}$"}
DRY_RUN = {"type": "string", "enum": ["All"]}


def list_params(fields: Iterable[str]) -> list[dict[str, Any]]:
    return [
        query(
            "labelSelector",
            {"type": "string", "pattern": LABEL_SELECTOR},
            "select by labels (=, ==, !=, in, notin, exists, !exists, >, <)",
        ),
        query(
            "fieldSelector",
            {"type": "string", "pattern": field_selector(fields)},
            "select by fields (=, ==, !=); the fields this resource supports",
        ),
        query("limit", _int(), "at most this many items; the rest through `continue`"),
        query(
            "continue",
            {"type": "string"},
            "the opaque token from a previous list's metadata.continue",
        ),
        query(
            "resourceVersion", RESOURCE_VERSION, "for watches: stream changes after this version"
        ),
        query("watch", BOOL, "stream ADDED/MODIFIED/DELETED events instead of a list"),
        query(
            "timeoutSeconds",
            _int(0),
            f"end the watch after this many seconds (at most {MAX_WATCH_TIMEOUT})",
        ),
        query("allowWatchBookmarks", BOOL, "send BOOKMARK events"),
    ]


WRITE_PARAMS = [
    query("dryRun", DRY_RUN, "All: validate and default, store nothing"),
    query(
        "fieldValidation",
        {"type": "string", "enum": FIELD_VALIDATION},
        "Strict (default): unknown fields are a 400; Warn or Ignore them",
    ),
    query(
        "fieldManager",
        # Printable, at most 128 bytes (ValidateFieldManager); required to apply.
        {"type": "string", "maxLength": 128, "pattern": "^[^\\x00-\\x1f\\x7f-\\x9f]*$"},
        "who makes this change (managedFields); default: the User-Agent's product",
    ),
]
PATCH_PARAMS = [
    *WRITE_PARAMS,
    query("force", BOOL, "apply only: take fields other managers own instead of a 409"),
]
DELETE_PARAMS = [
    query("gracePeriodSeconds", _int(), "seconds before the pod is killed; 0 is immediate"),
    query(
        "propagationPolicy",
        {"type": "string", "enum": PROPAGATION_POLICIES},
        "Orphan, Background or Foreground",
    ),
    query("dryRun", DRY_RUN, "All: check, delete nothing"),
]
LOG_PARAMS = [
    query("container", {"type": "string"}, "the container (default: the only or first one)"),
    query("follow", BOOL, "stream new lines as they are written"),
    query("previous", BOOL, "the log of the previous, terminated instance"),
    query("sinceSeconds", _int(1), "only lines newer than this many seconds"),
    query("sinceTime", {"type": "string", "format": "date-time"}, "only lines after this time"),
    query("timestamps", BOOL, "prefix each line with its RFC 3339 timestamp"),
    query("tailLines", _int(0), "only the last this many lines"),
    query("limitBytes", _int(1), "stop after this many bytes"),
    query("stream", {"type": "string", "enum": ["All", "Stdout", "Stderr"]}, "which stream"),
]


# RFC 6902 operations (paths are JSON pointers); a merge patch (RFC 7386 or
# strategic) and an apply configuration (YAML or JSON) are objects.
_POINTER = {"type": "string", "pattern": "^(?:/(?:[^/~]|~[01])*)*$"}
JSON_PATCH_OP = {
    "oneOf": [
        {
            "type": "object",
            "required": ["op", "path", "value"],
            "properties": {
                "op": {"enum": ["add", "replace", "test"]},
                "path": _POINTER,
                "value": {},
            },
        },
        {
            "type": "object",
            "required": ["op", "path"],
            "properties": {"op": {"const": "remove"}, "path": _POINTER},
        },
        {
            "type": "object",
            "required": ["op", "from", "path"],
            "properties": {"op": {"enum": ["move", "copy"]}, "from": _POINTER, "path": _POINTER},
        },
    ]
}
PATCH_BODIES = {
    "application/merge-patch+json": {"schema": {"type": "object"}},
    "application/json-patch+json": {"schema": {"type": "array", "items": JSON_PATCH_OP}},
    "application/strategic-merge-patch+json": {"schema": {"type": "object"}},
}
