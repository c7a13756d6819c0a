"""Loading the Services' table: whole after a (re)start, only the difference
afterwards, cut into texts an unprivileged nft accepts; checked with the
real nft in a throwaway user+network namespace (``unshare -rn``)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import msgspec
import pytest

from podd.network.proxyload import transaction
from podd.network.proxyplan import Backend, PortPlan
from podd.network.proxyrules import TABLE, render, skeleton

CIDR = "10.88.0.0/16"
SERVICES = "10.96.0.0/16"
T = f"ip {TABLE}"
A, B = Backend("10.88.0.2", 8080), Backend("10.88.0.3", 8080)
WEB = PortPlan("default", "web", "", "tcp", "10.96.0.20", 80, backends=(A, B))
STICKY = PortPlan(
    "default", "db", "sql", "tcp", "10.96.0.21", 5432, affinity_timeout=60, backends=(A,)
)
EMPTY = PortPlan("default", "none", "dns", "udp", "10.96.0.22", 53, node_port=30053)
NODE = PortPlan("default", "np", "", "tcp", "10.96.0.23", 80, node_port=30080, backends=(B,))


def many(n: int, endpoints: int = 3, shift: int = 0) -> list[PortPlan]:
    return [
        PortPlan(
            "bench",
            f"svc-{i}",
            "http",
            "tcp",
            f"10.96.{1 + i // 250}.{i % 250 + 1}",
            80,
            backends=tuple(
                Backend(f"10.88.{1 + i // 80}.{(i % 80) * 3 + k + 1 + shift}", 8080)
                for k in range(endpoints)
            ),
        )
        for i in range(n)
    ]


def chain_of(rules_chains: dict[str, tuple[str, ...]], prefix: str, suffix: str = "") -> str:
    (name,) = [c for c in rules_chains if c.startswith(prefix) and c.endswith(suffix)]
    return name


def test_a_first_load_replaces_the_table_whole() -> None:
    rules = render([WEB], pod_cidr=CIDR)
    (text,) = transaction(rules, None)
    assert text.startswith(skeleton())
    assert skeleton().splitlines()[:3] == [f"table {T}", f"delete table {T}", f"table {T} {{"]
    svc = chain_of(rules.chains, "service-")
    assert f"add element {T} service-ips {{ 10.96.0.20 . tcp . 80 : goto {svc} }}" in text
    assert ": drop" not in text  # one text, atomic: nothing to hold
    assert transaction(rules, rules) == []  # nothing changed: nothing to load


def test_an_endpoint_leaving_refills_its_service_chain_and_deletes_its_own() -> None:
    old = render([WEB], pod_cidr=CIDR)
    new = render([msgspec.structs.replace(WEB, backends=(A,))], pod_cidr=CIDR)
    (text,) = transaction(new, old)
    svc = chain_of(new.chains, "service-")
    ep_a = chain_of(new.chains, "endpoint-", "10.88.0.2/8080")
    ep_b = chain_of(old.chains, "endpoint-", "10.88.0.3/8080")
    assert text.splitlines() == [
        f"flush chain {T} {svc}",
        f"add rule {T} {svc} ip daddr 10.96.0.20 tcp dport 80 jump mark-for-masquerade",
        f"add rule {T} {svc} numgen random mod 1 vmap {{ 0 : goto {ep_a} }}",
        f"delete chain {T} {ep_b}",
    ]


def test_a_service_going_and_one_losing_its_endpoints() -> None:
    old = render([STICKY, NODE], pod_cidr=CIDR)
    new = render([msgspec.structs.replace(NODE, backends=())], pod_cidr=CIDR)
    (text,) = transaction(new, old)
    lines = text.splitlines()
    ext = chain_of(old.chains, "external-", "default/np/tcp/")
    first_delete = next(i for i, ln in enumerate(lines) if ln.startswith("delete chain"))
    # map elements go before the chains they point to; the rejection comes in
    assert lines[:first_delete] == [
        f"delete element {T} service-ips {{ 10.96.0.21 . tcp . 5432, 10.96.0.23 . tcp . 80 }}",
        f"delete element {T} service-nodeports {{ tcp . 30080 }}",
        f"delete element {T} cluster-ips {{ 10.96.0.21 }}",
        f"add element {T} no-endpoint-services {{ 10.96.0.23 . tcp . 80 : goto reject-chain }}",
        f"add element {T} no-endpoint-nodeports {{ tcp . 30080 : goto reject-chain }}",
    ]
    deleted = [ln.split()[-1] for ln in lines[first_delete:]]
    assert deleted[0] == ext  # referring chains before the ones they refer to
    assert [d.split("-")[0] for d in deleted] == [
        "external",
        "service",
        "service",
        "endpoint",
        "endpoint",
        "affinity",
    ]
    assert lines[-1] == f"delete set {T} {next(iter(old.sets))}"


def test_loads_are_cut_between_whole_chains_in_a_working_order() -> None:
    old = render(many(100), pod_cidr=CIDR)
    texts = transaction(old, None, budget=8192)
    assert len(texts) > 5 and texts[0].startswith(skeleton())
    # Not one transaction: new connections to the Services wait until the last text.
    hold = f"add element {T} no-endpoint-services {{ 10.96.1.1 . tcp . 80 : drop, "
    assert texts[0].startswith(skeleton() + hold)
    lines = "".join(texts).splitlines()
    lifts = [i for i, ln in enumerate(lines) if ln.startswith(f"delete element {T} no-endpoint-")]
    last_add = max(i for i, ln in enumerate(lines) if ln.startswith(f"add element {T} service-ips"))
    assert lifts and min(lifts) > last_add and max(lifts) == len(lines) - 1
    lifted = {k for i in lifts for k in re.findall(r"10\.96\.\d+\.\d+ \. tcp \. 80", lines[i])}
    assert lifted == {e.split(" : ")[0] for e in old.maps["service-ips"]}
    assert all(len(t) <= 8192 for t in texts[1:])
    for t in texts:  # a chain's flush and its rules are never apart
        flushed = re.findall(r"^flush chain \S+ \S+ (\S+)$", t, re.M)
        for name in flushed:
            rules = old.chains[name]
            assert t.count(f"add rule {T} {name} ") == len(rules)
    new = render(many(100, shift=1), pod_cidr=CIDR)  # every endpoint moves
    assert len(transaction(new, old, budget=8192)) > 5


# -- the real nft ------------------------------------------------------------


def nft_in_fresh_netns(tmp_path: Path, *texts: str, then: str = "") -> str:
    """Load ``texts`` in turn with nft in a new user+network namespace (as
    podd does in the pod network: no capability on the host), then ``then``."""
    nft = shutil.which("nft") or shutil.which("nft", path="/usr/sbin:/sbin")
    unshare = shutil.which("unshare")
    if nft is None or unshare is None:
        pytest.skip("nft or unshare is not installed")
    script = []
    for i, text in enumerate(texts):
        (tmp_path / f"{i}.nft").write_text(text)
        script.append(f"{nft} -f {tmp_path / f'{i}.nft'}")
    if then:
        script.append(then.replace("nft ", f"{nft} "))
    done = subprocess.run(
        [unshare, "-rn", "sh", "-ec", "\n".join(script)], capture_output=True, text=True, timeout=60
    )
    if done.returncode != 0 and done.stderr.startswith("unshare:"):
        pytest.skip(f"no unprivileged user namespaces here: {done.stderr.strip()}")
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_nft_loads_changes_in_place_and_keeps_affinity(tmp_path: Path) -> None:
    first = render([WEB, STICKY, EMPTY, NODE], pod_cidr=CIDR, service_cidr=SERVICES)
    second = render(
        [STICKY, NODE, msgspec.structs.replace(EMPTY, backends=(A,))],
        pod_cidr=CIDR,
        service_cidr=SERVICES,
    )
    aff = next(iter(first.sets))
    out = nft_in_fresh_netns(
        tmp_path,
        *transaction(first, None),
        f"add element {T} {aff} {{ 10.88.0.9 }}\n",  # a client seen
        *transaction(second, first),
        then=f"nft list table {T}",
    )
    assert "10.88.0.9" in out  # the client keeps its endpoint
    assert "default/web/" not in out  # gone with its Service
    assert "10.96.0.22 . udp . 53 : goto service-" in out and "reject-chain" in out
    assert out.count("chain nat-prerouting") == 1
    assert "10.96.0.20 : goto reject-chain" not in out  # web's ClusterIP went with it
    assert "10.96.0.21 : goto reject-chain" in out and "ip daddr 10.96.0.0/16 drop" in out


def test_a_new_service_cidr_replaces_the_table_whole() -> None:
    old = render([WEB], pod_cidr=CIDR, service_cidr=SERVICES)
    new = render([WEB], pod_cidr=CIDR, service_cidr="10.97.0.0/16")
    (text,) = transaction(new, old)
    assert text.startswith(skeleton("10.97.0.0/16"))


def test_a_load_after_a_restart_replaces_whatever_was_there(tmp_path: Path) -> None:
    rules = render([WEB], pod_cidr=CIDR)
    out = nft_in_fresh_netns(
        tmp_path,
        *transaction(render([STICKY], pod_cidr=CIDR), None),
        *transaction(rules, None),
        *transaction(rules, None),
        then=f"nft list table {T}",
    )
    assert out.count("chain services") == 1
    assert "default/db/" not in out and "affinity-" not in out


def test_an_unprivileged_nft_loads_100_services_and_then_moves_them_all(tmp_path: Path) -> None:
    # Whole, this is past what nft 1.0.6 can send without CAP_NET_ADMIN on the host.
    old, new = render(many(100), pod_cidr=CIDR), render(many(100, shift=1), pod_cidr=CIDR)
    out = nft_in_fresh_netns(
        tmp_path, *transaction(old, None), *transaction(new, old), then=f"nft list table {T}"
    )
    assert len(re.findall(r"^\tchain service-\w{8}-", out, re.M)) == 100
    assert len(re.findall(r"^\tchain endpoint-\w{8}-", out, re.M)) == 300
    assert "dnat to 10.88.1.2:8080" in out and "dnat to 10.88.1.1:8080" not in out
    assert ": drop" not in out  # the whole-table load's hold is lifted
