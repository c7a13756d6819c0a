"""Container logs: the CRI log format, rotation, and reading (tail, since, follow).

Modules: ``crilog`` (records, joining partial lines, output format),
``paths`` (where logs live, listing, removal), ``rotate`` (conmon's size cut
made lossless, keeping N files), ``rotation_watcher`` (re-arming it as conmon
rotates), ``continuity`` (whether a file follows another with none lost
between), ``tail`` (where to start reading), ``reader`` (:func:`read_logs`),
``cursor`` (a file read record by record), ``options`` (``PodLogOptions``
from a query).
"""

from podd.logs.crilog import CRIRecord, LineJoiner, LogLine, format_line, parse_record
from podd.logs.options import LogOptions, LogOptionsError, parse_log_options, validate_log_options
from podd.logs.paths import (
    container_log_dir,
    container_log_path,
    latest_log_path,
    log_files,
    pod_log_dir,
    previous_log_path,
    prune_instances,
    remove_pod_logs,
)
from podd.logs.reader import LogNotFoundError, LogReader, read_logs
from podd.logs.rotate import (
    RotationPolicy,
    RotationResult,
    conmon_log_args,
    prepare_log,
    sync_rotation,
)
from podd.logs.rotation_watcher import RotationWatcher

__all__ = [
    "CRIRecord",
    "LineJoiner",
    "LogLine",
    "LogNotFoundError",
    "LogOptions",
    "LogOptionsError",
    "LogReader",
    "RotationPolicy",
    "RotationResult",
    "RotationWatcher",
    "conmon_log_args",
    "container_log_dir",
    "container_log_path",
    "format_line",
    "latest_log_path",
    "log_files",
    "parse_log_options",
    "parse_record",
    "pod_log_dir",
    "prepare_log",
    "previous_log_path",
    "prune_instances",
    "read_logs",
    "remove_pod_logs",
    "sync_rotation",
    "validate_log_options",
]
