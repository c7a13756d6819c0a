"""``podd port-forward``'s port mappings, as kubectl reads them."""

from __future__ import annotations

import argparse

import pytest

from podd.cli.portforward import parse_mapping


@pytest.mark.parametrize(
    ("text", "mapping"),
    [("8080", (8080, 8080)), ("9000:80", (9000, 80)), (":80", (0, 80))],
)
def test_mappings(text: str, mapping: tuple[int, int]) -> None:
    assert parse_mapping(text) == mapping


@pytest.mark.parametrize("text", ["http", "80:", "0", "70000", "1:70000", "-1:80"])
def test_bad_mappings(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError, match="invalid port mapping"):
        parse_mapping(text)
