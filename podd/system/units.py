"""The systemd user units of ``podd system install``, rendered from a spec (pure).

``podd.service`` runs ``podd serve`` with ``Type=notify`` (podd sends
READY=1 once its API answers), ``Delegate=yes`` (podd manages the cgroup
subtree it is given, DESIGN.md §2.5) and ``KillMode=process``. Under a
user manager the delegated root podd finds is the manager's own
(``user@UID.service``): podd moves itself to ``podd/daemon`` and its pods to
``podd/pods/`` there, beside the unit's cgroup, which so stays a leaf that
systemd can start podd in again (systemd before 254 has no
``DelegateSubgroup=`` and puts a restarted main process in the unit's own
cgroup). On hosts without a delegated cgroup v2 the pods stay in the unit's
cgroup. Either way stopping or restarting podd must stop no pod: systemd
signals podd's process only. With socket activation, ``podd.socket`` listens on podd's unix socket
and hands it to ``podd serve`` as fd 3.
"""

from __future__ import annotations

import re

import msgspec

SERVICE = "podd.service"
SOCKET = "podd.socket"
# The first line of every unit podd writes: uninstall removes only files
# that carry it, install overwrites only those (or with --force).
MARKER = "# Written by `podd system install`; `podd system uninstall` removes it."

_SAFE_WORD = re.compile(r"^[A-Za-z0-9_@%+=:,./-]+$")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


class UnitSpec(msgspec.Struct, frozen=True, kw_only=True):
    """What the units say: the command, and the socket when activated."""

    exec_argv: list[str]  # the podd executable (absolute), "serve" and its flags
    socket_activation: bool = False
    listen_stream: str = ""  # ListenStream=, specifiers escaped (see listen_stream())
    environment: dict[str, str] = {}  # Environment= of the service


def escape_specifiers(text: str) -> str:
    """A literal ``%`` in a unit file is ``%%`` (every setting expands specifiers)."""
    return text.replace("%", "%%")


def exec_word(word: str) -> str:
    """One argument of ``ExecStart=``, as systemd's parser reads it back:
    specifiers and ``$`` escaped, quoted (C-style escapes) when it has
    anything but plain path and flag characters."""
    word = escape_specifiers(word).replace("$", "$$")
    if _SAFE_WORD.match(word):
        return word
    return '"' + "".join(_ESCAPES.get(c, c) for c in word) + '"'


def exec_line(argv: list[str]) -> str:
    return " ".join(exec_word(w) for w in argv)


def environment_line(name: str, value: str) -> str:
    assignment = escape_specifiers(f"{name}={value}")
    return 'Environment="' + "".join(_ESCAPES.get(c, c) for c in assignment) + '"'


def listen_stream(socket_path: str, default_path: str) -> str:
    """The socket's path for ``ListenStream=``. podd's default one
    (``$XDG_RUNTIME_DIR/podd/podd.sock``) is written with ``%t``: the
    service's podd computes it from the ``XDG_RUNTIME_DIR`` the user manager
    gives it, which is what ``%t`` is."""
    if socket_path == default_path:
        return "%t/podd/podd.sock"
    return escape_specifiers(socket_path)


def render_service(spec: UnitSpec) -> str:
    unit = ["[Unit]", "Description=podd: rootless pods behind a REST API"]
    install = ["[Install]", "WantedBy=default.target"]
    if spec.socket_activation:
        unit += [f"Requires={SOCKET}", f"After={SOCKET}"]
        install.append(f"Also={SOCKET}")
    service = [
        "[Service]",
        "Type=notify",
        "# podd moves itself and its pods into podd/ of the delegated cgroup tree,",
        "# beside this unit's cgroup (which stays a leaf systemd restarts podd in);",
        "# without cgroup v2 delegation they stay in it. Either way stopping or",
        "# restarting podd must stop no pod: systemd signals podd's process only.",
        "KillMode=process",
        "Delegate=yes",
        *(environment_line(k, v) for k, v in sorted(spec.environment.items())),
        "ExecStart=" + exec_line(spec.exec_argv),
        "Restart=on-failure",
    ]
    return "\n".join([MARKER, *unit, "", *service, "", *install]) + "\n"


def render_socket(spec: UnitSpec) -> str:
    lines = [
        MARKER,
        "[Unit]",
        "Description=podd API socket",
        "",
        "[Socket]",
        f"ListenStream={spec.listen_stream}",
        "SocketMode=0600",
        "DirectoryMode=0700",
        "RemoveOnStop=yes",
        "",
        "[Install]",
        "WantedBy=sockets.target",
    ]
    return "\n".join(lines) + "\n"


def render_units(spec: UnitSpec) -> dict[str, str]:
    """File name → content of every unit the spec needs."""
    units = {SERVICE: render_service(spec)}
    if spec.socket_activation:
        units[SOCKET] = render_socket(spec)
    return units


def enable_command(socket_activation: bool) -> str:
    unit = SOCKET if socket_activation else SERVICE
    return f"systemctl --user daemon-reload && systemctl --user enable --now {unit}"


def disable_command(units: list[str]) -> str:
    """Stops and disables ``units`` where podd could not: ``;``, as systemd
    forgets a stopped unit whose file is gone and ``disable`` then fails on
    it (the links are gone with the files already)."""
    names = " ".join(sorted(units, key=lambda u: u != SOCKET))  # the socket first
    return f"systemctl --user disable --now {names}; systemctl --user daemon-reload"
