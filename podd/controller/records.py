"""Container records from what the runtime reports."""

from __future__ import annotations

from podd.controller.observed import ContainerRecord
from podd.controller.runtime_api import Recovered


def adopt(found: list[Recovered]) -> dict[str, ContainerRecord]:
    """Records for container instances found on disk after a podd restart:
    re-adopted, not restarted (oldest first; the latest run per name wins)."""
    records: dict[str, ContainerRecord] = {}
    for f in found:
        old = records.get(f.name)
        records[f.name] = ContainerRecord(
            name=f.name,
            instance=f.instance,
            previous=old.instance if old else None,
            restart_count=f.attempt,
            crash_count=old.crash_count + 1 if old else 0,
            image_id=f.image_id,
            started=f.instance.running,
            spec_hash=f.spec_hash,
        )
    return records
