"""What ``podd doctor`` reports: one :class:`Finding` per prerequisite."""

from __future__ import annotations

from typing import Literal

import msgspec

# error: podd cannot run (or cannot run pods) until it is fixed;
# warning: podd runs, with less (no limits, a copied rootfs, one uid);
# info: nothing to fix, a fact worth knowing.
Severity = Literal["error", "warning", "info"]


class Finding(msgspec.Struct, frozen=True, kw_only=True):
    """One check's result: ``fix`` is the exact command(s) for this distribution
    (also given, as an option, for some findings that are ok)."""

    name: str
    ok: bool
    severity: Severity
    detail: str
    fix: str | None = None


def ok(name: str, detail: str, fix: str | None = None) -> Finding:
    return Finding(name=name, ok=True, severity="info", detail=detail, fix=fix)


def problem(name: str, severity: Severity, detail: str, fix: str | None) -> Finding:
    return Finding(name=name, ok=False, severity=severity, detail=detail, fix=fix)


class Report(msgspec.Struct, frozen=True, kw_only=True):
    """All findings; ``ok`` is whether podd can run here (no error left)."""

    ok: bool
    distribution: str
    user: str | None
    findings: list[Finding]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if not f.ok and f.severity == "error"]


def can_run(findings: list[Finding]) -> bool:
    return not any(not f.ok and f.severity == "error" for f in findings)
