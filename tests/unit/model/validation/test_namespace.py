"""Namespace validation, on create and on update."""

from __future__ import annotations

from podd.model.meta import ObjectMeta
from podd.model.namespace import Namespace, NamespaceSpec
from podd.model.validation import validate_namespace, validate_namespace_update
from tests.unit.model.helpers import FORB, INV


def test_namespace_validation() -> None:
    assert validate_namespace(Namespace(metadata=ObjectMeta(name="prod"))) == []
    bad = validate_namespace(Namespace(metadata=ObjectMeta(name="prod.eu")))
    assert [(c.reason, c.field) for c in bad] == [(INV, "metadata.name")]
    scoped = validate_namespace(Namespace(metadata=ObjectMeta(name="a", namespace="b")))
    assert [(c.reason, c.field, c.message) for c in scoped] == [
        (FORB, "metadata.namespace", "Forbidden: not allowed on this type")
    ]
    fin = validate_namespace(
        Namespace(
            metadata=ObjectMeta(name="a"), spec=NamespaceSpec(finalizers=["kubernetes", "a b"])
        )
    )
    assert [c.field for c in fin] == ["spec.finalizers[1]"]
    old = Namespace(metadata=ObjectMeta(name="a", uid="1"))
    renamed = Namespace(metadata=ObjectMeta(name="b", uid="1"))
    assert [c.field for c in validate_namespace_update(old, renamed)] == ["metadata.name"]
