"""Server-side apply and managedFields, as the Kubernetes apiserver does them
(sigs.k8s.io/structured-merge-diff and the apiserver's field manager).

* :mod:`~podd.model.apply.path` — path elements, FieldsV1 keys, field names in messages.
* :mod:`~podd.model.apply.schema` — what the model's types say about a value.
* :mod:`~podd.model.apply.fieldset` — FieldsV1 encoding, set operations.
* :mod:`~podd.model.apply.typed` — field sets of values, compare, merge, remove.
* :mod:`~podd.model.apply.updater` — ownership after an update or apply, conflicts.
* :mod:`~podd.model.apply.managed` — managedFields entries ⇄ managers.
* :mod:`~podd.model.apply.conflict` — the 409 Status of an apply's conflicts.
* :mod:`~podd.model.apply.fieldmanager` — the entry points: :class:`FieldManager`.
"""

from podd.model.apply.conflict import ApplyConflict
from podd.model.apply.fieldmanager import (
    LAST_APPLIED,
    FieldManager,
    field_manager_causes,
    field_manager_for,
    manager_from_user_agent,
)
from podd.model.apply.schema import TypedError
from podd.model.apply.typed import known_fields

__all__ = [
    "LAST_APPLIED",
    "ApplyConflict",
    "FieldManager",
    "TypedError",
    "field_manager_causes",
    "field_manager_for",
    "known_fields",
    "manager_from_user_agent",
]
