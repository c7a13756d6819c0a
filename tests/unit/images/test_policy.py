"""Pull policy defaults and kubelet-style pull backoff."""

from __future__ import annotations

import pytest

from podd.images.errors import ImageNeverPullError, ImageNotFoundError
from podd.images.policy import PullBackoff, default_pull_policy, needs_pull

D = "sha256:" + "c" * 64


@pytest.mark.parametrize(
    ("image", "policy"),
    [
        ("busybox", "Always"),
        ("busybox:latest", "Always"),
        ("busybox:1.36", "IfNotPresent"),
        (f"busybox@{D}", "IfNotPresent"),
        (f"busybox:latest@{D}", "Always"),
        ("registry:5000/a/b", "Always"),
    ],
)
def test_default_policy(image: str, policy: str) -> None:
    assert default_pull_policy(image) == policy


@pytest.mark.parametrize(
    ("policy", "image", "present", "expected"),
    [
        (None, "busybox", True, True),
        (None, "busybox:1.36", True, False),
        (None, "busybox:1.36", False, True),
        ("Always", "busybox:1.36", True, True),
        ("IfNotPresent", "busybox", True, False),
        ("IfNotPresent", "busybox", False, True),
        ("Never", "busybox", True, False),
    ],
)
def test_needs_pull(policy: str | None, image: str, present: bool, expected: bool) -> None:
    assert needs_pull(policy, image, present) is expected  # type: ignore[arg-type]


def test_never_and_missing() -> None:
    with pytest.raises(ImageNeverPullError) as e:
        needs_pull("Never", "busybox:1.36", False)
    assert isinstance(e.value, ImageNotFoundError)
    assert e.value.reason == "ErrImageNeverPull"
    assert "busybox:1.36" in e.value.message


def test_backoff_doubles_to_the_cap_and_resets() -> None:
    b = PullBackoff()
    now = 1000.0
    delays = []
    for _ in range(8):
        delays.append(b.failed("img", now))
        now += 1
    assert delays == [10, 20, 40, 80, 160, 300, 300, 300]
    assert b.in_backoff("img", now)
    assert b.remaining("img", now) == pytest.approx(299)
    assert not b.in_backoff("img", now + 300)
    # idle for more than twice the maximum: start again at the initial delay
    assert b.failed("img", now + 601) == 10
    b.reset("img")
    assert not b.in_backoff("img", now) and b.remaining("img", now) == 0
    b.failed("other", 0)
    b.gc(10_000)
    assert not b.in_backoff("other", 0)


def test_backoff_settings() -> None:
    b = PullBackoff(initial=0.1, maximum=0.3)
    assert [b.failed("k", 0) for _ in range(4)] == [0.1, 0.2, 0.3, 0.3]
