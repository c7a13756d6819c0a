"""port-forward's query and messages, as the kubelet words them."""

from __future__ import annotations

import pytest

from podd.api.errors import APIError
from podd.api.streams.portforward import Forward, parse_ports
from podd.sandbox.process import ProcessRef


@pytest.mark.parametrize(
    ("values", "ports"),
    [(["8080"], [8080]), (["80,443"], [80, 443]), (["1", "65535"], [1, 65535])],
)
def test_ports_repeated_or_comma_separated(values: list[str], ports: list[int]) -> None:
    assert parse_ports(values) == ports


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ([], "at least 1 port must be specified"),
        (["http"], 'unable to parse "http" as a port'),
        (["0"], 'port "0" must be > 0 and < 65536'),
        (["80,65536"], 'port "65536" must be > 0 and < 65536'),
    ],
)
def test_bad_ports_are_400s_naming_them(values: list[str], message: str) -> None:
    with pytest.raises(APIError) as err:
        parse_ports(values)
    assert (err.value.status.code, err.value.status.message) == (400, message)


def test_a_failed_forward_in_the_kubelets_words() -> None:
    fwd = Forward("ns", "web", "u-1", "/bin/podd-pause", ProcessRef(1, 1))
    assert fwd.describe(80, "refused") == "error forwarding port 80 to pod web_ns, uid u-1: refused"
