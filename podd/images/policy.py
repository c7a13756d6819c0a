"""Kubernetes image pull policy and kubelet-style image pull backoff (pure).

* :func:`default_pull_policy` — ``:latest`` or no tag (and no digest) →
  ``Always``, anything else → ``IfNotPresent`` (Kubernetes' defaulting).
* :func:`needs_pull` — whether a container start must pull first; ``Never``
  with a missing image raises :class:`ImageNeverPullError` (``ErrImageNeverPull``).
* :class:`PullBackoff` — per-image delay after a failed pull, 10 s doubling
  to 300 s (kubelet's ``flowcontrol.Backoff``); an entry idle for twice the
  maximum is forgotten, so the next failure starts again at 10 s.
"""

from __future__ import annotations

from typing import Literal

import msgspec

from podd.images.errors import ImageNeverPullError
from podd.images.reference import DEFAULT_TAG, ImageReference, parse_reference

PullPolicy = Literal["Always", "IfNotPresent", "Never"]

BACKOFF_INITIAL = 10.0
BACKOFF_MAX = 300.0


def default_pull_policy(image: ImageReference | str) -> PullPolicy:
    """Kubernetes' default ``imagePullPolicy`` for ``image``."""
    ref = parse_reference(image) if isinstance(image, str) else image
    if ref.tag == DEFAULT_TAG or (ref.tag is None and ref.digest is None):
        return "Always"
    return "IfNotPresent"


def needs_pull(policy: PullPolicy | None, image: ImageReference | str, present: bool) -> bool:
    """True when the image must be pulled before the container starts."""
    effective = policy or default_pull_policy(image)
    if effective == "Always":
        return True
    if effective == "IfNotPresent":
        return not present
    if not present:
        name = image.canonical() if isinstance(image, ImageReference) else image
        raise ImageNeverPullError(
            f'container image "{name}" is not present with pull policy of Never'
        )
    return False


class _Entry(msgspec.Struct):
    delay: float
    last_update: float


class PullBackoff:
    """Per-key exponential backoff after failed pulls (kubelet's numbers by default)."""

    def __init__(self, initial: float = BACKOFF_INITIAL, maximum: float = BACKOFF_MAX) -> None:
        self.initial = initial
        self.maximum = maximum
        self._entries: dict[str, _Entry] = {}

    def _expired(self, e: _Entry, now: float) -> bool:
        return now - e.last_update > 2 * self.maximum

    def failed(self, key: str, now: float) -> float:
        """Record a failed pull at ``now``; the delay before the next attempt."""
        e = self._entries.get(key)
        if e is None or self._expired(e, now):
            e = _Entry(self.initial, now)
        else:
            e = _Entry(min(e.delay * 2, self.maximum), now)
        self._entries[key] = e
        return e.delay

    def in_backoff(self, key: str, now: float) -> bool:
        """True while the last failure's delay has not run out (``ImagePullBackOff``)."""
        e = self._entries.get(key)
        return e is not None and now - e.last_update < e.delay

    def remaining(self, key: str, now: float) -> float:
        """Seconds until the next attempt is allowed (0 when allowed now)."""
        e = self._entries.get(key)
        return 0.0 if e is None else max(0.0, e.last_update + e.delay - now)

    def reset(self, key: str) -> None:
        """Forget ``key`` (after a successful pull)."""
        self._entries.pop(key, None)

    def gc(self, now: float) -> None:
        """Drop entries idle for more than twice the maximum delay."""
        for k in [k for k, e in self._entries.items() if self._expired(e, now)]:
            del self._entries[k]
