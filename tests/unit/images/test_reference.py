"""Image reference parsing: a table of inputs and what Docker makes of them."""

from __future__ import annotations

import pytest

from podd.images.errors import InvalidReferenceError
from podd.images.reference import parse_reference

D = "sha256:" + "a" * 64

CASES = [
    # input, registry, repository, tag, digest, familiar
    ("busybox", "docker.io", "library/busybox", "latest", None, "busybox:latest"),
    ("busybox:1.36", "docker.io", "library/busybox", "1.36", None, "busybox:1.36"),
    ("library/busybox", "docker.io", "library/busybox", "latest", None, "busybox:latest"),
    ("docker.io/busybox", "docker.io", "library/busybox", "latest", None, "busybox:latest"),
    (
        "index.docker.io/library/busybox",
        "docker.io",
        "library/busybox",
        "latest",
        None,
        "busybox:latest",
    ),
    ("bitnami/redis:7", "docker.io", "bitnami/redis", "7", None, "bitnami/redis:7"),
    ("registry:5000/a/b:tag", "registry:5000", "a/b", "tag", None, "registry:5000/a/b:tag"),
    ("localhost/x", "localhost", "x", "latest", None, "localhost/x:latest"),
    ("localhost:5000/x/y", "localhost:5000", "x/y", "latest", None, "localhost:5000/x/y:latest"),
    (
        "127.0.0.1:5000/podd/busybox:v1",
        "127.0.0.1:5000",
        "podd/busybox",
        "v1",
        None,
        "127.0.0.1:5000/podd/busybox:v1",
    ),
    ("[::1]:5000/a:b", "[::1]:5000", "a", "b", None, "[::1]:5000/a:b"),
    (
        "quay.io/org/sub/repo",
        "quay.io",
        "org/sub/repo",
        "latest",
        None,
        "quay.io/org/sub/repo:latest",
    ),
    (f"busybox@{D}", "docker.io", "library/busybox", None, D, f"busybox@{D}"),
    (f"busybox:1.36@{D}", "docker.io", "library/busybox", "1.36", D, f"busybox:1.36@{D}"),
    ("a.b_c__d-e--f", "docker.io", "library/a.b_c__d-e--f", "latest", None, "a.b_c__d-e--f:latest"),
    ("Example.com/x", "Example.com", "x", "latest", None, "Example.com/x:latest"),
    ("localhost:5000", "docker.io", "library/localhost", "5000", None, "localhost:5000"),
]


@pytest.mark.parametrize(("value", "registry", "repository", "tag", "digest", "familiar"), CASES)
def test_parse(
    value: str, registry: str, repository: str, tag: str | None, digest: str | None, familiar: str
) -> None:
    ref = parse_reference(value)
    assert (ref.registry, ref.repository, ref.tag, ref.digest) == (
        registry,
        repository,
        tag,
        digest,
    )
    assert ref.familiar() == familiar
    again = parse_reference(ref.canonical())
    assert again == ref


def test_canonical_forms() -> None:
    assert parse_reference("busybox").canonical() == "docker.io/library/busybox:latest"
    assert parse_reference(f"b@{D}").canonical() == f"docker.io/library/b@{D}"
    assert parse_reference(f"b@{D}").target == D
    assert parse_reference("b:1").target == "1"


BAD = [
    ("", "non-empty"),
    (" busybox", "whitespace"),
    ("Busybox", "lowercase"),
    ("foo/Bar", "lowercase"),
    ("a" * 64, "image id"),
    ("busybox:", "tag"),
    ("busybox:-x", "tag"),
    ("busybox:" + "t" * 129, "tag"),
    ("busybox@sha256:abc", "digest"),
    ("busybox@sha512:" + "a" * 128, "sha256"),
    ("busybox@@" + D, "'@'"),
    ("a//b", "repository"),
    ("-a/b", "repository"),
    ("a_/b", "repository"),
    ("host:port:x/y", "registry host"),
    ("/busybox", "repository"),
    ("x" * 256, "longer"),
    (":tag", "missing repository"),
]


@pytest.mark.parametrize(("value", "why"), BAD)
def test_reject(value: str, why: str) -> None:
    with pytest.raises(InvalidReferenceError) as e:
        parse_reference(value, field="spec.containers[0].image")
    assert why in e.value.message
    assert e.value.field == "spec.containers[0].image"
    assert e.value.value == value
    assert e.value.reason == "InvalidImageName"
