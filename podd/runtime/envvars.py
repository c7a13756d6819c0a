"""A container's environment, as the kubelet computes it (``makeEnvironmentVariables``).

Order and precedence:

1. ``envFrom`` sources in order (ConfigMap / Secret, each key with the
   source's ``prefix``; keys that are not valid variable names are skipped
   and reported);
2. ``env`` entries in order; ``value`` is ``$(VAR)``-expanded against the
   variables defined so far (1. and earlier entries); ``valueFrom`` values
   (fieldRef, resourceFieldRef, configMapKeyRef, secretKeyRef) are taken
   as they are. A later definition replaces an earlier one.

The data comes from an :class:`EnvSources` the caller supplies (the pod's
fields, the ConfigMaps and Secrets it references, node allocatable); a
missing required ConfigMap/Secret or key is a
:class:`~podd.runtime.errors.CreateContainerConfigError` naming it;
``optional: true`` skips it. The image's ``Env`` is not part of this: it is
merged underneath by :func:`merge_image_env` and is not visible to
``$(VAR)`` references (as in Kubernetes, where the runtime adds it).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from podd.model.container import Container, EnvVar, ResourceFieldSelector
from podd.model.errors import QuantityError
from podd.model.pod import Pod
from podd.model.quantity import parse_quantity
from podd.runtime.errors import CreateContainerConfigError
from podd.runtime.expansion import expand, mapping_for

__all__ = [
    "EnvSources",
    "PodEnvSources",
    "is_env_var_name",
    "make_env",
    "merge_image_env",
    "pod_field_value",
    "resource_field_value",
]

_ENV_NAME = re.compile(r"^[-._a-zA-Z][-._a-zA-Z0-9]*$")
_SUBSCRIPT = re.compile(r"^metadata\.(labels|annotations)\['(.*)'\]$")


def is_env_var_name(name: str) -> bool:
    """Kubernetes' ``IsEnvVarName`` (C identifiers plus ``-`` and ``.``)."""
    return bool(_ENV_NAME.match(name))


class EnvSources(Protocol):
    """What the environment may refer to; supplied by the controller."""

    def field(self, path: str) -> str | None:
        """A pod field (``metadata.name``, ``status.podIP`` ...); None = unsupported."""
        ...

    def config_map(self, name: str) -> Mapping[str, str] | None:
        """The data of ConfigMap ``name`` in the pod's namespace; None = not found."""
        ...

    def secret(self, name: str) -> Mapping[str, str] | None:
        """The (decoded) data of Secret ``name``; None = not found."""
        ...

    def node_allocatable(self) -> Mapping[str, str]:
        """Node allocatable quantities (``cpu``, ``memory`` ...), the default
        for a resourceFieldRef whose limit is not set."""
        ...

    def service_env(self) -> Mapping[str, str]:
        """The kubelet's variables about Services (``DB_SERVICE_HOST`` ...):
        the container's own win, and may refer to them."""
        ...


def _format_map(values: Mapping[str, str] | None) -> str:
    return "\n".join(f"{k}={json.dumps(v)}" for k, v in sorted((values or {}).items()))


def pod_field_value(pod: Pod, path: str, pod_ip: str = "", host_ip: str = "") -> str | None:
    """The value of a fieldRef on ``pod`` (kubelet ``podFieldSelectorRuntimeValue``)."""
    meta, spec = pod.metadata, pod.spec
    simple = {
        "metadata.name": meta.name or "",
        "metadata.namespace": meta.namespace or "",
        "metadata.uid": meta.uid or "",
        "spec.nodeName": spec.node_name or "",
        "spec.serviceAccountName": spec.service_account_name or "",
        "status.podIP": pod_ip or pod.status.pod_ip or "",
        "status.podIPs": pod_ip or pod.status.pod_ip or "",
        "status.hostIP": host_ip or pod.status.host_ip or "",
        "status.hostIPs": host_ip or pod.status.host_ip or "",
    }
    if path in simple:
        return simple[path]
    if path == "metadata.labels":
        return _format_map(meta.labels)
    if path == "metadata.annotations":
        return _format_map(meta.annotations)
    m = _SUBSCRIPT.match(path)
    if m:
        values = meta.labels if m.group(1) == "labels" else meta.annotations
        return (values or {}).get(m.group(2), "")
    return None


@dataclass(frozen=True)
class PodEnvSources:
    """An :class:`EnvSources` over data fetched beforehand."""

    pod: Pod
    pod_ip: str = ""
    host_ip: str = ""
    config_maps: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    secrets: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    allocatable: Mapping[str, str] = field(default_factory=dict)
    services: Mapping[str, str] = field(default_factory=dict)

    def field(self, path: str) -> str | None:
        return pod_field_value(self.pod, path, self.pod_ip, self.host_ip)

    def config_map(self, name: str) -> Mapping[str, str] | None:
        return self.config_maps.get(name)

    def secret(self, name: str) -> Mapping[str, str] | None:
        return self.secrets.get(name)

    def node_allocatable(self) -> Mapping[str, str]:
        return self.allocatable

    def service_env(self) -> Mapping[str, str]:
        return self.services


def _quantity(value: str | int | float | None, default: str = "0") -> Decimal:
    return parse_quantity(value if value is not None else default)


