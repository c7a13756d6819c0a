"""The kinds ``podd get``/``describe`` know: names and aliases as kubectl
spells them, and where podd serves each."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["KINDS", "Kind", "find_kind"]


@dataclass(frozen=True)
class Kind:
    plural: str
    kind: str
    aliases: tuple[str, ...] = ()
    group: str = ""
    version: str = "v1"
    namespaced: bool = True

    @property
    def api_version(self) -> str:
        return f"{self.group}/{self.version}" if self.group else self.version

    def path(self, namespace: str | None, name: str | None = None) -> str:
        """The collection (``namespace`` None: every namespace) or one object."""
        base = f"/apis/{self.group}/{self.version}" if self.group else f"/api/{self.version}"
        if self.namespaced and namespace is not None:
            base += f"/namespaces/{namespace}"
        base += f"/{self.plural}"
        return f"{base}/{name}" if name else base


KINDS = (
    Kind("pods", "Pod", ("pod", "po")),
    Kind("events", "Event", ("event", "ev")),
    Kind("services", "Service", ("service", "svc")),
    Kind("endpoints", "Endpoints", ("ep",)),
    Kind(
        "endpointslices",
        "EndpointSlice",
        ("endpointslice",),
        group="discovery.k8s.io",
    ),
    Kind("configmaps", "ConfigMap", ("configmap", "cm")),
    Kind("secrets", "Secret", ("secret",)),
    Kind("namespaces", "Namespace", ("namespace", "ns"), namespaced=False),
)
_BY_NAME = {name: k for k in KINDS for name in (k.plural, k.kind.lower(), *k.aliases)}


def find_kind(name: str) -> Kind | None:
    """The kind ``name`` names (plural, singular, short name, ``plural.group``)."""
    lowered = name.lower()
    kind = _BY_NAME.get(lowered)
    if kind is None and "." in lowered:
        head, _, group = lowered.partition(".")
        kind = _BY_NAME.get(head)
        if kind is not None and kind.group != group:
            return None
    return kind
