"""A container's spec hash (the kubelet's ``HashContainer``): a running
container whose hash no longer matches its spec was started from an older
definition (a changed image, say) and is restarted from the new one."""

from __future__ import annotations

import hashlib

import msgspec

from podd.model.container import Container

_enc = msgspec.json.Encoder(order="sorted")


def container_hash(c: Container) -> str:
    return hashlib.sha256(_enc.encode(c)).hexdigest()[:16]
