"""The user units, rendered from a spec (pure)."""

from __future__ import annotations

import pytest

from podd.system import units
from podd.system.units import UnitSpec


def sections(text: str) -> dict[str, list[tuple[str, str]]]:
    """A unit file as section → (key, value) lines, comments dropped."""
    out: dict[str, list[tuple[str, str]]] = {}
    current = ""
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            current = line.strip("[]")
            out[current] = []
            continue
        key, _, value = line.partition("=")
        out[current].append((key, value))
    return out


def value(text: str, section: str, key: str) -> list[str]:
    return [v for k, v in sections(text)[section] if k == key]


SPEC = UnitSpec(exec_argv=["/opt/podd/bin/podd", "serve", "--log-level=debug"])


def test_service_unit_directives() -> None:
    text = units.render_service(SPEC)
    assert text.startswith(units.MARKER + "\n")
    assert value(text, "Service", "Type") == ["notify"]
    assert value(text, "Service", "KillMode") == ["process"]
    assert value(text, "Service", "Delegate") == ["yes"]
    assert value(text, "Service", "ExecStart") == ["/opt/podd/bin/podd serve --log-level=debug"]
    assert value(text, "Install", "WantedBy") == ["default.target"]
    assert "Requires" not in dict(sections(text)["Unit"])
    assert units.render_units(SPEC).keys() == {"podd.service"}


def test_socket_activation_adds_the_socket_unit() -> None:
    spec = UnitSpec(
        exec_argv=SPEC.exec_argv, socket_activation=True, listen_stream="%t/podd/podd.sock"
    )
    rendered = units.render_units(spec)
    assert rendered.keys() == {"podd.service", "podd.socket"}
    service, sock = rendered["podd.service"], rendered["podd.socket"]
    assert value(service, "Unit", "Requires") == ["podd.socket"]
    assert value(service, "Unit", "After") == ["podd.socket"]
    assert value(service, "Install", "Also") == ["podd.socket"]
    assert sock.startswith(units.MARKER + "\n")
    assert value(sock, "Socket", "ListenStream") == ["%t/podd/podd.sock"]
    assert value(sock, "Socket", "SocketMode") == ["0600"]
    assert value(sock, "Socket", "RemoveOnStop") == ["yes"]
    assert value(sock, "Install", "WantedBy") == ["sockets.target"]


@pytest.mark.parametrize(
    ("word", "written"),
    [
        ("--data-dir=/home/u/podd", "--data-dir=/home/u/podd"),
        ("--listen=[::1]:6443", '"--listen=[::1]:6443"'),
        ("/a b/c", '"/a b/c"'),
        ("50%", "50%%"),  # a specifier otherwise
        ("$HOME", '"$$HOME"'),  # a variable otherwise
        ('say "hi"\\', '"say \\"hi\\"\\\\"'),
        ("a\nb", '"a\\nb"'),
        ("", '""'),
    ],
)
def test_exec_words(word: str, written: str) -> None:
    assert units.exec_word(word) == written


def test_environment_is_quoted_and_escaped() -> None:
    spec = UnitSpec(exec_argv=SPEC.exec_argv, environment={"XDG_DATA_HOME": "/d 100%"})
    assert 'Environment="XDG_DATA_HOME=/d 100%%"' in units.render_service(spec).splitlines()


def test_listen_stream() -> None:
    default = "/run/user/1000/podd/podd.sock"
    assert units.listen_stream(default, default) == "%t/podd/podd.sock"
    assert units.listen_stream("/srv/p%d.sock", default) == "/srv/p%%d.sock"


def test_commands() -> None:
    assert units.enable_command(False) == (
        "systemctl --user daemon-reload && systemctl --user enable --now podd.service"
    )
    assert units.enable_command(True).endswith("enable --now podd.socket")
    assert units.disable_command(["podd.service", "podd.socket"]) == (
        "systemctl --user disable --now podd.socket podd.service; systemctl --user daemon-reload"
    )
