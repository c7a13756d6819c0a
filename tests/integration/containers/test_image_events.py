"""The image events of a real podd, as the kubelet records them: the first pod
pulls the image (Pulling, then "Successfully pulled"); a later pod with
imagePullPolicy IfNotPresent finds it in podd's store and gets the one Pulled
event ``Container image "X" already present on machine``, and so does each
restart of its container."""

from __future__ import annotations

from tests.integration.containers.helpers import get, pod, status_of, wait_running
from tests.integration.pods.helpers import PODS, events_for, wait_for
from tests.podd_process import PoddProcess


def _image_events(events: list[dict[str, str]]) -> list[tuple[str, str, str]]:
    return [
        (e["type"], e["reason"], e["message"])
        for e in events
        if e["reason"] in ("Pulling", "Pulled")
    ]


def test_a_cached_image_is_already_present(podd: PoddProcess, busybox: str) -> None:
    present = ("Normal", "Pulled", f'Container image "{busybox}" already present on machine')
    with podd.client() as c:
        first = {"name": "main", "command": ["sleep", "60"], "imagePullPolicy": "IfNotPresent"}
        assert c.post(PODS, json=pod("first", busybox, first)).is_success
        wait_running(c, "first", "main")
        pulled = _image_events(events_for(c, "first"))
        assert [r for _, r, _ in pulled] == ["Pulling", "Pulled"], pulled
        assert pulled[1][2].startswith(f'Successfully pulled image "{busybox}" in ')
        # The image is podd's now: the next pod does not pull it.
        again = {"name": "main", "command": ["sh", "-c", "sleep 1; exit 1"]}
        again["imagePullPolicy"] = "IfNotPresent"
        assert c.post(PODS, json=pod("second", busybox, again)).is_success
        wait_for(
            "the second pod's container to have been started twice",
            lambda: ((status_of(get(c, "second"), "main") or {}).get("restartCount") or 0) >= 1,
            timeout=60,
        )
        evs = events_for(c, "second")
        image = _image_events(evs)
        assert image and set(image) == {present}, image  # no Pulling: nothing pulled
        # One Pulled per start (an aggregated event: its count follows the starts;
        # a start under way may have said Pulled and not yet Started).
        pulled = next(e for e in evs if e["reason"] == "Pulled")
        started = next(e for e in evs if e["reason"] == "Started")
        assert started["count"] >= 2, started
        assert pulled["count"] in (started["count"], started["count"] + 1), evs
