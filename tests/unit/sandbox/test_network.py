from podd.sandbox.network import (
    SlirpFeatures,
    SlirpOptions,
    explain_log,
    launch_argv,
    parse_features,
    pod_addresses,
    slirp_argv,
)

VERSION = """slirp4netns version 1.2.0
commit: 656041d45cfca7a4176f6b7eed9e4fe6c11e8383
libslirp: 4.7.0
SLIRP_CONFIG_VERSION_MAX: 4
libseccomp: 2.5.4
"""
HELP = """Usage: slirp4netns [OPTION]... PID|PATH [TAPNAME]
-c, --configure          bring up the interface
-e, --exit-fd=FD         specify the FD for terminating slirp4netns
-r, --ready-fd=FD        specify the FD to write to when the network is configured
-m, --mtu=MTU            specify MTU (default=1500, max=65521)
-6, --enable-ipv6        enable IPv6 (experimental)
-a, --api-socket=PATH    specify API socket path
--disable-host-loopback  prohibit connecting to 127.0.0.1:* on the host namespace
--netns-type=TYPE 	 specify network namespace type ([path|pid], default=pid)
--enable-sandbox         create a new mount namespace
--enable-seccomp         enable seccomp to limit syscalls (experimental)
"""
OLD_HELP = "Usage: slirp4netns [OPTION]... PID [TAPNAME]\n-c, --configure\n-e, --exit-fd=FD\n"

FULL = SlirpFeatures("1.2.0", "4.7.0", True, True, True, True, True, True)


def test_parse_features() -> None:
    assert parse_features(VERSION, HELP) == FULL
    old = parse_features("slirp4netns version 0.4.3\n", OLD_HELP)
    assert old.version == "0.4.3" and not old.sandbox and not old.seccomp and not old.api_socket
    assert parse_features("", "").version == "unknown"


def test_slirp_argv_default_disables_host_loopback() -> None:
    argv = slirp_argv("/usr/bin/slirp4netns", 42, "/run/p/slirp.sock", FULL)
    assert argv == [
        "/usr/bin/slirp4netns",
        "--configure",
        "--mtu=65520",
        "--disable-host-loopback",
        "--enable-sandbox",
        "--enable-seccomp",
        "--api-socket=/run/p/slirp.sock",
        "--ready-fd=3",
        "--exit-fd=4",
        "--netns-type=path",
        "/proc/42/ns/net",
        "tap0",
    ]


def test_slirp_argv_loopback_allowed_and_old_binary() -> None:
    old = SlirpFeatures("0.4.3")
    opts = SlirpOptions(allow_host_loopback=True, mtu=1500, cidr="10.9.0.0/24")
    argv = slirp_argv("s", 7, "/a.sock", old, opts, ready_fd=5, exit_fd=6)
    assert argv == [
        "s",
        "--configure",
        "--mtu=1500",
        "--cidr=10.9.0.0/24",
        "--api-socket=/a.sock",
        "--ready-fd=5",
        "--exit-fd=6",
        "7",
        "tap0",
    ]


def test_launch_argv_runs_slirp_in_the_pod_userns() -> None:
    assert launch_argv("/p", 9, ["slirp4netns", "x"], cgroup="/cg/pods/u/infra") == [
        "/p",
        "--join",
        "9",
        "--ns",
        "user",
        "--cgroup",
        "/cg/pods/u/infra",
        "--detach",
        "5",
        "--",
        "slirp4netns",
        "x",
    ]
    assert "--cgroup" not in launch_argv("/p", 9, ["s"])


def test_pod_addresses() -> None:
    assert pod_addresses() == ("10.0.2.100", "10.0.2.2", "10.0.2.3")
    assert pod_addresses("10.9.0.0/24") == ("10.9.0.100", "10.9.0.2", "10.9.0.3")


def test_explain_log() -> None:
    log = "\n".join(
        [
            "WARNING: Support for seccomp is experimental",
            'open("/dev/net/tun"): Permission denied',
            "child failed(1)",
        ]
    )
    text = explain_log(log)
    assert text.startswith("slirp4netns failed (/dev/net/tun is not usable")
    assert "WARNING" not in text and "child failed(1)" in text
    assert explain_log("") == "slirp4netns failed: no output"
