"""Watches: ADDED/MODIFIED/DELETED in order, from a resourceVersion, with
selectors, bookmarks, and 410 Expired when the version is too old."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any

import httpx

from tests.integration.api.helpers import simple_pod
from tests.podd_process import PoddProcess

PODS = "/api/v1/namespaces/default/pods"


Events = list[dict[str, Any]]


class Watcher:
    """Reads a watch stream on a thread until ``until(events)`` holds."""

    def __init__(self, podd: PoddProcess, path: str, params: dict[str, str]) -> None:
        self.events: Events = []
        self.started = threading.Event()
        self.enough = threading.Event()
        self._until: Callable[[Events], bool] = lambda _: False
        self._client = podd.client(timeout=30)
        self._thread = threading.Thread(target=self._run, args=(path, params), daemon=True)

    def _run(self, path: str, params: dict[str, str]) -> None:
        try:
            with self._client.stream("GET", path, params=params) as r:
                assert r.status_code == 200
                self.started.set()
                for line in r.iter_lines():
                    if line:
                        self.events.append(json.loads(line))
                    if self._until(self.events):
                        return
        except httpx.HTTPError:
            pass
        finally:
            self.started.set()
            self.enough.set()

    def start(self, until: Callable[[Events], bool]) -> Watcher:
        self._until = until
        self._thread.start()
        assert self.started.wait(10)
        return self

    def wait(self, timeout: float = 20) -> Events:
        self.enough.wait(timeout)
        self._client.close()
        self._thread.join(timeout)
        return self.events


def summary(events: Events, *, skip_modified: bool = False) -> list[tuple[str, str]]:
    return [
        (e["type"], e["object"]["metadata"].get("name", ""))
        for e in events
        if not (skip_modified and e["type"] == "MODIFIED")
    ]


def saw(type_: str, name: str, times: int = 1) -> Callable[[Events], bool]:
    return lambda evs: summary(evs).count((type_, name)) >= times


def test_watch_sees_added_modified_deleted_in_order(podd: PoddProcess) -> None:
    with podd.client() as c:
        rv = c.get(PODS).json()["metadata"]["resourceVersion"]
        w = Watcher(podd, PODS, {"watch": "true", "resourceVersion": rv}).start(
            saw("DELETED", "w1")
        )
        c.post(PODS, json=simple_pod("w1"))
        c.patch(
            f"{PODS}/w1",
            content=b'{"metadata":{"labels":{"x":"1"}}}',
            headers={"Content-Type": "application/merge-patch+json"},
        )
        c.delete(f"{PODS}/w1", params={"gracePeriodSeconds": "0"})
        events = w.wait()
    # The pod's worker also writes status (MODIFIED); the order is what counts.
    kinds = [t for t, _ in summary(events)]
    assert kinds[0] == "ADDED" and kinds[-1] == "DELETED"
    assert set(kinds[1:-1]) == {"MODIFIED"} and len(kinds) >= 3
    rvs = [int(e["object"]["metadata"]["resourceVersion"]) for e in events]
    assert rvs == sorted(rvs) and len(set(rvs)) == len(rvs)
    assert any(e["object"]["metadata"].get("labels") == {"x": "1"} for e in events[1:-1])


def test_watch_without_version_starts_with_current_state(podd: PoddProcess) -> None:
    with podd.client() as c:
        c.post(PODS, json=simple_pod("old"))
        w = Watcher(podd, PODS, {"watch": "True"}).start(saw("ADDED", "new"))
        c.post(PODS, json=simple_pod("new"))
        events = w.wait()
    assert summary(events, skip_modified=True) == [("ADDED", "old"), ("ADDED", "new")]


def test_watch_replays_from_resource_version(podd: PoddProcess) -> None:
    with podd.client() as c:
        rv = c.post(PODS, json=simple_pod("r1")).json()["metadata"]["resourceVersion"]
        c.post(PODS, json=simple_pod("r2"))
        c.delete(f"{PODS}/r1", params={"gracePeriodSeconds": "0"})
        w = Watcher(podd, PODS, {"watch": "1", "resourceVersion": rv}).start(saw("DELETED", "r1"))
        events = w.wait()
    assert summary(events, skip_modified=True) == [("ADDED", "r2"), ("DELETED", "r1")]


def test_watch_single_object_by_field_selector(podd: PoddProcess) -> None:
    with podd.client() as c:
        rv = c.get(PODS).json()["metadata"]["resourceVersion"]
        w = Watcher(
            podd,
            PODS,
            {"watch": "true", "fieldSelector": "metadata.name=mine", "resourceVersion": rv},
        ).start(saw("DELETED", "mine"))
        c.post(PODS, json=simple_pod("other"))
        c.post(PODS, json=simple_pod("mine"))
        c.delete(f"{PODS}/other", params={"gracePeriodSeconds": "0"})
        c.delete(f"{PODS}/mine", params={"gracePeriodSeconds": "0"})
        events = w.wait()
    assert {name for _, name in summary(events)} == {"mine"}
    assert summary(events, skip_modified=True) == [("ADDED", "mine"), ("DELETED", "mine")]


def test_label_selector_watch_turns_unmatch_into_deleted(podd: PoddProcess) -> None:
    merge = {"Content-Type": "application/merge-patch+json"}
    with podd.client() as c:
        c.post(PODS, json=simple_pod("sel", {"app": "a"}))
        w = Watcher(podd, PODS, {"watch": "true", "labelSelector": "app=a"}).start(
            saw("ADDED", "sel", times=2)
        )
        c.patch(f"{PODS}/sel", content=b'{"metadata":{"labels":{"app":"b"}}}', headers=merge)
        c.patch(f"{PODS}/sel", content=b'{"metadata":{"labels":{"app":"a"}}}', headers=merge)
        events = w.wait()
    assert summary(events, skip_modified=True) == [
        ("ADDED", "sel"),
        ("DELETED", "sel"),
        ("ADDED", "sel"),
    ]


def test_watch_timeout_ends_the_stream(podd: PoddProcess) -> None:
    with podd.client(timeout=20) as c:
        r = c.get(PODS, params={"watch": "true", "timeoutSeconds": "1"})
        assert r.status_code == 200 and r.text == ""


def test_too_old_resource_version_is_gone(tmp_path_factory: Any) -> None:
    proc = PoddProcess(tmp_path_factory.mktemp("podd"))
    import os

    os.environ["PODD_WATCH_HISTORY"] = "5"
    try:
        proc.start()
    finally:
        del os.environ["PODD_WATCH_HISTORY"]
    try:
        with proc.client() as c:
            first = c.post(PODS, json=simple_pod("g0")).json()["metadata"]["resourceVersion"]
            for i in range(1, 12):
                c.post(PODS, json=simple_pod(f"g{i}"))
            r = c.get(PODS, params={"watch": "true", "resourceVersion": first})
            assert r.status_code == 200
            lines = [json.loads(x) for x in r.text.splitlines() if x]
            assert len(lines) == 1 and lines[0]["type"] == "ERROR"
            status = lines[0]["object"]
            assert status["code"] == 410 and status["reason"] == "Expired"
    finally:
        proc.stop()


def test_bookmarks(podd: PoddProcess, monkeypatch: Any) -> None:
    # Bookmarks arrive every 60 s; a 1-second watch with bookmarks allowed
    # gets none, but the flag is accepted and the stream ends cleanly.
    with podd.client(timeout=20) as c:
        r = c.get(
            PODS, params={"watch": "true", "timeoutSeconds": "1", "allowWatchBookmarks": "true"}
        )
        assert r.status_code == 200
