"""``podd doctor``: every rootless prerequisite checked, each with its fix.

:mod:`host` is the host as the checks see it, :mod:`gather` fills it (the
only side effects), the check modules are pure functions of it, :mod:`plan`
runs them all into a :class:`Report`, :mod:`render` prints it.
"""

from podd.doctor.finding import Finding, Report
from podd.doctor.gather import examine, host_view, run_command, with_commands
from podd.doctor.host import CommandResult, HostView
from podd.doctor.plan import CHECKS, diagnose

__all__ = [
    "CHECKS",
    "CommandResult",
    "Finding",
    "HostView",
    "Report",
    "diagnose",
    "examine",
    "host_view",
    "run_command",
    "with_commands",
]
