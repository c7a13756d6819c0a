from pathlib import Path

from podd.sandbox.etcfiles import (
    DNSOption,
    DNSSettings,
    HostAlias,
    ResolvConf,
    parse_resolv_conf,
    pod_hostname,
    render_etc_files,
    render_hosts,
    render_resolv_conf,
    resolve_dns,
    write_etc_files,
)

HOST = ResolvConf(["127.0.0.53"], ["corp.example", "example.org"], ["edns0", "trust-ad"])


def test_hosts_basic() -> None:
    text = render_hosts("10.0.2.100", "web")
    lines = text.splitlines()
    assert "127.0.0.1\tlocalhost" in lines
    assert "::1\tlocalhost ip6-localhost ip6-loopback" in lines
    assert lines[-1] == "10.0.2.100\tweb"
    assert text.endswith("\n")


def test_hosts_subdomain_and_aliases() -> None:
    text = render_hosts(
        "10.0.2.100",
        "web-0",
        subdomain="svc1",
        namespace="team",
        host_aliases=[HostAlias("1.2.3.4", ["foo", "foo.local"]), HostAlias("5.6.7.8", [])],
    )
    lines = text.splitlines()
    assert "10.0.2.100\tweb-0.svc1.team.svc.cluster.local\tweb-0" in lines
    assert lines[-2:] == ["# Entries added by HostAliases.", "1.2.3.4\tfoo\tfoo.local"]


def test_pod_hostname() -> None:
    assert pod_hostname("pod") == "pod"
    assert pod_hostname("pod", "custom") == "custom"
    assert pod_hostname("a" * 62 + "-bcd") == "a" * 62
    assert len(pod_hostname("x" * 100)) == 63


def test_parse_resolv_conf() -> None:
    text = (
        "# c\nnameserver 1.1.1.1\nnameserver 8.8.8.8 ; x\ndomain a.example\n"
        "search b.example c.example\noptions ndots:2 edns0\n"
    )
    assert parse_resolv_conf(text) == ResolvConf(
        ["1.1.1.1", "8.8.8.8"], ["b.example", "c.example"], ["ndots:2", "edns0"]
    )


def test_default_and_clusterfirst_use_slirp_dns_and_host_search() -> None:
    for policy in ("Default", "ClusterFirst", "ClusterFirstWithHostNet"):
        conf = resolve_dns(DNSSettings(policy=policy), HOST)
        assert conf == ResolvConf(
            ["10.0.2.3"], ["corp.example", "example.org"], ["edns0", "trust-ad"]
        )


def test_dns_config_is_merged_like_the_kubelet() -> None:
    dns = DNSSettings(
        policy="ClusterFirst",
        nameservers=["10.0.2.3", "9.9.9.9"],
        searches=["example.org", "extra.example"],
        options=[DNSOption("ndots", "2"), DNSOption("edns0", None), DNSOption("trust-ad", "")],
    )
    conf = resolve_dns(dns, HOST)
    assert conf.nameservers == ["10.0.2.3", "9.9.9.9"]
    assert conf.searches == ["corp.example", "example.org", "extra.example"]
    assert conf.options == ["edns0", "trust-ad", "ndots:2"]


def test_none_policy_uses_only_dns_config() -> None:
    dns = DNSSettings(
        policy="None",
        nameservers=["1.1.1.1", "2.2.2.2", "3.3.3.3", "4.4.4.4"],
        searches=["x.example"],
        options=[DNSOption("ndots", "1")],
    )
    conf = resolve_dns(dns, HOST)
    assert conf == ResolvConf(["1.1.1.1", "2.2.2.2", "3.3.3.3"], ["x.example"], ["ndots:1"])
    assert render_resolv_conf(conf) == (
        "nameserver 1.1.1.1\nnameserver 2.2.2.2\nnameserver 3.3.3.3\n"
        "search x.example\noptions ndots:1\n"
    )


def test_render_minimal_resolv_conf() -> None:
    assert render_resolv_conf(resolve_dns(DNSSettings(), ResolvConf())) == "nameserver 10.0.2.3\n"


def test_write_etc_files(tmp_path: Path) -> None:
    files = render_etc_files(pod_ip="10.0.2.100", hostname="web", dns=DNSSettings(policy="Default"))
    paths = write_etc_files(tmp_path / "etc", files)
    assert Path(paths.hostname).read_text() == "web\n"
    assert Path(paths.resolv_conf).read_text() == "nameserver 10.0.2.3\n"
    assert "10.0.2.100\tweb" in Path(paths.hosts).read_text()
    assert oct(Path(paths.hosts).stat().st_mode & 0o777) == "0o644"
    assert sorted(p.name for p in (tmp_path / "etc").iterdir()) == [
        "hostname",
        "hosts",
        "resolv.conf",
    ]
