"""httpGet pieces without a server: the kubelet's headers, URLs, status
mapping, redirects."""

from __future__ import annotations

import pytest

from podd.controller.probes.httpget import (
    build_headers,
    canonical_header,
    format_url,
    probe_outcome,
    redirect_target,
)
from podd.model.probe import HTTPHeader


def test_canonical_header() -> None:
    assert canonical_header("x-custom-header") == "X-Custom-Header"
    assert canonical_header("USER-AGENT") == "User-Agent"
    assert canonical_header("accept") == "Accept"


def test_default_headers() -> None:
    assert build_headers(None, "kube-probe/1.32", "10.0.2.100:8080") == [
        ("Host", "10.0.2.100:8080"),
        ("User-Agent", "kube-probe/1.32"),
        ("Accept", "*/*"),
        ("Connection", "close"),
    ]


def test_user_headers_override_and_add() -> None:
    headers = [
        HTTPHeader(name="user-agent", value="mine/1"),
        HTTPHeader(name="X-Token", value="a"),
        HTTPHeader(name="x-token", value="b"),
        HTTPHeader(name="host", value="example.test"),
    ]
    assert build_headers(headers, "kube-probe/1.32", "10.0.2.100:80") == [
        ("Host", "example.test"),
        ("User-Agent", "mine/1"),
        ("X-Token", "a"),
        ("X-Token", "b"),
        ("Accept", "*/*"),
        ("Connection", "close"),
    ]


def test_empty_accept_removes_it_and_empty_host_is_the_default() -> None:
    headers = [HTTPHeader(name="Accept", value=""), HTTPHeader(name="Host", value="")]
    assert build_headers(headers, "ua", "10.0.2.100:81") == [
        ("Host", "10.0.2.100:81"),
        ("User-Agent", "ua"),
        ("Connection", "close"),
    ]
    headers = [HTTPHeader(name="Accept", value="application/json")]
    assert ("Accept", "application/json") in build_headers(headers, "ua", "h:1")


def test_format_url() -> None:
    assert str(format_url("http", "10.0.2.100", 8080, "/healthz?x=1")) == (
        "http://10.0.2.100:8080/healthz?x=1"
    )
    assert str(format_url("https", "10.0.2.100", 443, "ready")) == "https://10.0.2.100/ready"
    assert str(format_url("http", "::1", 80, None)) == "http://[::1]/"


@pytest.mark.parametrize(
    ("status", "success", "warning", "message"),
    [
        (200, True, False, "body"),
        (204, True, False, "body"),
        (302, True, True, "Probe terminated redirects, Response body: body"),
        (399, True, True, "Probe terminated redirects, Response body: body"),
        (199, False, False, "HTTP probe failed with statuscode: 199"),
        (400, False, False, "HTTP probe failed with statuscode: 400"),
        (404, False, False, "HTTP probe failed with statuscode: 404"),
        (500, False, False, "HTTP probe failed with statuscode: 500"),
    ],
)
def test_status_mapping(status: int, success: bool, warning: bool, message: str) -> None:
    out = probe_outcome(status, "body")
    assert (out.success, out.warning, out.message, out.error) == (success, warning, message, False)


def test_redirect_target_same_host_only() -> None:
    here = format_url("http", "10.0.2.100", 8080, "/a/b")
    assert str(redirect_target(here, "/c")) == "http://10.0.2.100:8080/c"
    assert str(redirect_target(here, "d")) == "http://10.0.2.100:8080/a/d"
    assert str(redirect_target(here, "http://10.0.2.100:9090/x")) == "http://10.0.2.100:9090/x"
    assert str(redirect_target(here, "https://10.0.2.100/x")) == "https://10.0.2.100/x"
    assert redirect_target(here, "http://example.test/x") is None
    assert redirect_target(here, "ftp://10.0.2.100/x") is None
    assert redirect_target(here, None) is None
