"""Hostile input against a real podd: each request's cost is bounded, each answer is a
4xx/5xx Status naming the limit, nothing is stored, and podd keeps serving.

Every test also checks podd's log: the catch-all for unexpected errors (a generic
500) is never reached.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.integration.api.helpers import simple_pod
from tests.podd_process import PoddProcess

PODS = "/api/v1/namespaces/default/pods"
CMS = "/api/v1/namespaces/default/configmaps"
YAML = {"Content-Type": "application/yaml"}
JSON_PATCH = {"Content-Type": "application/json-patch+json"}
MERGE = {"Content-Type": "application/merge-patch+json"}
MIB = 1024 * 1024
OBJECT_LIMIT = 1536 * 1024


@pytest.fixture
def api(podd: PoddProcess) -> Iterator[httpx.Client]:
    """A client of podd that, after the test, checks podd is still ready and
    never answered with its catch-all."""
    with podd.client(timeout=30) as client:
        yield client
        assert client.get("/readyz").status_code == 200
    assert "request failed" not in podd.log(), podd.log()[-3000:]


def rss_mib(podd: PoddProcess) -> float:
    assert podd.proc is not None
    for line in Path(f"/proc/{podd.proc.pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def status_of(r: httpx.Response, code: int, reason: str) -> dict[str, Any]:
    assert r.status_code == code, r.text
    status: dict[str, Any] = r.json()
    assert (status["kind"], status["code"], status["reason"]) == ("Status", code, reason)
    return status


def no_pods(c: httpx.Client) -> None:
    assert c.get(PODS).json()["items"] == []


# ------------------------------------------------------------------ bodies


def test_yaml_alias_bomb_is_413_and_podd_stays_small(podd: PoddProcess, api: httpx.Client) -> None:
    warm = (
        "apiVersion: v1\nkind: Pod\nmetadata: {name: w}\nspec: {containers: [{name: a, image: b}]}"
    )
    assert api.post(PODS, content=warm, headers=YAML, params={"dryRun": "All"}).status_code == 201
    before = rss_mib(podd)
    scalar = "x" * (MIB - 200)
    bomb = (
        "apiVersion: v1\nkind: Pod\nmetadata: {name: bomb}\nspec:\n  containers:\n"
        f"  - name: a\n    image: b\n    command: &big ['{scalar}']\n"
        f"    args: [{', '.join(['*big'] * 200)}]\n"
    )
    status = status_of(api.post(PODS, content=bomb, headers=YAML), 413, "RequestEntityTooLarge")
    assert f"limit is {OBJECT_LIMIT}" in status["message"]
    assert rss_mib(podd) - before < 100  # +800 MB when the 200 MiB pod was built
    no_pods(api)


@pytest.mark.parametrize(
    ("body", "headers"),
    [
        (b'{"a":' * 10_000 + b"1" + b"}" * 10_000, {"Content-Type": "application/json"}),
        (b"[" * 100_000 + b"]" * 100_000, YAML),  # crashed podd in libyaml's composer
        (b"spec:\n" + b"- " * 100_000 + b"x\n", YAML),
    ],
    ids=["json", "yaml-flow", "yaml-block"],
)
def test_deep_bodies_are_400(api: httpx.Client, body: bytes, headers: dict[str, str]) -> None:
    status = status_of(api.post(PODS, content=body, headers=headers), 400, "BadRequest")
    assert "more than 100 levels deep; limit is 100" in status["message"]
    no_pods(api)


def test_deep_patches_are_400_and_change_nothing(api: httpx.Client) -> None:
    created = api.post(CMS, json={"metadata": {"name": "cm"}, "data": {"k": "v"}}).json()
    deep = b'{"metadata":{"annotations":' + b'{"a":' * 10_000 + b"1" + b"}" * 10_002
    status = status_of(api.patch(f"{CMS}/cm", content=deep, headers=MERGE), 400, "BadRequest")
    assert "limit is 100" in status["message"]
    nested: Any = "x"
    for _ in range(150):
        nested = [nested]
    op = [{"op": "add", "path": "/metadata/managedFields", "value": [{"f": nested}]}]
    status = status_of(api.patch(f"{CMS}/cm", json=op, headers=JSON_PATCH), 400, "BadRequest")
    assert "limit is 100" in status["message"]
    assert api.get(f"{CMS}/cm").json() == created


def test_json_patch_copy_bomb_is_413(podd: PoddProcess, api: httpx.Client) -> None:
    created = api.post(CMS, json={"metadata": {"name": "cm"}, "data": {"k": "v" * 50_000}})
    assert created.status_code == 201
    before = rss_mib(podd)
    ops = [{"op": "copy", "from": "/data", "path": f"/data/k{i}"} for i in range(10)]
    r = api.patch(f"{CMS}/cm", json=ops, headers=JSON_PATCH)
    assert f"limit is {OBJECT_LIMIT}" in status_of(r, 413, "RequestEntityTooLarge")["message"]
    assert rss_mib(podd) - before < 100
    assert api.get(f"{CMS}/cm").json() == created.json()


def test_an_object_over_the_etcd_limit_is_413(api: httpx.Client) -> None:
    pod = simple_pod("big")
    pod["metadata"]["annotations"] = {"x": "y" * (2 * MIB)}  # a body podd reads (< 3 MiB)
    status = status_of(api.post(PODS, json=pod), 413, "RequestEntityTooLarge")
    assert status["message"].startswith("Request entity too large: the object is 2")
    assert status["message"].endswith(f"limit is {OBJECT_LIMIT}")
    no_pods(api)


def test_too_many_containers_is_422(api: httpx.Client) -> None:
    pod = simple_pod("crowd")
    pod["spec"]["containers"] = [{"name": f"c{i}", "image": "busybox"} for i in range(5000)]
    status = status_of(api.post(PODS, json=pod), 422, "Invalid")
    assert status["details"]["causes"] == [
        {
            "reason": "FieldValueTooMany",
            "message": "Too many: 5000: must have at most 64 items "
            "(containers, initContainers and ephemeralContainers together)",
            "field": "spec.containers",
        }
    ]
    no_pods(api)


# ------------------------------------------------------------------ query


@pytest.mark.parametrize("rv", ["1e23", "-1", "99999999999999999999", "abc"])
def test_invalid_resource_versions_are_400(api: httpx.Client, rv: str) -> None:
    for params in ({"resourceVersion": rv}, {"watch": "true", "resourceVersion": rv}):
        status = status_of(api.get(PODS, params=params), 400, "BadRequest")
        assert status["message"].startswith(f'resourceVersion: Invalid value: "{rv}": strconv')


def test_watch_past_sqlite_integers_ends_quietly(api: httpx.Client) -> None:
    api.post(CMS, json={"metadata": {"name": "cm"}})
    params = {"watch": "true", "resourceVersion": str(2**63), "timeoutSeconds": "1"}
    with api.stream("GET", CMS, params=params) as r:
        assert r.status_code == 200
        assert [line for line in r.iter_lines() if line] == []


def test_dry_run(api: httpx.Client) -> None:
    status = status_of(
        api.post(PODS, json=simple_pod("d"), params={"dryRun": "xyz"}), 422, "Invalid"
    )
    assert status["message"] == (
        'CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: ["xyz"]: '
        'supported values: "All"'
    )
    no_pods(api)
    r = api.delete("/api/v1/namespaces/default", params={"dryRun": "All"})
    status_of(r, 403, "Forbidden")
    assert api.post(PODS, json=simple_pod("d")).status_code == 201
    assert api.delete(f"{PODS}/d", params={"dryRun": "All"}).status_code == 200
    patch = b'{"metadata":{"labels":{"x":"y"}}}'
    r = api.patch(f"{PODS}/d", content=patch, headers=MERGE, params={"dryRun": "All"})
    assert r.status_code == 200 and r.json()["metadata"]["labels"]["x"] == "y"
    current = api.get(f"{PODS}/d").json()
    assert "deletionTimestamp" not in current["metadata"]
    assert "x" not in current["metadata"].get("labels", {})


@pytest.mark.parametrize(
    ("path", "params", "code", "needle"),
    [
        (PODS, {"watch": "true", "timeoutSeconds": "-1"}, 400, "timeoutSeconds: Invalid value"),
        (PODS, {"limit": "abc"}, 400, 'limit: Invalid value: "abc"'),
        (PODS, {"limit": "1e30"}, 400, 'limit: Invalid value: "1e30"'),
        (f"{PODS}/q/log", {"sinceSeconds": "abc"}, 400, "sinceSeconds"),
        (f"{PODS}/q/log", {"tailLines": "-1"}, 422, "tailLines"),
        (f"{PODS}/q/log", {"limitBytes": "0"}, 422, "limitBytes"),
    ],
)
def test_numeric_query_values(
    api: httpx.Client, path: str, params: dict[str, str], code: int, needle: str
) -> None:
    api.post(PODS, json=simple_pod("q"))
    r = api.get(path, params=params)
    assert r.status_code == code, r.text
    assert needle in r.json()["message"]


def test_grace_period_values(api: httpx.Client) -> None:
    api.post(PODS, json=simple_pod("g"))
    status = status_of(
        api.delete(f"{PODS}/g", params={"gracePeriodSeconds": "soon"}), 400, "BadRequest"
    )
    assert 'gracePeriodSeconds: Invalid value: "soon"' in status["message"]
    r = api.delete(f"{PODS}/g", params={"gracePeriodSeconds": "-5"})
    assert r.status_code == 200, r.text
    assert r.json()["metadata"]["deletionGracePeriodSeconds"] == 1  # as the apiserver


# ------------------------------------------------------------- full disk


def small_filesystem() -> Path:
    """The small tmpfs scripts/host-setup.sh mounts for the test user."""
    marker = Path(os.environ.get("XDG_RUNTIME_DIR", f"/run/user/{os.getuid()}"), "podd-small-fs")
    path = Path(marker.read_text().strip()) if marker.is_file() else None
    if path is None or not os.path.ismount(path) or not os.access(path, os.W_OK):
        pytest.skip("no small test filesystem (scripts/host-setup.sh mounts it, as root)")
    return path


@contextlib.contextmanager
def only_user(fs: Path) -> Iterator[None]:
    """One test at a time fills the filesystem; leftovers of an aborted run go first."""
    with open(fs / "hostile.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for old in fs.glob("hostile-*"):
            shutil.rmtree(old) if old.is_dir() else old.unlink()
        yield


def fill(path: Path) -> None:
    """Write until the filesystem refuses a single page more."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for chunk in (b"\0" * MIB, b"\0" * 4096, b"\0"):
            while True:
                try:
                    if os.write(fd, chunk) == 0:
                        break
                except OSError as exc:
                    if exc.errno != errno.ENOSPC:
                        raise
                    break
    finally:
        os.close(fd)
    assert os.statvfs(path).f_bavail == 0


