"""The cluster zone's answers, checked on dnspython messages as CoreDNS's
kubernetes plugin gives them."""

from __future__ import annotations

import dns.flags
import dns.message
import dns.name
import dns.rcode
import dns.rdatatype
import dns.reversename

from podd.dns.records import Resolver, ZoneConfig
from podd.dns.snapshot import EndpointRecord, PodRecord, PortRecord, ServiceRecord, Snapshot

HTTP = PortRecord(80, "http", "TCP")
DNSU = PortRecord(53, "dns", "UDP")

SNAP = Snapshot(
    namespaces=["default", "team", "empty"],
    services=[
        ServiceRecord("db", "default", ["10.96.0.10"], [HTTP, DNSU]),
        ServiceRecord(
            "web",
            "team",
            [],
            [HTTP],
            [
                EndpointRecord("10.88.0.5", None, [PortRecord(8080, "http", "TCP")]),
                EndpointRecord("10.88.0.6", "web-1", [PortRecord(8080, "http", "TCP")]),
            ],
        ),
        ServiceRecord("lonely", "team", [], []),
        ServiceRecord("portless", "team", [], [], [EndpointRecord("10.88.0.9")]),
        # A ClusterIP Service's endpoints are reachable by name too.
        ServiceRecord(
            "api", "team", ["10.96.0.20"], [HTTP], [EndpointRecord("10.88.0.7", None, [HTTP])]
        ),
        ServiceRecord("v6", "team", ["fd00::10"], [HTTP]),
    ],
    pods=[
        PodRecord("p5", "team", ["10.88.0.5"]),
        PodRecord("p6", "team", ["10.88.0.6"], hostname="web-1", subdomain="web"),
        PodRecord("p8", "default", ["10.88.0.8"], hostname="h", subdomain="sub"),
        PodRecord("p9", "team", ["10.88.0.9"], hostname="named", subdomain="portless"),
    ],
    serial=1_700_000_000,
)


def resolver(**config: object) -> Resolver:
    cfg = ZoneConfig(reverse_cidrs=("10.88.0.0/16", "10.96.0.0/16"), **config)  # type: ignore[arg-type]
    return Resolver(SNAP, cfg)


def ask(name: str, rdtype: str = "A", res: Resolver | None = None) -> dns.message.Message:
    query = dns.message.make_query(name, rdtype)
    reply = (res or resolver()).answer(query)
    assert reply is not None, f"{name} was not answered here"
    assert reply.id == query.id
    assert reply.flags & dns.flags.QR
    return reply


def addresses(reply: dns.message.Message) -> list[str]:
    return sorted(rd.to_text() for rrset in reply.answer for rd in rrset)


def assert_nodata(reply: dns.message.Message) -> None:
    assert reply.rcode() == dns.rcode.NOERROR
    assert reply.answer == []
    assert [r.rdtype for r in reply.authority] == [dns.rdatatype.SOA]


def assert_nxdomain(reply: dns.message.Message) -> None:
    assert reply.rcode() == dns.rcode.NXDOMAIN
    assert reply.answer == []
    assert [r.rdtype for r in reply.authority] == [dns.rdatatype.SOA]
    assert reply.flags & dns.flags.AA


def test_clusterip_service_a_record() -> None:
    reply = ask("db.default.svc.cluster.local.")
    assert reply.rcode() == dns.rcode.NOERROR
    assert reply.flags & dns.flags.AA
    (rrset,) = reply.answer
    assert rrset.ttl == 5
    assert rrset.name == dns.name.from_text("db.default.svc.cluster.local.")
    assert addresses(reply) == ["10.96.0.10"]
    assert reply.authority == []


def test_names_are_case_insensitive_and_the_question_case_is_kept() -> None:
    reply = ask("DB.Default.SVC.Cluster.Local.")
    assert addresses(reply) == ["10.96.0.10"]
    assert reply.answer[0].name.to_text() == "DB.Default.SVC.Cluster.Local."
    assert reply.question[0].name.to_text() == "DB.Default.SVC.Cluster.Local."


def test_existing_name_without_the_type_is_nodata() -> None:
    for rdtype in ("AAAA", "TXT", "MX", "CNAME", "PTR", "SOA", "NS", "HTTPS"):
        assert_nodata(ask("db.default.svc.cluster.local.", rdtype))


