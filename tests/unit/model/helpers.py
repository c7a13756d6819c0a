"""Helpers for the table-driven validation tests: mutate the seed pod, validate."""

from __future__ import annotations

from collections.abc import Callable

from podd.model.container import Container
from podd.model.defaults import default_pod
from podd.model.field import StatusCause
from podd.model.pod import Pod
from podd.model.validation import ValidationOptions, validate_pod
from podd.model.volume import Volume

from .seed import seed_pod

DNS_LABEL_MSG = (
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
    "and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', "
    "regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
)
DNS_SUBDOMAIN_MSG = (
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or "
    "'.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used "
    "for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
)

Mutation = Callable[[Pod], object]
Expected = list[tuple[str, str]]  # (reason, field)


def causes_after(
    mutate: Mutation, *, defaults: bool = True, **opts: int | bool
) -> list[StatusCause]:
    pod = seed_pod()
    mutate(pod)
    if defaults:
        pod = default_pod(pod)
    return validate_pod(pod, ValidationOptions(**opts))  # type: ignore[arg-type]


def pairs(causes: list[StatusCause]) -> list[tuple[str, str]]:
    return [(c.reason or "", c.field or "") for c in causes]


def web(pod: Pod) -> Container:  # the nginx-style container
    return pod.spec.containers[0]


def sidecar(pod: Pod) -> Container:
    return pod.spec.containers[1]


def init(pod: Pod) -> Container:
    return (pod.spec.init_containers or [])[0]


def add_volume(pod: Pod, vol: Volume) -> None:
    pod.spec.volumes = [*(pod.spec.volumes or []), vol]


def set_(obj: object, **values: object) -> None:
    for key, value in values.items():
        setattr(obj, key, value)


INV, REQ, DUP, NS, FORB, NF, TL = (
    "FieldValueInvalid",
    "FieldValueRequired",
    "FieldValueDuplicate",
    "FieldValueNotSupported",
    "FieldValueForbidden",
    "FieldValueNotFound",
    "FieldValueTooLong",
)
