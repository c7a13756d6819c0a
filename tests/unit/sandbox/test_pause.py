import pytest

from podd.sandbox.errors import PauseStartError
from podd.sandbox.pause import (
    SyncMessage,
    explain_error,
    join_argv,
    parse_sync_line,
    sandbox_argv,
    userns_argv,
)


def test_sandbox_argv() -> None:
    assert sandbox_argv("/bin/podd-pause", "web-0") == [
        "/bin/podd-pause",
        "--sandbox",
        "--sync-fd",
        "3",
        "--hostname",
        "web-0",
        "--keep-fd",
        "4",
    ]
    assert "--keep-fd" not in sandbox_argv("p", "h", keep_fd=None)
    assert sandbox_argv("p", "h", keep_fd=None, cgroup="/cg/infra")[-2:] == [
        "--cgroup",
        "/cg/infra",
    ]
    assert userns_argv("p") == ["p", "--userns", "--sync-fd", "3"]
    net = ["--dns", "10.88.0.1", "--fd-socket", "/run/dns.sock"]
    assert userns_argv("p", net=True, cgroup="/cg", net_options=net) == [
        *("p", "--userns", "--sync-fd", "3", "--net", "--cgroup", "/cg"),
        *net,
    ]


def test_join_argv_detached_into_cgroup() -> None:
    argv = join_argv("p", 42, ["user"], ["slirp4netns"], cgroup="/cg/infra", detach_fd=5)
    head = ["p", "--join", "42", "--ns", "user"]
    assert argv == [*head, "--cgroup", "/cg/infra", "--detach", "5", "--", "slirp4netns"]


def test_join_argv() -> None:
    assert join_argv("p", 42, ["user", "net"], ["ip", "addr"], cwd="/x") == [
        "p",
        "--join",
        "42",
        "--ns",
        "user,net",
        "--cwd",
        "/x",
        "--",
        "ip",
        "addr",
    ]


@pytest.mark.parametrize(
    ("ns", "cmd"), [(["user", "bogus"], ["true"]), ([], ["true"]), (["user"], [])]
)
def test_join_argv_rejects_bad_input(ns: list[str], cmd: list[str]) -> None:
    with pytest.raises(ValueError):
        join_argv("p", 1, ns, cmd)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (b"userns 123\n", SyncMessage("userns", pid=123)),
        (b"pid 77\n", SyncMessage("pid", pid=77)),
        (
            b"error unshare user: Operation not permitted\n",
            SyncMessage("error", step="unshare user", detail="Operation not permitted"),
        ),
        (
            b"error make / rprivate: Permission denied\n",
            SyncMessage("error", step="make / rprivate", detail="Permission denied"),
        ),
    ],
)
def test_parse_sync_line(line: bytes, expected: SyncMessage) -> None:
    assert parse_sync_line(line) == expected


@pytest.mark.parametrize("line", [b"", b"pid abc\n", b"pid 0\n", b"hello\n"])
def test_parse_sync_line_rejects(line: bytes) -> None:
    with pytest.raises(PauseStartError):
        parse_sync_line(line)


def test_explain_error_hints_at_userns_restrictions() -> None:
    err = explain_error(SyncMessage("error", step="unshare user", detail="Operation not permitted"))
    assert err.step == "unshare user"
    assert "Operation not permitted" in str(err)
    assert "apparmor_restrict_unprivileged_userns" in str(err)
    plain = explain_error(SyncMessage("error", step="sethostname", detail="Invalid argument"))
    assert str(plain) == "pause: sethostname: Invalid argument"