def test_soa_in_negative_answers_is_corednss() -> None:
    reply = ask("nope.default.svc.cluster.local.")
    (soa_set,) = reply.authority
    soa = soa_set[0]
    assert soa_set.name == dns.name.from_text("cluster.local.")
    assert soa_set.ttl == 5
    assert soa.mname.to_text() == "ns.dns.cluster.local."
    assert soa.rname.to_text() == "hostmaster.cluster.local."
    assert (soa.serial, soa.refresh, soa.retry, soa.expire, soa.minimum) == (
        1_700_000_000,
        7200,
        1800,
        86400,
        5,
    )


def test_missing_service_namespace_and_bad_shapes_are_nxdomain() -> None:
    for name in (
        "nope.default.svc.cluster.local.",
        "db.nowhere.svc.cluster.local.",
        "db.default.svx.cluster.local.",
        "x.y.z.db.default.svc.cluster.local.",  # too long
        "google.com.default.svc.cluster.local.",  # a search-path expansion
        "db.default.svc.cluster.local.default.svc.cluster.local.",
    ):
        assert_nxdomain(ask(name))


def test_intermediate_names_are_nodata() -> None:
    for name in (
        "cluster.local.",
        "svc.cluster.local.",
        "pod.cluster.local.",
        "default.svc.cluster.local.",
        "empty.svc.cluster.local.",
        "team.pod.cluster.local.",
    ):
        assert_nodata(ask(name))
    assert_nxdomain(ask("nowhere.svc.cluster.local."))


def test_headless_service_answers_ready_endpoints() -> None:
    reply = ask("web.team.svc.cluster.local.")
    assert addresses(reply) == ["10.88.0.5", "10.88.0.6"]
    assert reply.answer[0].ttl == 5


def test_headless_without_endpoints_is_nxdomain() -> None:
    assert_nxdomain(ask("lonely.team.svc.cluster.local."))


def test_headless_endpoint_names_hostname_or_dashed_ip() -> None:
    assert addresses(ask("web-1.web.team.svc.cluster.local.")) == ["10.88.0.6"]
    assert addresses(ask("10-88-0-5.web.team.svc.cluster.local.")) == ["10.88.0.5"]
    # the endpoint with a hostname is not named by its IP
    assert_nxdomain(ask("10-88-0-6.web.team.svc.cluster.local."))
    assert_nxdomain(ask("other.web.team.svc.cluster.local."))
    # endpoints of a ClusterIP Service are named as well
    assert addresses(ask("10-88-0-7.api.team.svc.cluster.local.")) == ["10.88.0.7"]


def test_endpoint_hostname_from_the_pods_subdomain() -> None:
    # The endpoint carries no hostname; the pod's hostname+subdomain name it,
    # as the endpoints controller does.
    assert addresses(ask("named.portless.team.svc.cluster.local.")) == ["10.88.0.9"]
    assert addresses(ask("portless.team.svc.cluster.local.")) == ["10.88.0.9"]
    # a pod's subdomain without such a Service gives no record
    assert_nxdomain(ask("h.sub.default.svc.cluster.local."))


def test_srv_for_clusterip_service() -> None:
    reply = ask("_http._tcp.db.default.svc.cluster.local.", "SRV")
    (rrset,) = reply.answer
    (srv,) = list(rrset)
    assert (srv.priority, srv.weight, srv.port) == (0, 100, 80)
    assert srv.target.to_text() == "db.default.svc.cluster.local."
    assert [(r.name.to_text(), r[0].to_text()) for r in reply.additional] == [
        ("db.default.svc.cluster.local.", "10.96.0.10")
    ]


def test_srv_protocol_and_port_matching() -> None:
    reply = ask("_dns._udp.db.default.svc.cluster.local.", "SRV")
    assert [srv.port for srv in reply.answer[0]] == [53]
    assert_nxdomain(ask("_dns._tcp.db.default.svc.cluster.local.", "SRV"))
    assert_nxdomain(ask("_https._tcp.db.default.svc.cluster.local.", "SRV"))
    # an SRV-shaped name exists for A too (CoreDNS), answering the ClusterIP
    assert addresses(ask("_http._tcp.db.default.svc.cluster.local.")) == ["10.96.0.10"]


def test_srv_without_port_and_protocol_lists_every_port() -> None:
    reply = ask("db.default.svc.cluster.local.", "SRV")
    srvs = sorted((srv.port, srv.weight) for srv in reply.answer[0])
    assert srvs == [(53, 50), (80, 50)]


def test_srv_for_headless_service_points_at_each_endpoint() -> None:
    reply = ask("_http._tcp.web.team.svc.cluster.local.", "SRV")
    srvs = sorted((s.target.to_text(), s.port, s.weight) for s in reply.answer[0])
    assert srvs == [
        ("10-88-0-5.web.team.svc.cluster.local.", 8080, 50),
        ("web-1.web.team.svc.cluster.local.", 8080, 50),
    ]
    extra = sorted((r.name.to_text(), r[0].to_text()) for r in reply.additional)
    assert extra == [
        ("10-88-0-5.web.team.svc.cluster.local.", "10.88.0.5"),
        ("web-1.web.team.svc.cluster.local.", "10.88.0.6"),
    ]


