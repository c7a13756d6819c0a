"""The pod's /etc/hosts, /etc/hostname and /etc/resolv.conf.

Renderers are pure; :func:`write_etc_files` puts the three files in the pod's
runtime dir, from where the runtime bind-mounts them read-only into every
container.

DNS: slirp4netns answers DNS on 10.0.2.3 by forwarding to the host's
resolvers, so that is the pod's nameserver. podd has no cluster DNS, so
``ClusterFirst`` (and ``ClusterFirstWithHostNet``) fall back to ``Default`` —
exactly what the kubelet does when it has no clusterDNS configured: the
node's search domains and options, with the node's nameservers replaced by
10.0.2.3 (a host resolver such as 127.0.0.53 is unreachable from the pod).
``None`` uses only ``dnsConfig``. ``dnsConfig`` is then merged as the
kubelet does: nameservers and searches appended without duplicates, options
overriding by name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import msgspec

from podd.atomicfile import write_atomic

DNSPolicy = Literal["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"]
SLIRP_DNS = "10.0.2.3"
MAX_NAMESERVERS = 3
MAX_SEARCHES = 32


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
    """nameserver/search/domain/options lines of a resolv.conf (last search wins)."""
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
        elif key in ("search", "domain"):
            searches = list(values)
        elif key == "options":
            options += values
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


def resolve_dns(dns: DNSSettings, host: ResolvConf, slirp_dns: str = SLIRP_DNS) -> ResolvConf:
    """The pod's resolver configuration (pure; see the module docstring)."""
    if dns.policy == "None":
        base = ResolvConf()
    else:
        base = ResolvConf([slirp_dns], list(host.searches), list(host.options))
    return ResolvConf(
        nameservers=_unique(base.nameservers + dns.nameservers)[:MAX_NAMESERVERS],
        searches=_unique(base.searches + dns.searches)[:MAX_SEARCHES],
        options=_merge_options(base.options, dns.options),
    )


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
) -> EtcFiles:
    hosts = render_hosts(
        pod_ip, hostname, subdomain=subdomain, namespace=namespace, host_aliases=host_aliases
    )
    conf = resolve_dns(dns or DNSSettings(), host_resolv or ResolvConf(), slirp_dns)
    resolv = render_resolv_conf(conf)
    return EtcFiles(hosts=hosts, hostname=render_hostname(hostname), resolv_conf=resolv)


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
