"""Container records from what the runtime reports."""

from __future__ import annotations

import time
from collections.abc import Mapping

import msgspec

from podd.controller.observed import ContainerRecord, Instance
from podd.controller.runtime_api import Recovered
from podd.model.container import Container

BACKOFF_SHOWN_AFTER = 2.0  # ErrImagePull shows this long before ImagePullBackOff


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


def refreshed(rec: ContainerRecord, inst: Instance, reset: float) -> ContainerRecord:
    """The record after the runtime's latest word on its instance: an exit
    ends the run (a run longer than ``reset`` clears the crash count)."""
    if inst.running:
        return rec
    now = time.time()
    ran = (inst.finished_at or now) - (inst.started_at or now)
    crash = 0 if ran >= reset else rec.crash_count
    return msgspec.structs.replace(rec, instance=inst, crash_count=crash, started=False)


def progressed(
    rec: ContainerRecord,
    spec: Container | None,
    probes: Mapping[tuple[str, str], str],
    pull_failed_at: float | None,
    now: float,
) -> ContainerRecord:
    """Started once the startup probe succeeded (at once without one);
    ErrImagePull turns into ImagePullBackOff after it showed a moment."""
    if rec.running and spec is not None and spec.startup_probe is not None:
        started = rec.started or probes.get((rec.name, "startup")) == "Success"
        rec = msgspec.structs.replace(rec, started=started)
    elif rec.running and not rec.started:
        rec = msgspec.structs.replace(rec, started=True)
    if (
        rec.waiting_reason == "ErrImagePull"
        and pull_failed_at is not None
        and now - pull_failed_at >= BACKOFF_SHOWN_AFTER
        and rec.retry_at
        and now < rec.retry_at
    ):
        image = spec.image if spec else ""
        rec = msgspec.structs.replace(
            rec,
            waiting_reason="ImagePullBackOff",
            waiting_message=f'Back-off pulling image "{image}"',
        )
    return rec