def test_srv_of_portless_endpoints_is_nodata() -> None:
    assert_nodata(ask("portless.team.svc.cluster.local.", "SRV"))


def test_ipv6_cluster_ip_is_aaaa_only() -> None:
    assert addresses(ask("v6.team.svc.cluster.local.", "AAAA")) == ["fd00::10"]
    assert_nodata(ask("v6.team.svc.cluster.local.", "A"))


def test_pod_records_verified() -> None:
    assert addresses(ask("10-88-0-5.team.pod.cluster.local.")) == ["10.88.0.5"]
    assert_nodata(ask("10-88-0-5.team.pod.cluster.local.", "AAAA"))
    assert_nxdomain(ask("10-88-0-5.default.pod.cluster.local."))  # another namespace
    assert_nxdomain(ask("10-88-0-99.team.pod.cluster.local."))  # no such pod
    assert_nxdomain(ask("not-an-ip.team.pod.cluster.local."))
    assert_nxdomain(ask("x.10-88-0-5.team.pod.cluster.local."))


def test_pod_records_insecure_and_disabled() -> None:
    insecure = resolver(pods="insecure")
    assert addresses(ask("1-2-3-4.team.pod.cluster.local.", res=insecure)) == ["1.2.3.4"]
    assert_nxdomain(ask("1-2-3-4.nowhere.pod.cluster.local.", res=insecure))
    assert addresses(ask("fd00--1.team.pod.cluster.local.", "AAAA", res=insecure)) == ["fd00::1"]
    disabled = resolver(pods="disabled")
    assert_nxdomain(ask("10-88-0-5.team.pod.cluster.local.", res=disabled))


def ptr(ip: str, res: Resolver | None = None) -> dns.message.Message:
    return ask(dns.reversename.from_address(ip).to_text(), "PTR", res)


def test_ptr_for_service_endpoint_and_pod_ips() -> None:
    assert addresses(ptr("10.96.0.10")) == ["db.default.svc.cluster.local."]
    assert addresses(ptr("10.88.0.6")) == ["web-1.web.team.svc.cluster.local."]
    assert addresses(ptr("10.88.0.5")) == ["10-88-0-5.web.team.svc.cluster.local."]
    assert addresses(ptr("10.88.0.8")) == ["10-88-0-8.default.pod.cluster.local."]
    assert ptr("10.96.0.10").answer[0].ttl == 5


def test_reverse_names_in_our_cidrs_never_leave() -> None:
    reply = ptr("10.88.7.7")
    assert_nxdomain(reply)
    assert reply.authority[0].name.to_text() == "in-addr.arpa."
    assert_nodata(ask(dns.reversename.from_address("10.96.0.10").to_text(), "A"))


def test_foreign_names_are_not_ours() -> None:
    res = resolver()
    for name, rdtype in (
        ("example.com.", "A"),
        ("cluster.local.example.com.", "A"),
        (dns.reversename.from_address("8.8.8.8").to_text(), "PTR"),
        ("10.in-addr.arpa.", "PTR"),  # partial reverse names go upstream
    ):
        assert res.answer(dns.message.make_query(name, rdtype)) is None, name


def test_apex_soa_ns_and_dns_version() -> None:
    res = resolver(dns_ips=("10.96.0.10",))
    soa = ask("cluster.local.", "SOA", res)
    assert soa.answer[0].rdtype == dns.rdatatype.SOA
    assert soa.authority == []
    ns = ask("cluster.local.", "NS", res)
    assert addresses(ns) == ["ns.dns.cluster.local."]
    assert [(r.name.to_text(), r[0].to_text()) for r in ns.additional] == [
        ("ns.dns.cluster.local.", "10.96.0.10")
    ]
    assert addresses(ask("ns.dns.cluster.local.", "A", res)) == ["10.96.0.10"]
    txt = ask("dns-version.cluster.local.", "TXT", res)
    assert addresses(txt) == ['"1.1.0"']
    assert_nxdomain(ask("dns-version.cluster.local.", "A", res))
    assert_nodata(ask("cluster.local.", "A", res))


def test_zone_transfers_and_other_classes_are_refused() -> None:
    assert ask("cluster.local.", "AXFR").rcode() == dns.rcode.REFUSED
    query = dns.message.make_query("db.default.svc.cluster.local.", "A", "CH")
    reply = resolver().answer(query)
    assert reply is not None and reply.rcode() == dns.rcode.REFUSED


