"""PASS / FAIL / SKIP records: printed as they happen, kept as JSON lines
(one file per pass, plus the root side's), summed up at the end (pure)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TextIO

PASS, FAIL, SKIP = "PASS", "FAIL", "SKIP"


@dataclass(frozen=True)
class Result:
    part: str  # the pass ("runc", "crun") or "host"
    name: str
    status: str
    detail: str = ""

    def line(self) -> str:
        return f"[{self.status}] {self.part:5} {self.name}: {self.detail}".rstrip(": ")


class Report:
    """Results of one part; each is printed at once and appended to ``path``."""

    def __init__(self, part: str, path: Path | None = None, out: TextIO | None = None) -> None:
        self.part = part
        self.path = path
        self.out = out or sys.stdout
        self.results: list[Result] = []

    def add(self, name: str, status: str, detail: str = "") -> Result:
        result = Result(self.part, name, status, detail)
        self.results.append(result)
        print(result.line(), file=self.out, flush=True)
        if self.path is not None:
            with self.path.open("a") as f:
                f.write(json.dumps(asdict(result)) + "\n")
        return result

    def check(self, name: str, ok: bool, detail: str = "") -> bool:
        self.add(name, PASS if ok else FAIL, detail)
        return ok


def load(paths: Iterable[Path]) -> list[Result]:
    """Every result recorded in ``paths`` (a missing file holds none)."""
    out: list[Result] = []
    for path in paths:
        try:
            text = path.read_text()
        except FileNotFoundError:
            continue
        for line in text.splitlines():
            if line.strip():
                out.append(Result(**json.loads(line)))
    return out


def summary(results: list[Result]) -> tuple[str, bool]:
    """The summary table and whether everything that ran passed (SKIPs are
    listed, not failures: they say what this host could not show)."""
    counts = {s: sum(r.status == s for r in results) for s in (PASS, FAIL, SKIP)}
    lines = ["", "=" * 72, "SUMMARY", "=" * 72]
    lines += [r.line() for r in results]
    lines.append("-" * 72)
    lines.append(f"{counts[PASS]} passed, {counts[FAIL]} failed, {counts[SKIP]} skipped")
    ok = counts[FAIL] == 0 and counts[PASS] > 0
    lines.append("ALL CHECKS PASSED" if ok else "SOME CHECKS FAILED")
    return "\n".join(lines), ok


def main(argv: list[str]) -> int:
    """``python -m devicecheck.report FILE...``: the summary; exit 1 on a failure."""
    text, ok = summary(load(Path(p) for p in argv))
    print(text)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
