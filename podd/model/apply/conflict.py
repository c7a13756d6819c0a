"""An apply's conflicts as the apiserver reports them: 409 Conflict, one
``FieldManagerConflict`` cause per field, e.g.::

    Apply failed with 1 conflict: conflict with "kubectl-client-side-apply"
    using v1: .spec.containers[name="app"].image
"""

from __future__ import annotations

from collections.abc import Sequence

from podd.model.apply.managed import manager_label
from podd.model.apply.path import path_string
from podd.model.apply.updater import Conflict
from podd.model.errors import ModelError
from podd.model.field import StatusCause
from podd.model.status import Status, StatusDetails

__all__ = ["FIELD_MANAGER_CONFLICT", "ApplyConflict"]

FIELD_MANAGER_CONFLICT = "FieldManagerConflict"


class ApplyConflict(ModelError):
    """Fields the apply would change are another manager's (409)."""

    code = 409
    reason = "Conflict"

    def __init__(self, conflicts: Sequence[Conflict]) -> None:
        self.conflicts = list(conflicts)
        super().__init__(_message(self.conflicts))

    def status(self) -> Status:
        causes = [
            StatusCause(
                reason=FIELD_MANAGER_CONFLICT,
                message=f"conflict with {manager_label(c.manager)}",
                field=path_string(c.path),
            )
            for c in self.conflicts
        ]
        return Status(
            status="Failure",
            message=self.message,
            reason="Conflict",
            details=StatusDetails(causes=causes),
            code=409,
        )


def _message(conflicts: list[Conflict]) -> str:
    if len(conflicts) == 1:
        c = conflicts[0]
        return (
            f"Apply failed with 1 conflict: conflict with {manager_label(c.manager)}: "
            f"{path_string(c.path)}"
        )
    lines: list[str] = []
    for manager in sorted({c.manager for c in conflicts}):
        lines.append(f"conflicts with {manager_label(manager)}:")
        lines += [f"- {path_string(c.path)}" for c in conflicts if c.manager == manager]
    return f"Apply failed with {len(conflicts)} conflicts: " + "\n".join(lines)
