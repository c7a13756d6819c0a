"""CDI names and the cdi.k8s.io annotations."""

from __future__ import annotations

import re

import pytest

from podd.cdi import CDIError, parse_annotations, parse_qualified, qualified
from podd.cdi.names import parse_kind, validate_device_name


def test_parse_qualified() -> None:
    assert parse_qualified("nvidia.com/gpu=0") == ("nvidia.com", "gpu", "0")
    assert parse_qualified("podd.test/fake=one") == ("podd.test", "fake", "one")
    assert parse_qualified("vendor.com/class=GPU-1a2b:3.c_d") == (
        "vendor.com",
        "class",
        "GPU-1a2b:3.c_d",
    )


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("nvidia.com/gpu", "want vendor.com/class=name"),
        ("nvidia.com=0", "want vendor.com/class"),
        ("1nvidia.com/gpu=0", "invalid vendor '1nvidia.com'"),
        ("nvidia.com/g.pu=0", "invalid class 'g.pu'"),
        ("nvidia.com/gpu=", "invalid device name ''"),
        ("nvidia.com/gpu=-0", "invalid device name '-0'"),
        ("nvidia.com/gpu=a b", "invalid device name 'a b'"),
    ],
)
def test_bad_qualified_names_say_why(name: str, says: str) -> None:
    with pytest.raises(CDIError) as err:
        parse_qualified(name)
    assert repr(name) in str(err.value) and says in str(err.value)


def test_kind_and_device_rules() -> None:
    assert parse_kind("a/b") == ("a", "b")
    with pytest.raises(CDIError, match=re.escape("invalid vendor 'a.'")):
        parse_kind("a./b")
    with pytest.raises(CDIError, match="invalid class 'b_'"):
        parse_kind("a/b_")
    assert validate_device_name("x") == "x"
    with pytest.raises(CDIError):
        validate_device_name("x:")


def test_qualified() -> None:
    assert qualified("nvidia.com/gpu", "0") == "nvidia.com/gpu=0"


def test_parse_annotations_splits_strips_and_dedups() -> None:
    annotations = {
        "cdi.k8s.io/vfio": "nvidia.com/gpu=0, nvidia.com/gpu=1",
        "other/key": "not a device",
        "cdi.k8s.io/x": "podd.test/fake=one,nvidia.com/gpu=1",
    }
    assert parse_annotations(annotations) == [
        "nvidia.com/gpu=0",
        "nvidia.com/gpu=1",
        "podd.test/fake=one",
    ]
    assert parse_annotations({}) == []


def test_parse_annotations_names_the_key() -> None:
    with pytest.raises(CDIError) as err:
        parse_annotations({"cdi.k8s.io/gpus": "nvidia.com/gpu=0,gpu"})
    assert "annotation 'cdi.k8s.io/gpus'" in str(err.value) and "'gpu'" in str(err.value)
    with pytest.raises(CDIError, match="empty name"):
        parse_annotations({"cdi.k8s.io/": "nvidia.com/gpu=0"})
    with pytest.raises(CDIError, match=re.escape("cdi.k8s.io/e")):
        parse_annotations({"cdi.k8s.io/e": ""})
