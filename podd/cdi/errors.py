"""The one error of podd.cdi (re-exported by podd.cdi.spec)."""

from __future__ import annotations

__all__ = ["CDIError"]


class CDIError(Exception):
    """A bad spec, name or request; the message names the file, field or device."""
