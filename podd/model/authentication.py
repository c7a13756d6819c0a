"""authentication.k8s.io/v1's SelfSubjectReview: "who am I?" (``kubectl auth
whoami``), answered with the user the request authenticated as."""

from __future__ import annotations

import msgspec

from podd.model.base import K8sStruct, always
from podd.model.meta import ObjectMeta

__all__ = [
    "API_VERSION",
    "SelfSubjectReview",
    "SelfSubjectReviewStatus",
    "UserInfo",
]

API_VERSION = "authentication.k8s.io/v1"  # names the OpenAPI definitions (kubeopenapi.names)


class UserInfo(K8sStruct):
    """The user a request authenticated as: name, uid, groups."""

    username: str | None = None
    uid: str | None = None
    groups: list[str] | None = None
    extra: dict[str, list[str]] | None = None


class SelfSubjectReviewStatus(K8sStruct):
    """The user the request was made as."""

    user_info: UserInfo | None = None


class SelfSubjectReview(K8sStruct):
    """SelfSubjectReview tells the user who they are, as the server
    authenticated them (``kubectl auth whoami``)."""

    api_version: str = always(API_VERSION)
    kind: str = always("SelfSubjectReview")
    metadata: ObjectMeta = msgspec.field(default_factory=ObjectMeta)
    status: SelfSubjectReviewStatus | None = None
