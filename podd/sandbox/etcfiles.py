"""The pod's /etc/hosts, /etc/hostname and /etc/resolv.conf.

Renderers are pure; :func:`write_etc_files` puts the three files in the pod's
runtime dir, from where the runtime bind-mounts them read-only into every
container.

DNS, as the kubelet forms it (``pkg/kubelet/network/dns``):

* ``ClusterFirst`` (and ``ClusterFirstWithHostNet``) with a cluster DNS
  server: that server alone, ``search <ns>.svc.<domain> svc.<domain>
  <domain>`` then the node's search domains, ``options ndots:5`` (the node's
  options are not kept).
* ``ClusterFirst`` without one (``cluster_dns=None``) falls back to
  ``Default``, as the kubelet does when it has no clusterDNS configured.
* ``Default``: the node's resolv.conf, its nameservers replaced by the
  pod's way out (slirp4netns answers DNS on 10.0.2.3 by forwarding to the
  host's resolvers; a host resolver such as 127.0.0.53 is unreachable from
  the pod).
* ``None``: ``dnsConfig`` only.

``dnsConfig`` is then merged: nameservers and searches appended without
duplicates, options overriding by name. Then the limits: 3 nameservers, 32
search domains of at most 253 characters and 2048 characters in all; what
does not fit is left out with the kubelet's ``DNSConfigForming`` warning.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import msgspec

from podd.atomicfile import write_atomic

DNSPolicy = Literal["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"]
SLIRP_DNS = "10.0.2.3"
MAX_NAMESERVERS = 3
MAX_SEARCHES = 32  # the kubelet's limits since ExpandedDNSConfig (GA in 1.28)
MAX_SEARCH_CHARS = 2048
MAX_SEARCH_LENGTH = 253  # a longer search path aborts some glibc versions
CLUSTER_DOMAIN = "cluster.local"
DEFAULT_DNS_OPTIONS = ("ndots:5",)


class HostAlias(msgspec.Struct, frozen=True):
    ip: str
    hostnames: list[str] = []


class DNSOption(msgspec.Struct, frozen=True):
    name: str
    value: str | None = None


class DNSSettings(msgspec.Struct, frozen=True):
    """A pod's ``dnsPolicy`` and ``dnsConfig``."""

    policy: DNSPolicy = "ClusterFirst"
    nameservers: list[str] = []
    searches: list[str] = []
    options: list[DNSOption] = []


class ResolvConf(msgspec.Struct, frozen=True):
    nameservers: list[str] = []
    searches: list[str] = []
    options: list[str] = []


class EtcFiles(msgspec.Struct, frozen=True):
    hosts: str
    hostname: str
    resolv_conf: str
    # The kubelet's DNSConfigForming warnings (limits exceeded), for events.
    dns_warnings: list[str] = []


class EtcPaths(msgspec.Struct, frozen=True):
    """Where the files were written (bind-mount sources)."""

    hosts: str
    hostname: str
    resolv_conf: str


def pod_hostname(name: str, hostname: str | None = None) -> str:
    """``spec.hostname`` or the pod name, cut to 63 characters as the kubelet does."""
    host = (hostname or name)[:63]
    return host.rstrip("-.") or host


def render_hosts(
    pod_ip: str,
    hostname: str,
    *,
    subdomain: str | None = None,
    namespace: str = "default",
    cluster_domain: str = "cluster.local",
    host_aliases: list[HostAlias] | tuple[HostAlias, ...] = (),
) -> str:
    """The kubelet's managed hosts file."""
    lines = [
        "# Kubernetes-managed hosts file (podd).",
        "127.0.0.1\tlocalhost",
        "::1\tlocalhost ip6-localhost ip6-loopback",
        "fe00::0\tip6-localnet",
        "fe00::0\tip6-mcastprefix",
        "fe00::1\tip6-allnodes",
        "fe00::2\tip6-allrouters",
    ]
    if subdomain:
        fqdn = f"{hostname}.{subdomain}.{namespace}.svc.{cluster_domain}"
        lines.append(f"{pod_ip}\t{fqdn}\t{hostname}")
    else:
        lines.append(f"{pod_ip}\t{hostname}")
    if host_aliases:
        lines.append("")
        lines.append("# Entries added by HostAliases.")
        lines += [f"{a.ip}\t" + "\t".join(a.hostnames) for a in host_aliases if a.hostnames]
    return "\n".join(lines) + "\n"


def render_hostname(hostname: str) -> str:
    return hostname + "\n"


def parse_resolv_conf(text: str) -> ResolvConf:
    """nameserver/search/options lines of a resolv.conf, as the kubelet reads
    them: nameservers accumulate, the last search and options lines win,
    search domains lose a trailing dot."""
    nameservers: list[str] = []
    searches: list[str] = []
    options: list[str] = []
    for raw in text.splitlines():
        fields = raw.split("#", 1)[0].split(";", 1)[0].split()
        if not fields:
            continue
        key, values = fields[0], fields[1:]
        if key == "nameserver" and values:
            nameservers.append(values[0])
        elif key == "search":
            searches = [v.removesuffix(".") for v in values]
        elif key == "options":
            options = list(values)
    return ResolvConf(nameservers, searches, options)


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _merge_options(existing: list[str], extra: list[DNSOption]) -> list[str]:
    merged: dict[str, str | None] = {}
    for opt in existing:
        name, sep, value = opt.partition(":")
        merged[name] = value if sep else None
    for option in extra:
        merged[option.name] = option.value
    return [name if value in (None, "") else f"{name}:{value}" for name, value in merged.items()]


