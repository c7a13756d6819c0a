"""Reading a query name as the Kubernetes DNS spec lays names out
(CoreDNS's parseRequest, single cluster):

* ``<service>.<ns>.svc.<zone>``
* ``<endpoint>.<service>.<ns>.svc.<zone>``
* ``_<port>._<proto>.<service>.<ns>.svc.<zone>``
* ``<a-b-c-d>.<ns>.pod.<zone>``

and reverse names (``d.c.b.a.in-addr.arpa``, nibbles under ``ip6.arpa``).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

import dns.exception
import dns.name
import dns.reversename

SVC = "svc"
POD = "pod"
REVERSE_ZONES = (dns.name.from_text("in-addr.arpa."), dns.name.from_text("ip6.arpa."))


@dataclass(frozen=True)
class Request:
    """A parsed in-zone name; empty fields are wildcards (CoreDNS's "any")."""

    kind: str = ""  # "svc", "pod", or "" for the apex and the bare svc/pod labels
    namespace: str = ""
    service: str = ""  # for "pod": the dashed IP
    endpoint: str = ""
    port: str = ""
    protocol: str = ""


def parse(labels: tuple[str, ...]) -> Request | None:
    """``labels`` (lower-case, left to right, the zone cut off) as a request;
    None for a name no record can have (NXDOMAIN)."""
    if not labels:
        return Request()
    *rest, kind = labels
    if kind not in (SVC, POD):
        return None
    if not rest:
        return Request()
    *rest, namespace = rest
    if not rest:
        return Request(kind, namespace)
    *rest, service = rest
    if not rest:
        return Request(kind, namespace, service)
    if kind == POD:
        return None  # nothing lives below a pod's name
    if len(rest) == 1:
        return Request(kind, namespace, service, endpoint=rest[0])
    if len(rest) == 2:
        port, proto = rest
        return Request(kind, namespace, service, port=_strip(port), protocol=_strip(proto))
    return None


def _strip(label: str) -> str:
    return label[1:] if label.startswith("_") else label


def dashed_ip(label: str) -> str | None:
    """``10-88-0-5`` -> ``10.88.0.5``; IPv6 dashes become colons (CoreDNS)."""
    if label.count("-") == 3 and "--" not in label:
        text = label.replace("-", ".")
    else:
        text = label.replace("-", ":")
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


def is_reverse(name: dns.name.Name) -> bool:
    return any(name.is_subdomain(zone) for zone in REVERSE_ZONES)


def reverse_ip(name: dns.name.Name) -> str | None:
    """The address a full reverse name stands for; None for a partial one."""
    try:
        return str(ipaddress.ip_address(dns.reversename.to_address(name)))
    except (dns.exception.SyntaxError, ValueError):
        return None