def resource_field_value(
    selector: ResourceFieldSelector, container: Container, allocatable: Mapping[str, str]
) -> str:
    """A resourceFieldRef's value (``ExtractContainerResourceValue``): the
    quantity divided by ``divisor`` (default 1), rounded up; an unset limit
    is node allocatable, an unset request 0."""
    kind, _, name = selector.resource.partition(".")
    if kind not in ("limits", "requests") or not name:
        raise CreateContainerConfigError(f"unsupported container resource : {selector.resource}")
    res = container.resources
    values = (res.limits if kind == "limits" else res.requests) if res is not None else None
    value = (values or {}).get(name)
    if value is None and kind == "limits":
        value = allocatable.get(name)
    try:
        quantity = _quantity(value)
        zero = selector.divisor in (None, "", 0, "0")
        divisor = Decimal(1) if zero else _quantity(selector.divisor)
    except QuantityError as exc:
        raise CreateContainerConfigError(f"resourceFieldRef {selector.resource}: {exc}") from exc
    if name == "cpu":  # MilliValue() / divisor.MilliValue()
        milli, div = math.ceil(quantity * 1000), math.ceil(divisor * 1000)
        return str(math.ceil(Decimal(milli) / Decimal(div or 1)))
    if name in ("memory", "ephemeral-storage") or name.startswith("hugepages-"):
        return str(math.ceil(math.ceil(quantity) / Decimal(math.ceil(divisor) or 1)))
    raise CreateContainerConfigError(f"unsupported container resource : {selector.resource}")


def _key_ref(
    kind: str,
    data: Mapping[str, str] | None,
    name: str,
    key: str,
    optional: bool,
    namespace: str,
) -> str | None:
    if data is None:
        if optional:
            return None
        raise CreateContainerConfigError(f'{kind.lower()} "{name}" not found')
    if key not in data:
        if optional:
            return None
        raise CreateContainerConfigError(f"couldn't find key {key} in {kind} {namespace}/{name}")
    return data[key]


def _value_from(
    var: EnvVar, container: Container, sources: EnvSources, namespace: str
) -> str | None:
    """The value of a ``valueFrom``; None when an optional source is missing."""
    src = var.value_from
    assert src is not None
    if src.field_ref is not None:
        value = sources.field(src.field_ref.field_path)
        if value is None:
            raise CreateContainerConfigError(
                f"env {var.name}: unsupported fieldPath: {src.field_ref.field_path}"
            )
        return value
    if src.resource_field_ref is not None:
        return resource_field_value(src.resource_field_ref, container, sources.node_allocatable())
    if (ref := src.config_map_key_ref) is not None:
        data = sources.config_map(ref.name or "")
        return _key_ref("ConfigMap", data, ref.name or "", ref.key, bool(ref.optional), namespace)
    if (sref := src.secret_key_ref) is not None:
        data = sources.secret(sref.name or "")
        return _key_ref("Secret", data, sref.name or "", sref.key, bool(sref.optional), namespace)
    raise CreateContainerConfigError(f"env {var.name}: valueFrom names no source")


def make_env(
    container: Container, sources: EnvSources, namespace: str = "default"
) -> tuple[dict[str, str], list[str]]:
    """The container-defined variables (insertion-ordered) and warnings
    (keys of envFrom sources skipped as invalid names)."""
    env: dict[str, str] = {}
    warnings: list[str] = []
    services = sources.service_env()
    for source in container.env_from or ():
        prefix = source.prefix or ""
        data: Mapping[str, str] | None
        if (cm := source.config_map_ref) is not None:
            kind, ref_name = "configMap", cm.name or ""
            data = sources.config_map(ref_name)
            if data is None and not cm.optional:
                raise CreateContainerConfigError(f'configmap "{ref_name}" not found')
        elif (sec := source.secret_ref) is not None:
            kind, ref_name = "secret", sec.name or ""
            data = sources.secret(ref_name)
            if data is None and not sec.optional:
                raise CreateContainerConfigError(f'secret "{ref_name}" not found')
        else:
            continue
        invalid: list[str] = []
        for key, value in (data or {}).items():
            name = prefix + key
            if not is_env_var_name(name):
                invalid.append(name)
                continue
            env[name] = value
        if invalid:
            warnings.append(
                f"Keys [{', '.join(sorted(invalid))}] from the EnvFrom {kind} "
                f"{namespace}/{ref_name} were skipped since they are considered invalid "
                "environment variable names."
            )
    for var in container.env or ():
        if var.value:
            env[var.name] = expand(var.value, mapping_for(env, services))
        elif var.value_from is not None:
            found = _value_from(var, container, sources, namespace)
            if found is None:
                continue
            env[var.name] = found
        else:
            env[var.name] = ""
    for name, value in services.items():  # after the container's own, as the kubelet
        env.setdefault(name, value)
    return env, warnings


def merge_image_env(image_env: list[str] | None, container_env: Mapping[str, str]) -> list[str]:
    """``NAME=value`` list: the image's variables, each replaced in place by
    the container's of the same name, then the container's new ones."""
    out: list[str] = []
    index: dict[str, int] = {}
    for item in image_env or ():
        name = item.partition("=")[0]
        if name in index:
            out[index[name]] = item
        else:
            index[name] = len(out)
            out.append(item)
    for name, value in container_env.items():
        item = f"{name}={value}"
        if name in index:
            out[index[name]] = item
        else:
            index[name] = len(out)
            out.append(item)
    return out