def test_edns_is_answered_with_edns() -> None:
    query = dns.message.make_query("db.default.svc.cluster.local.", "A", use_edns=0, payload=4096)
    reply = resolver().answer(query)
    assert reply is not None and reply.edns == 0
    plain = resolver().answer(dns.message.make_query("db.default.svc.cluster.local.", "A"))
    assert plain is not None and plain.edns == -1


def test_recursion_desired_is_echoed_not_offered() -> None:
    reply = ask("db.default.svc.cluster.local.")
    assert reply.flags & dns.flags.RD
    assert not reply.flags & dns.flags.RA


def test_other_zone_name() -> None:
    res = Resolver(SNAP, ZoneConfig(domain="k8s.example"))
    assert addresses(ask("db.default.svc.k8s.example.", res=res)) == ["10.96.0.10"]
    assert res.answer(dns.message.make_query("db.default.svc.cluster.local.", "A")) is None


def test_update_replaces_the_view() -> None:
    res = resolver()
    res.update(Snapshot(namespaces=["default"]))
    assert_nxdomain(ask("db.default.svc.cluster.local.", res=res))


def test_loadbalance_rotates_the_addresses() -> None:
    eps = [EndpointRecord(f"10.88.1.{i}") for i in range(1, 4)]
    res = Resolver(Snapshot(["ns"], [ServiceRecord("h", "ns", [], [], eps)]))
    query = dns.message.make_query("h.ns.svc.cluster.local.", "A")

    def order(turn: int, r: Resolver = res) -> list[str]:
        reply = r.answer(query, turn)
        assert reply is not None
        return [rd.to_text() for rd in reply.answer[0]]

    assert order(0) == ["10.88.1.1", "10.88.1.2", "10.88.1.3"]
    assert order(1) == ["10.88.1.2", "10.88.1.3", "10.88.1.1"]
    assert order(5) == ["10.88.1.3", "10.88.1.1", "10.88.1.2"]
    fixed = Resolver(res.index.snapshot, ZoneConfig(loadbalance=False))
    assert order(1, fixed) == order(0)


ALIASES = Snapshot(
    namespaces=["default"],
    services=[
        ServiceRecord("db", "default", ["10.96.0.10"], [HTTP]),
        ServiceRecord("ext", "default", external_name="example.com"),
        ServiceRecord("inner", "default", external_name="db.default.svc.cluster.local"),
        ServiceRecord("twice", "default", external_name="inner.default.svc.cluster.local."),
        ServiceRecord("dead", "default", external_name="nope.default.svc.cluster.local"),
        ServiceRecord("self", "default", external_name="self.default.svc.cluster.local"),
    ],
)


def chain(reply: dns.message.Message) -> list[tuple[str, str, str]]:
    return [
        (r.name.to_text(), dns.rdatatype.to_text(r.rdtype), rd.to_text())
        for r in reply.answer
        for rd in r
    ]


def test_external_name_is_a_cname() -> None:
    res = Resolver(ALIASES)
    for rdtype in ("A", "AAAA", "CNAME"):
        reply = ask("ext.default.svc.cluster.local.", rdtype, res)
        assert reply.rcode() == dns.rcode.NOERROR and reply.authority == []
        assert chain(reply) == [("ext.default.svc.cluster.local.", "CNAME", "example.com.")]
    assert_nodata(ask("ext.default.svc.cluster.local.", "SRV", res))
    assert_nodata(ask("ext.default.svc.cluster.local.", "TXT", res))
    assert_nxdomain(ask("_http._tcp.ext.default.svc.cluster.local.", "SRV", res))
    assert_nxdomain(ask("x.ext.default.svc.cluster.local.", "A", res))


def test_external_name_inside_the_zone_is_followed() -> None:
    res = Resolver(ALIASES)
    assert chain(ask("inner.default.svc.cluster.local.", "A", res)) == [
        ("inner.default.svc.cluster.local.", "CNAME", "db.default.svc.cluster.local."),
        ("db.default.svc.cluster.local.", "A", "10.96.0.10"),
    ]
    assert chain(ask("twice.default.svc.cluster.local.", "A", res))[-1] == (
        "db.default.svc.cluster.local.",
        "A",
        "10.96.0.10",
    )
    # a target without records, and a name aliasing itself: NODATA (CoreDNS)
    assert_nodata(ask("dead.default.svc.cluster.local.", "A", res))
    assert_nodata(ask("self.default.svc.cluster.local.", "A", res))
