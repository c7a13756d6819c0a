"""Auth files, credential lookup and WWW-Authenticate parsing."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from podd.images.auth import (
    Challenge,
    Credential,
    CredentialStore,
    default_auth_files,
    normalize_auth_key,
    parse_auth_config,
    parse_www_authenticate,
)


def b64(s: str) -> str:
    return base64.b64encode(s.encode()).decode()


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("https://index.docker.io/v1/", "docker.io"),
        ("index.docker.io", "docker.io"),
        ("registry-1.docker.io", "docker.io"),
        ("http://localhost:5000/v2/", "localhost:5000"),
        ("quay.io", "quay.io"),
        ("quay.io/org/repo", "quay.io/org/repo"),
        ("127.0.0.1:5000/", "127.0.0.1:5000"),
    ],
)
def test_normalize_key(key: str, expected: str) -> None:
    assert normalize_auth_key(key) == expected


def test_parse_auth_config_formats() -> None:
    data = json.dumps(
        {
            "auths": {
                "https://index.docker.io/v1/": {"auth": b64("hub:pw:with:colons")},
                "quay.io": {"username": "q", "password": "p"},
                "ghcr.io": {"identitytoken": "refresh"},
                "bad.io": {"auth": b64("no-colon")},
                "empty.io": {},
            },
            "credsStore": "desktop",
        }
    ).encode()
    table = parse_auth_config(data)
    assert table["docker.io"] == Credential("hub", "pw:with:colons")
    assert table["quay.io"] == Credential("q", "p")
    assert table["ghcr.io"].identity_token == "refresh"
    assert "bad.io" not in table and "empty.io" not in table
    with pytest.raises(ValueError):
        parse_auth_config(b"not json")


def test_lookup_precedence_and_specificity(tmp_path: Path) -> None:
    podd = tmp_path / "auth.json"
    docker = tmp_path / "config.json"
    podd.write_text(
        json.dumps(
            {
                "auths": {
                    "reg:5000": {"auth": b64("podd:1")},
                    "reg:5000/team": {"auth": b64("team:2")},
                }
            }
        )
    )
    docker.write_text(
        json.dumps(
            {
                "auths": {
                    "reg:5000": {"auth": b64("docker:3")},
                    "other:5000": {"auth": b64("docker:4")},
                }
            }
        )
    )
    store = CredentialStore([podd, tmp_path / "missing.json", docker])
    assert store.lookup("reg:5000", "x/y") == Credential("podd", "1")
    assert store.lookup("reg:5000", "team/app") == Credential("team", "2")
    assert store.lookup("other:5000", "a") == Credential("docker", "4")
    assert store.lookup("none:1", "a") is None
    explicit = {"https://reg:5000": Credential("secret", "5")}
    assert store.lookup("reg:5000", "x", explicit) == Credential("secret", "5")
    # files are re-read when they change
    podd.write_text(json.dumps({"auths": {"reg:5000": {"auth": b64("new:6")}}}) + " ")
    assert store.lookup("reg:5000", "x") == Credential("new", "6")
    # a malformed file is skipped with a note
    podd.write_text("{")
    assert store.lookup("reg:5000", "x/y") == Credential("docker", "3")
    assert any("ignoring auth file" in n for n in store.notes)


def test_default_auth_files(tmp_path: Path) -> None:
    env = {"HOME": "/home/u", "XDG_RUNTIME_DIR": "/run/user/7"}
    files = default_auth_files(tmp_path, env)
    assert files == [
        tmp_path / "auth.json",
        Path("/run/user/7/containers/auth.json"),
        Path("/home/u/.config/containers/auth.json"),
        Path("/home/u/.docker/config.json"),
    ]


def test_credential_headers() -> None:
    c = Credential("u", "p")
    assert c.basic_header() == "Basic " + b64("u:p")
    assert c.fingerprint() != Credential("u", "q").fingerprint()


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (
            'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",'
            'scope="repository:library/busybox:pull"',
            [
                Challenge(
                    "bearer",
                    {
                        "realm": "https://auth.docker.io/token",
                        "service": "registry.docker.io",
                        "scope": "repository:library/busybox:pull",
                    },
                )
            ],
        ),
        (
            'Bearer realm="https://r/t", scope="repository:a:pull,push", '
            'error="insufficient_scope"',
            [
                Challenge(
                    "bearer",
                    {
                        "realm": "https://r/t",
                        "scope": "repository:a:pull,push",
                        "error": "insufficient_scope",
                    },
                )
            ],
        ),
        ('Basic realm="Registry Realm"', [Challenge("basic", {"realm": "Registry Realm"})]),
        ("Basic realm=simple", [Challenge("basic", {"realm": "simple"})]),
        (
            'Basic realm="a", Bearer realm="b"',
            [Challenge("basic", {"realm": "a"}), Challenge("bearer", {"realm": "b"})],
        ),
        ('Bearer realm="with \\"quote\\""', [Challenge("bearer", {"realm": 'with "quote"'})]),
        ("", []),
    ],
)
def test_parse_www_authenticate(header: str, expected: list[Challenge]) -> None:
    assert parse_www_authenticate(header) == expected
