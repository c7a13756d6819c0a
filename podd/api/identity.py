"""Who a request is: podd has one user, named as ``podd kubeconfig`` names it;
a verified client certificate names its own (CN the user, each O a group),
as the apiserver's x509 authenticator reads one."""

from __future__ import annotations

from litestar.types import Scope

from podd.api.auth import client_cert
from podd.api.kubeconfig import NAME
from podd.model.authentication import UserInfo

__all__ = ["AUTHENTICATED", "user_info"]

AUTHENTICATED = "system:authenticated"  # every authenticated user's group


def user_info(scope: Scope) -> UserInfo:
    subject = client_cert(scope)
    if subject is None:  # the bearer token, or podd's unix socket
        return UserInfo(username=NAME, groups=[AUTHENTICATED])
    names: list[str] = []
    groups: list[str] = []
    for part in subject.split(","):
        key, _, value = part.partition("=")
        if key == "commonName":
            names.append(value)
        elif key == "organizationName":
            groups.append(value)
    return UserInfo(username=names[0] if names else subject, groups=[*groups, AUTHENTICATED])
