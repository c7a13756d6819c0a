"""meta/v1's selector requirements as structured data (``key``, ``operator``,
``values``): how a SubjectAccessReview states the selectors of a list or
watch it asks about."""

from __future__ import annotations

from podd.model import field as f
from podd.model.base import K8sStruct, always
from podd.model.field import Path, StatusCause
from podd.model.names import is_qualified_name

__all__ = [
    "FieldSelectorRequirement",
    "LabelSelectorRequirement",
    "validate_field_requirement",
    "validate_label_requirement",
]

_SET_OPERATORS = ("In", "NotIn")
_EXISTENCE_OPERATORS = ("Exists", "DoesNotExist")


class FieldSelectorRequirement(K8sStruct):
    """A field selector requirement: a key, an operator (In, NotIn, Exists,
    DoesNotExist) and values."""

    key: str = always("")
    operator: str = always("")
    values: list[str] | None = None


class LabelSelectorRequirement(K8sStruct):
    """A label selector requirement: a key, an operator (In, NotIn, Exists,
    DoesNotExist) and values."""

    key: str = always("")
    operator: str = always("")
    values: list[str] | None = None


def _values(operator: str, values: list[str] | None, path: Path) -> list[StatusCause]:
    # An operator the server does not know is allowed: the requirement comes
    # from a newer client and only describes a request (metav1validation's
    # AllowUnknownOperatorInRequirement, as SubjectAccessReviews use it).
    if operator in _SET_OPERATORS and not values:
        detail = "must be specified when `operator` is 'In' or 'NotIn'"
        return [f.required(path.child("values"), detail)]
    if operator in _EXISTENCE_OPERATORS and values:
        return [
            f.forbidden(
                path.child("values"),
                "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
            )
        ]
    return []


def validate_field_requirement(req: FieldSelectorRequirement, path: Path) -> list[StatusCause]:
    return _values(req.operator, req.values, path)


def validate_label_requirement(req: LabelSelectorRequirement, path: Path) -> list[StatusCause]:
    causes = _values(req.operator, req.values, path)
    causes += [f.invalid(path.child("key"), req.key, msg) for msg in is_qualified_name(req.key)]
    return causes
