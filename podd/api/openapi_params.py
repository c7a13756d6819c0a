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
WATCH_EVENT_TYPES = ["ADDED", "MODIFIED", "DELETED", "BOOKMARK", "ERROR"]


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


# exec, attach and portforward (PodExecOptions, PodAttachOptions,
# PodPortForwardOptions): a WebSocket upgrade of GET (POST is SPDY's, which
# podd answers with a 400 naming the WebSocket subprotocols it speaks).
_STREAM_FLAGS = [
    query("container", {"type": "string"}, "the container (default: the pod's only one)"),
    query("stdin", BOOL, "send input on channel 0"),
    query("stdout", BOOL, "receive output on channel 1"),
    query("stderr", BOOL, "receive errors on channel 2 (merged into stdout with tty)"),
    query("tty", BOOL, "a terminal: resize messages on channel 4, stderr merged into stdout"),
]
_COMMAND = {
    **query(
        "command",
        {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "the command, one query value per word (command=ls&command=-l); required",
    ),
    "style": "form",
    "explode": True,
}
_PORTS = {
    **query(
        "ports",
        {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 65535}},
        "the pod's ports, repeated or comma-separated; required by the channel protocols"
        " (v4.channel.k8s.io), not by SPDY/3.1+portforward.k8s.io (streams name theirs)",
    ),
    "style": "form",
    "explode": True,
}
_CHANNELS = (
    "Subprotocols v5.channel.k8s.io, v4.channel.k8s.io (and the base64 flavours):"
    " each message starts with its channel's byte (0 stdin, 1 stdout, 2 stderr, 3 the"
    " error channel's Status, 4 terminal size); v5 half-closes stdin with [255, 0]."
)
_PORT_CHANNELS = (
    "Subprotocols SPDY/3.1+portforward.k8s.io (kubectl >= 1.31: SPDY streams inside"
    " the WebSocket, the port named by each stream) or v4.channel.k8s.io (and"
    " v4.base64.channel.k8s.io): channel 2i carries the data of the i-th of `ports`,"
    " 2i+1 its errors; the first message on each is the port, two bytes little-endian."
)


def stream_op(verb: str, description: str, params: list[dict[str, Any]]) -> dict[str, Any]:
    """The contract of a pods/``verb`` WebSocket upgrade."""
    return {
        "verb": verb,
        "tag": "Pod",
        "upgrade": description,
        "params": params,
        "ids": {method: f"pods-{verb}-connect-{method.lower()}" for method in ("GET", "POST")},
    }


EXEC_OP = stream_op(
    "exec",
    "Run a command in a running container over a WebSocket. " + _CHANNELS,
    [_COMMAND, *_STREAM_FLAGS],
)
ATTACH_OP = stream_op(
    "attach",
    "Attach to a running container's stdio over a WebSocket. " + _CHANNELS,
    _STREAM_FLAGS,
)
PORTFORWARD_OP = stream_op(
    "portforward",
    "Forward connections to the pod's ports over a WebSocket. " + _PORT_CHANNELS,
    [_PORTS],
)
