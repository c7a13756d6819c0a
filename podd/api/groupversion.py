"""API groups: where a kind of ``apiVersion`` ``group/version`` is served
and how Kubernetes names its group in paths, OpenAPI tags and operation ids.

The core group (``apiVersion: v1``) lives under ``/api/v1``; every named
group under ``/apis/<group>/<version>`` (``authorization.k8s.io/v1``).
"""

from __future__ import annotations

from typing import Protocol

__all__ = [
    "CORE",
    "APIResource",
    "group_of",
    "operation_prefix",
    "path_prefix",
    "split",
    "subresources_of",
    "tag",
    "v3_key",
]

CORE = "v1"


class APIResource(Protocol):
    """What discovery and the OpenAPI documents read of a served kind, stored
    (``resources.ResourceType``) or create-only (``reviews.ReviewType``)."""

    @property
    def kind(self) -> str: ...
    @property
    def plural(self) -> str: ...
    @property
    def singular(self) -> str: ...
    @property
    def namespaced(self) -> bool: ...
    @property
    def verbs(self) -> tuple[str, ...]: ...
    @property
    def short_names(self) -> tuple[str, ...]: ...
    @property
    def categories(self) -> tuple[str, ...]: ...
    @property
    def api_version(self) -> str: ...
    @property
    def struct(self) -> type: ...
    @property
    def list_struct(self) -> type | None: ...


def split(api_version: str) -> tuple[str, str]:
    """``("authorization.k8s.io", "v1")``; the core group is ``""``."""
    group, _, version = api_version.rpartition("/")
    return group, version


def subresources_of(subresources: dict[str, list[str]], rt: APIResource) -> list[str]:
    """The subresources of a kind, keyed by its plural (``pods``), prefixed
    with its group outside the core group (``metrics.k8s.io/pods`` is not ``pods``)."""
    group = group_of(rt.api_version)
    return subresources.get(f"{group}/{rt.plural}" if group else rt.plural, [])


def group_of(api_version: str) -> str:
    return split(api_version)[0]


def path_prefix(api_version: str) -> str:
    """``/api/v1`` or ``/apis/<group>/<version>``."""
    return f"/{v3_key(api_version)}"


def v3_key(api_version: str) -> str:
    """The group-version's key in ``/openapi/v3``: ``api/v1``, ``apis/<g>/<v>``."""
    group, version = split(api_version)
    return f"apis/{group}/{version}" if group else f"api/{version}"


def _camel(group: str) -> str:
    """``rbac.authorization.k8s.io`` → ``rbacAuthorization`` (the apiserver's
    friendly group name: ``.k8s.io`` dropped, the dots camel-cased)."""
    parts = group.removesuffix(".k8s.io").split(".")
    return parts[0] + "".join(p[:1].upper() + p[1:] for p in parts[1:])


def operation_prefix(api_version: str) -> str:
    """``CoreV1``, ``AuthorizationV1``: the middle of an operation id."""
    group, version = split(api_version)
    name = _camel(group) if group else "core"
    return name[:1].upper() + name[1:] + version[:1].upper() + version[1:]


def tag(api_version: str) -> str:
    """``core_v1``, ``authorization_v1``: an operation's OpenAPI tag."""
    group, version = split(api_version)
    return f"{_camel(group) if group else 'core'}_{version}"
