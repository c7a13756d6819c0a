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
    resolve_dns_config,
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


# -- cluster DNS (the kubelet's ClusterFirst with a clusterDNS) ----------------
CLUSTER_DNS = "10.96.0.10"


def test_cluster_first_with_cluster_dns() -> None:
    for policy in ("ClusterFirst", "ClusterFirstWithHostNet"):
        conf = resolve_dns(
            DNSSettings(policy=policy), HOST, cluster_dns=CLUSTER_DNS, namespace="team"
        )
        assert conf == ResolvConf(
            ["10.96.0.10"],
            [
                "team.svc.cluster.local",
                "svc.cluster.local",
                "cluster.local",
                "corp.example",
                "example.org",
            ],
            ["ndots:5"],  # the node's options are not kept
        )


def test_cluster_first_renders_the_kubelets_resolv_conf() -> None:
    files = render_etc_files(
        pod_ip="10.88.0.5",
        hostname="web",
        namespace="default",
        host_resolv=ResolvConf(["127.0.0.53"], [], ["edns0"]),
        cluster_dns=CLUSTER_DNS,
    )
    assert files.resolv_conf == (
        "nameserver 10.96.0.10\n"
        "search default.svc.cluster.local svc.cluster.local cluster.local\n"
        "options ndots:5\n"
    )
    assert files.dns_warnings == []


def test_host_search_already_in_the_cluster_list_is_not_repeated() -> None:
    host = ResolvConf(["1.1.1.1"], ["cluster.local", "corp.example"], [])
    conf = resolve_dns(DNSSettings(), host, cluster_dns=CLUSTER_DNS)
    assert conf.searches == [
        "default.svc.cluster.local",
        "svc.cluster.local",
        "cluster.local",
        "corp.example",
    ]


def test_other_cluster_domain() -> None:
    conf = resolve_dns(
        DNSSettings(),
        ResolvConf(),
        cluster_dns=CLUSTER_DNS,
        namespace="a",
        cluster_domain="k8s.test",
    )
    assert conf.searches == ["a.svc.k8s.test", "svc.k8s.test", "k8s.test"]
    hosts = render_etc_files(
        pod_ip="10.88.0.5", hostname="h", subdomain="s", namespace="a", cluster_domain="k8s.test"
    ).hosts
    assert "10.88.0.5\th.s.a.svc.k8s.test\th" in hosts.splitlines()


def test_default_and_none_ignore_the_cluster_dns() -> None:
    default = resolve_dns(DNSSettings(policy="Default"), HOST, cluster_dns=CLUSTER_DNS)
    assert default == ResolvConf(
        ["10.0.2.3"], ["corp.example", "example.org"], ["edns0", "trust-ad"]
    )
    none = resolve_dns(
        DNSSettings(policy="None", nameservers=["9.9.9.9"]), HOST, cluster_dns=CLUSTER_DNS
    )
    assert none == ResolvConf(["9.9.9.9"], [], [])


def test_dns_config_merged_onto_cluster_first() -> None:
    dns = DNSSettings(
        nameservers=["10.96.0.10", "1.1.1.1"],
        searches=["svc.cluster.local", "extra.example"],
        options=[DNSOption("ndots", "2"), DNSOption("single-request-reopen")],
    )
    conf = resolve_dns(dns, ResolvConf(), cluster_dns=CLUSTER_DNS)
    assert conf == ResolvConf(
        ["10.96.0.10", "1.1.1.1"],
        ["default.svc.cluster.local", "svc.cluster.local", "cluster.local", "extra.example"],
        ["ndots:2", "single-request-reopen"],
    )


def test_nameserver_limit_with_the_kubelets_warning() -> None:
    dns = DNSSettings(nameservers=["1.1.1.1", "2.2.2.2", "3.3.3.3"])
    conf, warnings = resolve_dns_config(dns, ResolvConf(), cluster_dns=CLUSTER_DNS)
    assert conf.nameservers == ["10.96.0.10", "1.1.1.1", "2.2.2.2"]
    assert warnings == [
        "Nameserver limits were exceeded, some nameservers have been omitted, "
        "the applied nameserver line is: 10.96.0.10 1.1.1.1 2.2.2.2"
    ]


def test_search_count_limit() -> None:
    dns = DNSSettings(searches=[f"d{i}.example" for i in range(40)])
    conf, warnings = resolve_dns_config(dns, ResolvConf(), cluster_dns=CLUSTER_DNS)
    assert len(conf.searches) == 32
    assert conf.searches[:3] == ["default.svc.cluster.local", "svc.cluster.local", "cluster.local"]
    assert conf.searches[-1] == "d28.example"
    assert warnings == [
        "Search Line limits were exceeded, some search paths have been omitted, "
        "the applied search line is: " + " ".join(conf.searches)
    ]


def test_overlong_search_paths_are_dropped() -> None:
    long = ("a" * 60 + ".") * 5 + "example"  # 312 > 253 characters
    dns = DNSSettings(policy="None", nameservers=["1.1.1.1"], searches=["ok.example", long])
    conf, warnings = resolve_dns_config(dns, ResolvConf())
    assert conf.searches == ["ok.example"]
    assert len(warnings) == 1 and warnings[0].endswith("line is: ok.example")


def test_search_line_length_limit_cuts_from_the_end() -> None:
    domains = [f"{i:02d}" + "x" * 95 + ".example" for i in range(30)]  # 105 chars each
    dns = DNSSettings(policy="None", searches=domains)
    conf, warnings = resolve_dns_config(dns, ResolvConf())
    assert conf.searches == domains[:19]  # 19 * 106 - 1 = 2013 <= 2048 < 2119
    assert len(" ".join(conf.searches)) <= 2048
    assert len(warnings) == 1


def test_render_surfaces_the_warnings() -> None:
    files = render_etc_files(
        pod_ip="10.88.0.5",
        hostname="h",
        dns=DNSSettings(policy="None", nameservers=["1.1.1.1", "2.2.2.2", "3.3.3.3", "4.4.4.4"]),
    )
    assert files.resolv_conf.count("nameserver") == 3
    assert len(files.dns_warnings) == 1


def test_parse_like_the_kubelet() -> None:
    text = "search a.example. b.example\noptions ndots:1\noptions edns0 rotate\n"
    assert parse_resolv_conf(text) == ResolvConf(
        [], ["a.example", "b.example"], ["edns0", "rotate"]
    )
