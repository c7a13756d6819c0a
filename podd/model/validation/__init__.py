"""Validation as the Kubernetes apiserver does it, plus podd's rootless limits.

Pure functions returning lists of :class:`~podd.model.field.StatusCause`
(empty = valid), each with a Kubernetes field path, reason and message. The
API wraps a non-empty list in ``podd.model.status.invalid(kind, name, causes)``.
"""

from podd.model.validation.meta import validate_labels, validate_object_meta
from podd.model.validation.namespace import validate_namespace, validate_namespace_update
from podd.model.validation.pod import ValidationOptions, validate_pod, validate_pod_spec
from podd.model.validation.update import UPDATABLE_FIELDS, validate_pod_update
from podd.model.validation.warnings import warnings_for_pod

__all__ = [
    "UPDATABLE_FIELDS",
    "ValidationOptions",
    "validate_labels",
    "validate_namespace",
    "validate_namespace_update",
    "validate_object_meta",
    "validate_pod",
    "validate_pod_spec",
    "validate_pod_update",
    "warnings_for_pod",
]
