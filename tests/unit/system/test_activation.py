"""Socket activation: LISTEN_FDS/LISTEN_PID and the socket at fd 3.

fd 3 is set up in a fresh interpreter (this one's fd 3 is not the test's to
replace), which reports what :func:`inherited_socket` made of it."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from podd.system.activation import listen_fds

CHILD = """
import json, os, socket, sys
from pathlib import Path
from podd.system.activation import inherited_socket
os.dup2(int(sys.argv[1]), 3)
os.environ.update(LISTEN_FDS=sys.argv[2], LISTEN_PID=str(os.getpid()), LISTEN_FDNAMES="podd")
try:
    sock = inherited_socket(Path(sys.argv[3]))
except Exception as exc:
    print(json.dumps({"error": str(exc)}))
else:
    left = [k for k in os.environ if k.startswith("LISTEN_")]
    print(json.dumps({
        "path": sock.getsockname() if sock else None,
        "blocking": sock.getblocking() if sock else None,
        "inheritable": os.get_inheritable(3),
        "left": left,
    }))
"""


def _child(sock: socket.socket | int, count: int = 1, expected: str = "/x") -> dict[str, object]:
    fd = sock if isinstance(sock, int) else sock.fileno()
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(fd), str(count), expected],
        pass_fds=(fd,),
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    result: dict[str, object] = json.loads(out.stdout)
    return result


def test_listen_fds_is_for_this_pid_only() -> None:
    env = {"LISTEN_FDS": "1", "LISTEN_PID": "123", "LISTEN_FDNAMES": "x", "HOME": "/h"}
    assert listen_fds(env, pid=124) == 0
    assert env == {"HOME": "/h"}  # taken out all the same
    assert listen_fds({"LISTEN_FDS": "2", "LISTEN_PID": "7"}, pid=7) == 2
    assert listen_fds({}, pid=7) == 0


def test_a_listening_unix_socket_is_taken(tmp_path: Path) -> None:
    path = str(tmp_path / "podd.sock")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.bind(path)
        sock.listen()
        assert _child(sock, expected=path) == {
            "path": path,
            "blocking": False,
            "inheritable": False,  # containers never get it
            "left": [],
        }


def test_two_sockets_are_refused(tmp_path: Path) -> None:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.bind(str(tmp_path / "s"))
        sock.listen()
        assert "podd takes one socket" in str(_child(sock, count=2)["error"])


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("udp", "is not a unix stream socket"),
        ("unlistened", "is not listening"),
        ("pipe", "is not a socket"),
    ],
)
def test_what_is_not_a_listening_unix_socket_is_refused(kind: str, message: str) -> None:
    if kind == "pipe":
        r, w = os.pipe()
        try:
            assert message in str(_child(r)["error"])
        finally:
            os.close(r)
            os.close(w)
        return
    family = socket.AF_INET if kind == "udp" else socket.AF_UNIX
    stype = socket.SOCK_DGRAM if kind == "udp" else socket.SOCK_STREAM
    with socket.socket(family, stype) as sock:
        assert message in str(_child(sock)["error"])
