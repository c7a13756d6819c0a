"""Object and list metadata (``metav1.ObjectMeta``, ``ListMeta``, ``OwnerReference``)."""

from __future__ import annotations

import secrets
from typing import Any

import msgspec

from podd.model.base import K8sStruct, always

__all__ = ["ListMeta", "ObjectMeta", "OwnerReference", "generate_name"]


class OwnerReference(K8sStruct):
    api_version: str = always("")
    kind: str = always("")
    name: str = always("")
    uid: str = always("")
    controller: bool | None = None
    block_owner_deletion: bool | None = None


class ObjectMeta(K8sStruct):
    """Metadata every persisted object has.

    ``managed_fields`` is accepted (clients echo it back) but carries no
    meaning in podd; ``default_pod`` drops it.
    """

    name: str | None = None
    generate_name: str | None = None
    namespace: str | None = None
    self_link: str | None = None
    uid: str | None = None
    resource_version: str | None = None
    generation: int | None = None
    creation_timestamp: str | None = None
    deletion_timestamp: str | None = None
    deletion_grace_period_seconds: int | None = None
    labels: dict[str, str] | None = None
    annotations: dict[str, str] | None = None
    owner_references: list[OwnerReference] | None = None
    finalizers: list[str] | None = None
    managed_fields: list[dict[str, Any]] | None = None


class ListMeta(K8sStruct):
    """Metadata of a list: its resourceVersion and the continue token."""

    self_link: str | None = None
    resource_version: str | None = None
    continue_: str | None = msgspec.field(default=None, name="continue")
    remaining_item_count: int | None = None


# Kubernetes' SimpleNameGenerator: no vowels (no words), no 0/1/3 (no confusion).
_ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789"
_RANDOM_LENGTH = 5
_MAX_GENERATED_NAME_LENGTH = 63 - _RANDOM_LENGTH


def generate_name(base: str) -> str:
    """``base`` (truncated to 58 characters) plus 5 random characters, like the apiserver."""
    base = base[:_MAX_GENERATED_NAME_LENGTH]
    return base + "".join(secrets.choice(_ALPHANUMS) for _ in range(_RANDOM_LENGTH))