def cluster_searches(namespace: str, cluster_domain: str = CLUSTER_DOMAIN) -> list[str]:
    return [f"{namespace}.svc.{cluster_domain}", f"svc.{cluster_domain}", cluster_domain]


def _base(
    dns: DNSSettings,
    host: ResolvConf,
    slirp_dns: str,
    cluster_dns: str | None,
    namespace: str,
    cluster_domain: str,
) -> ResolvConf:
    if dns.policy == "None":
        return ResolvConf()
    if dns.policy in ("ClusterFirst", "ClusterFirstWithHostNet") and cluster_dns:
        searches = _unique(cluster_searches(namespace, cluster_domain) + host.searches)
        return ResolvConf([cluster_dns], searches, list(DEFAULT_DNS_OPTIONS))
    return ResolvConf([slirp_dns], list(host.searches), list(host.options))


def fit_limits(conf: ResolvConf) -> tuple[ResolvConf, list[str]]:
    """The kubelet's limits (formDNSConfigFitsLimits) and its warnings."""
    warnings: list[str] = []
    nameservers = conf.nameservers
    if len(nameservers) > MAX_NAMESERVERS:
        nameservers = nameservers[:MAX_NAMESERVERS]
        warnings.append(
            "Nameserver limits were exceeded, some nameservers have been omitted, "
            "the applied nameserver line is: " + " ".join(nameservers)
        )
    searches = conf.searches[:MAX_SEARCHES]
    cut = len(searches) < len(conf.searches)
    fitting = [s for s in searches if len(s) <= MAX_SEARCH_LENGTH]
    cut = cut or len(fitting) < len(searches)
    while fitting and len(" ".join(fitting)) > MAX_SEARCH_CHARS:
        fitting.pop()  # the kubelet cuts from the end
        cut = True
    if cut:
        warnings.append(
            "Search Line limits were exceeded, some search paths have been omitted, "
            "the applied search line is: " + " ".join(fitting)
        )
    return ResolvConf(nameservers, fitting, conf.options), warnings


def resolve_dns_config(
    dns: DNSSettings,
    host: ResolvConf,
    slirp_dns: str = SLIRP_DNS,
    *,
    cluster_dns: str | None = None,
    namespace: str = "default",
    cluster_domain: str = CLUSTER_DOMAIN,
) -> tuple[ResolvConf, list[str]]:
    """The pod's resolver configuration and the limits' warnings (pure; see
    the module docstring)."""
    base = _base(dns, host, slirp_dns, cluster_dns, namespace, cluster_domain)
    merged = ResolvConf(
        nameservers=_unique(base.nameservers + dns.nameservers),
        searches=_unique(base.searches + dns.searches),
        options=_merge_options(base.options, dns.options),
    )
    return fit_limits(merged)


def resolve_dns(
    dns: DNSSettings,
    host: ResolvConf,
    slirp_dns: str = SLIRP_DNS,
    *,
    cluster_dns: str | None = None,
    namespace: str = "default",
    cluster_domain: str = CLUSTER_DOMAIN,
) -> ResolvConf:
    conf, _ = resolve_dns_config(
        dns,
        host,
        slirp_dns,
        cluster_dns=cluster_dns,
        namespace=namespace,
        cluster_domain=cluster_domain,
    )
    return conf


def render_resolv_conf(conf: ResolvConf) -> str:
    lines = [f"nameserver {ns}" for ns in conf.nameservers]
    if conf.searches:
        lines.append("search " + " ".join(conf.searches))
    if conf.options:
        lines.append("options " + " ".join(conf.options))
    return "\n".join(lines) + "\n"


def render_etc_files(
    *,
    pod_ip: str,
    hostname: str,
    namespace: str = "default",
    subdomain: str | None = None,
    host_aliases: list[HostAlias] | tuple[HostAlias, ...] = (),
    dns: DNSSettings | None = None,
    host_resolv: ResolvConf | None = None,
    slirp_dns: str = SLIRP_DNS,
    cluster_dns: str | None = None,
    cluster_domain: str = CLUSTER_DOMAIN,
) -> EtcFiles:
    hosts = render_hosts(
        pod_ip,
        hostname,
        subdomain=subdomain,
        namespace=namespace,
        cluster_domain=cluster_domain,
        host_aliases=host_aliases,
    )
    conf, warnings = resolve_dns_config(
        dns or DNSSettings(),
        host_resolv or ResolvConf(),
        slirp_dns,
        cluster_dns=cluster_dns,
        namespace=namespace,
        cluster_domain=cluster_domain,
    )
    return EtcFiles(
        hosts=hosts,
        hostname=render_hostname(hostname),
        resolv_conf=render_resolv_conf(conf),
        dns_warnings=warnings,
    )


def read_host_resolv(path: str | Path = "/etc/resolv.conf") -> ResolvConf:
    try:
        return parse_resolv_conf(Path(path).read_text())
    except OSError:
        return ResolvConf()


def write_etc_files(directory: str | Path, files: EtcFiles) -> EtcPaths:
    """Write hosts, hostname and resolv.conf into ``directory`` (created)."""
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    paths = EtcPaths(str(d / "hosts"), str(d / "hostname"), str(d / "resolv.conf"))
    write_atomic(paths.hosts, files.hosts, 0o644)
    write_atomic(paths.hostname, files.hostname, 0o644)
    write_atomic(paths.resolv_conf, files.resolv_conf, 0o644)
    return paths
