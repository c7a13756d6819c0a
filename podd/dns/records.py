"""The cluster zone's answers, as CoreDNS's kubernetes plugin gives them
(pure: a query and a snapshot in, a reply out).

* ``<svc>.<ns>.svc.<zone>``: A/AAAA of the ClusterIP; for a headless Service
  one per ready endpoint. SRV ``_<port>._<proto>.<svc>...`` (either part may
  be left out): a ClusterIP Service's ports pointing at the Service's name,
  a headless one's endpoint ports pointing at ``<endpoint>.<svc>...``, with
  the addresses in the additional section.
* ``<endpoint>.<svc>.<ns>.svc.<zone>``: the endpoint whose hostname (or
  dashed IP) that is.
* ``<svc>.<ns>.svc.<zone>`` of an ExternalName Service: a CNAME to its
  ``externalName`` (followed upstream by the server for A/AAAA).
* ``<a-b-c-d>.<ns>.pod.<zone>``: the pod with that IP in that namespace
  (``verified``, podd knows every pod), or any IP (``insecure``).
* PTR: a ClusterIP's Service name, else the endpoint names of the IP, else
  (podd's addition) the pod's own ``a-b-c-d.<ns>.pod`` name.
* A name that exists without the asked type is NODATA (NOERROR, SOA in the
  authority section); one that does not is NXDOMAIN; both authoritative,
  TTL 5 (the plugin's default).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import dns.flags
import dns.message
import dns.name
import dns.rcode
import dns.rdata
import dns.rdataclass
import dns.rdatatype
import dns.rdtypes.ANY.CNAME
import dns.rdtypes.ANY.NS
import dns.rdtypes.ANY.PTR
import dns.rdtypes.ANY.SOA
import dns.rdtypes.ANY.TXT
import dns.rdtypes.IN.A
import dns.rdtypes.IN.AAAA
import dns.rdtypes.IN.SRV
import dns.rrset

from podd.dns.names import POD, REVERSE_ZONES, Request, dashed_ip, is_reverse, parse, reverse_ip
from podd.dns.snapshot import (
    CLUSTER_DOMAIN,
    PortRecord,
    ServiceRecord,
    Snapshot,
    Target,
    ZoneIndex,
    endpoint_hostname,
)

PodsMode = Literal["verified", "insecure", "disabled"]
IN = dns.rdataclass.IN
A, AAAA, SRV, PTR = dns.rdatatype.A, dns.rdatatype.AAAA, dns.rdatatype.SRV, dns.rdatatype.PTR
CNAME = dns.rdatatype.CNAME
MAX_CNAME_CHAIN = 10  # CoreDNS's maxCnameChainLength
DNS_SCHEMA_VERSION = b"1.1.0"  # dns-version.<zone> TXT, as the spec (and CoreDNS) says
EDNS_PAYLOAD = 1232
NO_PORT = PortRecord(-1, "", "")  # CoreDNS's sentinel: an endpoint without ports


@dataclass(frozen=True)
class ZoneConfig:
    domain: str = CLUSTER_DOMAIN
    ttl: int = 5
    pods: PodsMode = "verified"
    # The cluster DNS Service's IPs: ns.dns.<zone> and the zone's NS record.
    dns_ips: tuple[str, ...] = ()
    # Pod and Service CIDRs: their reverse names are answered here
    # (NXDOMAIN when unknown), never sent upstream.
    reverse_cidrs: tuple[str, ...] = ()
    # Rotate address records by the caller's turn, so each address leads in
    # turn (CoreDNS's loadbalance shuffles them; a rotation is as fair and
    # lets the server keep each order rendered).
    loadbalance: bool = True


class Resolver:
    """Answers for the cluster zone from the current snapshot."""

    def __init__(self, snapshot: Snapshot | None = None, config: ZoneConfig | None = None) -> None:
        self.config = config or ZoneConfig()
        self.zone = dns.name.from_text(self.config.domain)
        self._networks = [ipaddress.ip_network(c, strict=False) for c in self.config.reverse_cidrs]
        self.update(snapshot or Snapshot())

    def update(self, snapshot: Snapshot) -> None:
        """Answer from ``snapshot`` from now on (``index`` is a new object:
        callers caching answers compare it)."""
        self.index = ZoneIndex.build(snapshot)
        self._soas: dict[dns.name.Name, dns.rrset.RRset] = {}

    def owns(self, name: dns.name.Name) -> bool:
        """Whether ``name`` is answered here (else it is forwarded upstream)."""
        if name.is_subdomain(self.zone):
            return True
        if not is_reverse(name):
            return False
        ip = reverse_ip(name)
        return ip is not None and (ip in self.index.reverse or self._in_cidrs(ip))

    def _in_cidrs(self, ip: str) -> bool:
        addr = ipaddress.ip_address(ip)
        return any(addr in net for net in self._networks)

    def answer(self, query: dns.message.Message, turn: int = 0) -> dns.message.Message | None:
        """The reply to a one-question query, or None when it is not ours;
        ``turn`` rotates the address records."""
        q = query.question[0]
        if not self.owns(q.name):
            return None
        if q.rdclass != IN or q.rdtype in (dns.rdatatype.AXFR, dns.rdatatype.IXFR):
            return self._reply(query, dns.rcode.REFUSED)
        if q.name.is_subdomain(self.zone):
            return self._forward_zone(query, q.name, q.rdtype, turn)
        return self._reverse_zone(query, q.name, q.rdtype)

    # -- the cluster zone ------------------------------------------------
    def _forward_zone(
        self,
        query: dns.message.Message,
        name: dns.name.Name,
        rdtype: int,
        turn: int = 0,
        depth: int = 0,
    ) -> dns.message.Message:
        relative = name.relativize(self.zone).labels
        labels = tuple(lb.decode("ascii", "replace").lower() for lb in relative)
        if rdtype == dns.rdatatype.SOA and not labels:
            return self._reply(query, answer=[self._soa(self.zone)])
        if rdtype == dns.rdatatype.NS and not labels:
            return self._ns_reply(query)
        if labels == ("dns-version",) and rdtype == dns.rdatatype.TXT:
            txt = dns.rdtypes.ANY.TXT.TXT(IN, dns.rdatatype.TXT, [DNS_SCHEMA_VERSION])
            return self._reply(query, answer=[_rrset(name, 28800, [txt])])
        if labels == ("ns", "dns") and rdtype in (A, AAAA):
            rdatas = self._addresses(name, self.config.dns_ips, rdtype)
            return self._reply(query, answer=rdatas)
        targets = self._targets(labels)
        if targets is None:
            return self._reply(query, dns.rcode.NXDOMAIN, soa=self.zone)
        if targets and targets[0].alias:
            return self._alias_reply(query, name, rdtype, targets[0].target, turn, depth)
        if rdtype in (A, AAAA):
            ips = list(dict.fromkeys(t.ip for t in targets))
            if self.config.loadbalance and ips:
                shift = turn % len(ips)
                ips = ips[shift:] + ips[:shift]
            return self._reply(query, answer=self._addresses(name, ips, rdtype))
        if rdtype == SRV:
            return self._srv_reply(query, name, targets)
        return self._reply(query, soa=self.zone)  # the name exists: NODATA

    def _targets(self, labels: tuple[str, ...]) -> list[Target] | None:
        """What a name leads to: [] for a name without records (NODATA),
        None for no such name (NXDOMAIN)."""
        req = parse(labels)
        if req is None:
            return None
        if not req.kind:
            return []
        if not self.index.namespace_exists(req.namespace):
            return None
        if req.kind == POD:
            return self._pod_targets(req)
        if not req.service:
            return []
        svc = self.index.services.get((req.namespace, req.service))
        if svc is None:
            return None
        return self._service_targets(req, svc) or None

    def _pod_targets(self, req: Request) -> list[Target] | None:
        if self.config.pods == "disabled":
            return None
        if not req.service:
            return []
        ip = dashed_ip(req.service)
        if ip is None:
            return None
        target = f"{req.service}.{req.namespace}.pod"
        if self.config.pods == "insecure":
            return [Target(ip, -1, target)]
        pods = [p for p in self.index.pods_by_ip.get(ip, []) if p.namespace == req.namespace]
        return [Target(ip, -1, target)] if pods else None

    def _service_targets(self, req: Request, svc: ServiceRecord) -> list[Target]:
        base = f"{svc.name}.{svc.namespace}.svc"
        targets: list[Target] = []
        if svc.external_name:  # no endpoints, no ports: only the name itself
            if req.endpoint or req.port or req.protocol:
                return []
            return [Target("", -1, svc.external_name, alias=True)]
        if svc.headless or req.endpoint:
            for ep in self.index.endpoints[(req.namespace, req.service)]:
                label = endpoint_hostname(ep.ip, ep.hostname)
                if req.endpoint and req.endpoint != label.lower():
                    continue
                for port in ep.ports or [NO_PORT]:
                    if _port_matches(req, port):
                        targets.append(Target(ep.ip, port.port, f"{label}.{base}"))
            return targets
        for port in svc.ports:
            if _port_matches(req, port):
                targets += [Target(ip, port.port, base) for ip in svc.cluster_ips]
        return targets

    def _alias_reply(
        self,
        query: dns.message.Message,
        name: dns.name.Name,
        rdtype: int,
        alias: str,
        turn: int,
        depth: int,
    ) -> dns.message.Message:
        """An ExternalName Service: a CNAME (for A/AAAA/CNAME queries; other
        types are NODATA, as CoreDNS has no SRV for them). A target in the
        zone is followed here (CoreDNS answers it only when it has records);
        one outside is left for the server to ask upstream."""
        target = dns.name.from_text(alias)
        if rdtype not in (A, AAAA, CNAME) or target == name:  # x CNAME x: a loop
            return self._reply(query, soa=self.zone)
        cname = dns.rdtypes.ANY.CNAME.CNAME(IN, CNAME, target)
        answer = [_rrset(name, self.config.ttl, [cname])]
        if rdtype != CNAME and target.is_subdomain(self.zone):
            if depth >= MAX_CNAME_CHAIN:
                return self._reply(query, soa=self.zone)
            inner = dns.message.make_query(target, dns.rdatatype.RdataType.make(rdtype))
            found = self._forward_zone(inner, target, rdtype, turn, depth + 1)
            if not found.answer:
                return self._reply(query, soa=self.zone)
            answer += found.answer
        return self._reply(query, answer=answer)

    def _srv_reply(
        self, query: dns.message.Message, name: dns.name.Name, targets: list[Target]
    ) -> dns.message.Message:
        weight = max(1, 100 // len(targets))  # CoreDNS: 100 shared by equal priorities
        srvs: dict[tuple[str, int], dns.rdata.Rdata] = {}
        extra: dict[tuple[str, str], dns.rrset.RRset] = {}
        for t in targets:
            if t.port < 0:
                continue
            target = dns.name.from_text(t.target, self.zone)
            srvs.setdefault(
                (t.target, t.port),
                dns.rdtypes.IN.SRV.SRV(IN, SRV, 0, weight, t.port, target),
            )
            if (t.target, t.ip) not in extra:
                rdtype = A if ipaddress.ip_address(t.ip).version == 4 else AAAA
                extra[(t.target, t.ip)] = self._addresses(target, [t.ip], rdtype)[0]
        if not srvs:
            return self._reply(query, soa=self.zone)
        answer = [_rrset(name, self.config.ttl, list(srvs.values()))]
        return self._reply(query, answer=answer, additional=_merge(extra.values()))

    def _ns_reply(self, query: dns.message.Message) -> dns.message.Message:
        ns_name = dns.name.from_text("ns.dns", self.zone)
        ns = dns.rdtypes.ANY.NS.NS(IN, dns.rdatatype.NS, ns_name)
        extra = self._addresses(ns_name, self.config.dns_ips, A)
        extra += self._addresses(ns_name, self.config.dns_ips, AAAA)
        return self._reply(
            query, answer=[_rrset(query.question[0].name, self.config.ttl, [ns])], additional=extra
        )

    # -- reverse names ---------------------------------------------------
    def _reverse_zone(
        self, query: dns.message.Message, name: dns.name.Name, rdtype: int
    ) -> dns.message.Message:
        ip = reverse_ip(name)
        names = self.index.reverse.get(ip or "", [])
        apex = next(z for z in REVERSE_ZONES if name.is_subdomain(z))
        if not names:
            return self._reply(query, dns.rcode.NXDOMAIN, soa=apex)
        if rdtype != PTR:
            return self._reply(query, soa=apex)
        rdatas = [dns.rdtypes.ANY.PTR.PTR(IN, PTR, dns.name.from_text(n, self.zone)) for n in names]
        return self._reply(query, answer=[_rrset(name, self.config.ttl, rdatas)])

    # -- building replies ------------------------------------------------
    def _addresses(
        self, name: dns.name.Name, ips: Iterable[str], rdtype: int
    ) -> list[dns.rrset.RRset]:
        version = 4 if rdtype == A else 6
        rdatas: list[dns.rdata.Rdata] = []
        for ip in ips:
            if ipaddress.ip_address(ip).version != version:
                continue
            if version == 4:
                rdatas.append(dns.rdtypes.IN.A.A(IN, A, ip))
            else:
                rdatas.append(dns.rdtypes.IN.AAAA.AAAA(IN, AAAA, ip))
        return [_rrset(name, self.config.ttl, rdatas)] if rdatas else []

    def _soa(self, zone: dns.name.Name) -> dns.rrset.RRset:
        cached = self._soas.get(zone)
        if cached is None:
            cached = self._soas[zone] = self._make_soa(zone)
        return cached

    def _make_soa(self, zone: dns.name.Name) -> dns.rrset.RRset:
        ttl = min(self.config.ttl, 300)
        soa = dns.rdtypes.ANY.SOA.SOA(
            IN,
            dns.rdatatype.SOA,
            dns.name.from_text("ns.dns", zone),
            dns.name.from_text("hostmaster", zone),
            self.index.snapshot.serial & 0xFFFFFFFF,
            7200,
            1800,
            86400,
            self.config.ttl,
        )
        return _rrset(zone, ttl, [soa])

    def _reply(
        self,
        query: dns.message.Message,
        rcode: dns.rcode.Rcode = dns.rcode.NOERROR,
        *,
        answer: list[dns.rrset.RRset] | None = None,
        additional: list[dns.rrset.RRset] | None = None,
        soa: dns.name.Name | None = None,
    ) -> dns.message.Message:
        reply = dns.message.make_response(query, our_payload=EDNS_PAYLOAD)
        reply.flags |= dns.flags.AA
        reply.set_rcode(rcode)
        reply.answer = answer or []
        reply.additional = additional or []
        if soa is not None or (not reply.answer and rcode == dns.rcode.NOERROR):
            reply.authority = [self._soa(soa or self.zone)]
        return reply


def _port_matches(req: Request, port: PortRecord) -> bool:
    """CoreDNS's matchPortAndProtocol: an empty request part matches any."""
    return (not req.port or req.port == port.name.lower()) and (
        not req.protocol or req.protocol == port.protocol.lower()
    )


def _rrset(name: dns.name.Name, ttl: int, rdatas: Sequence[dns.rdata.Rdata]) -> dns.rrset.RRset:
    return dns.rrset.from_rdata_list(name, ttl, rdatas)


def _merge(rrsets: Iterable[dns.rrset.RRset]) -> list[dns.rrset.RRset]:
    """One RRset per (name, type): additional records of a target merged."""
    merged: dict[tuple[dns.name.Name, int], dns.rrset.RRset] = {}
    for rrset in rrsets:
        key = (rrset.name, rrset.rdtype)
        if key in merged:
            merged[key].union_update(rrset)
        else:
            merged[key] = rrset
    return list(merged.values())
