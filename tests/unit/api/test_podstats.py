"""``/podd/v1/…/pods/{name}/stats``: the raw numbers of a pod's cgroup and its
containers' leaves (cgroup-shaped files under tmp_path), with the cpu rate
once two samples exist; a pod without a cgroup has none."""

from __future__ import annotations

from tests.unit.api.test_metrics import Env, _leaf, _pod, env  # noqa: F401

STATS = "/podd/v1/namespaces/default/pods/{}/stats"


async def test_stats_of_a_running_pod(env: Env) -> None:  # noqa: F811
    await env.store.create("Pod", _pod("web", "u1"))
    leaf = env.root / "u1" / "ctr-app-1"
    env.cgroups.pods = {"u1": {"app": _leaf(leaf, 1_000)}}
    _leaf(env.root / "u1", 5_000)  # the pod's own cgroup
    (leaf / "memory.events").write_text("oom 2\noom_kill 1\n")
    (leaf / "pids.current").write_text("3\n")
    first = (await env.client.get(STATS.format("web"))).json()
    assert (first["name"], first["uid"]) == ("web", "u1")
    [app] = first["containers"]
    assert app["name"] == "app" and app["cgroup"] == str(leaf)
    assert (app["cpuUsageUsec"], app["pids"], app["oomKills"]) == (1_000, 3, 1)
    assert app["memorySource"] == "memory.current"
    assert app["memoryCurrentBytes"] == app["memoryWorkingSetBytes"] == 8 << 20
    assert app["cpuNanocores"] is None  # one sample: no rate yet
    assert first["pod"]["cgroup"] == str(env.root / "u1")
    assert first["pod"]["cpuUsageUsec"] == 5_000
    _leaf(leaf, 2_000)
    again = (await env.client.get(STATS.format("web"))).json()
    assert again["containers"][0]["cpuNanocores"] > 0
    assert again["containers"][0]["windowSeconds"] > 0


async def test_a_pod_without_a_cgroup_and_a_missing_pod(env: Env) -> None:  # noqa: F811
    await env.store.create("Pod", _pod("pending", "u9", phase="Pending"))
    body = (await env.client.get(STATS.format("pending"))).json()
    assert body["containers"] == [] and body["pod"] is None
    missing = await env.client.get(STATS.format("nope"))
    assert missing.status_code == 404 and missing.json()["message"] == 'pods "nope" not found'