def test_full_disk_is_507_nothing_written_and_podd_recovers(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    fs = small_filesystem()
    with only_user(fs):
        proc = PoddProcess(tmp_path_factory.mktemp("podd"))
        proc.data_dir = fs / f"hostile-{uuid.uuid4().hex[:8]}"  # logs, socket stay on disk
        filler = fs / "hostile-filler"
        proc.start()
        try:
            with proc.client(timeout=30) as c:
                assert c.post(CMS, json={"metadata": {"name": "kept"}}).status_code == 201
                rv = c.get(CMS).json()["metadata"]["resourceVersion"]
                fill(filler)

                big = {"metadata": {"name": "big"}, "data": {"k": "v" * MIB}}
                for r in (
                    c.delete(f"{CMS}/kept"),
                    c.post(CMS, json=big),
                    c.post(PODS, json=simple_pod("p")),
                ):
                    status = status_of(r, 507, "InsufficientStorage")
                    assert status["message"] == (
                        "the disk holding podd's data is full: nothing was written; "
                        "free space and retry"
                    )
                after = c.get(CMS).json()
                assert [i["metadata"]["name"] for i in after["items"]] == ["kept"]
                assert after["metadata"]["resourceVersion"] == rv
                assert c.get(PODS).json()["items"] == []

                filler.unlink()  # space again: podd carries on
                assert c.post(CMS, json=big).status_code == 201
                assert c.delete(f"{CMS}/kept").status_code == 200
                assert [i["metadata"]["name"] for i in c.get(CMS).json()["items"]] == ["big"]
            assert "request failed" not in proc.log(), proc.log()[-3000:]
        finally:
            filler.unlink(missing_ok=True)
            proc.stop()
            shutil.rmtree(proc.data_dir, ignore_errors=True)
        assert not proc.leftovers, proc.leftovers
