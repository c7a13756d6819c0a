"""``podd doctor``'s text: one line per check, its fix indented below it."""

from __future__ import annotations

from podd.doctor.finding import Finding, Report

_MARK = {"error": "FAIL", "warning": "WARN", "info": "OK"}
INDENT = " " * 6


def mark(f: Finding) -> str:
    return "OK" if f.ok else _MARK[f.severity]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def render(report: Report) -> str:
    lines = [f"podd doctor: {report.distribution}, user {report.user or '?'}"]
    for f in report.findings:
        lines.append(f"{mark(f):<4}  {f.name}: {f.detail}")
        if f.fix:
            first, *rest = f.fix.splitlines()
            lines.append(f"{INDENT}{'fix' if not f.ok else 'hint'}: {first}")
            lines.extend(f"{INDENT}  {line}" for line in rest)
    errors = len(report.errors)
    warnings = sum(1 for f in report.findings if not f.ok) - errors
    if report.ok:
        tail = f" ({_plural(warnings, 'warning')})" if warnings else ""
        lines.append(f"podd can run here{tail}.")
    else:
        tail = f", {_plural(warnings, 'warning')}" if warnings else ""
        lines.append(f"podd cannot run here: {_plural(errors, 'problem')} to fix{tail}.")
    return "\n".join(lines) + "\n"
