"""ConfigMaps, Secrets and Services a container start needs, read once per start.

One snapshot (:class:`PodConfigs`) feeds both the container's environment
(``runtime.PodEnvSources``: string data, secrets decoded) and its volumes
(``volumes.StaticLookup``: the objects), so a start never sees two
different versions of the same ConfigMap.
"""

from __future__ import annotations

from collections.abc import Mapping

import msgspec

from podd.model.configmap import ConfigMap, Secret
from podd.model.pod import Pod
from podd.model.service import Service
from podd.model.serviceenv import service_env
from podd.runtime import PodEnvSources
from podd.store.repository import Store
from podd.volumes.projection import StaticLookup

_cm_decoder = msgspec.json.Decoder(ConfigMap)
_secret_decoder = msgspec.json.Decoder(Secret)
_service_decoder = msgspec.json.Decoder(Service)


class PodConfigs(msgspec.Struct, frozen=True):
    """The ConfigMaps, Secrets and Services of one namespace at one moment
    (and ``default/kubernetes``, whose variables every container gets)."""

    config_maps: tuple[ConfigMap, ...] = ()
    secrets: tuple[Secret, ...] = ()
    services: tuple[Service, ...] = ()
    master: Service | None = None

    def lookup(self) -> StaticLookup:
        return StaticLookup(list(self.config_maps), list(self.secrets))

    def env_sources(
        self, pod: Pod, pod_ip: str, host_ip: str, allocatable: Mapping[str, str]
    ) -> PodEnvSources:
        return PodEnvSources(
            pod=pod,
            pod_ip=pod_ip,
            host_ip=host_ip,
            config_maps={c.metadata.name or "": dict(c.data or {}) for c in self.config_maps},
            secrets={s.metadata.name or "": secret_strings(s) for s in self.secrets},
            allocatable=allocatable,
            services=service_env(
                pod.metadata.namespace or "default",
                self.services,
                pod.spec.enable_service_links,
                self.master,
            ),
        )


def secret_strings(secret: Secret) -> dict[str, str]:
    """A Secret's data as text, for environment variables."""
    return {k: v.decode("utf-8", errors="replace") for k, v in (secret.data or {}).items()}


async def read_configs(store: Store, namespace: str) -> PodConfigs:
    cms, _, _ = await store.query("ConfigMap", namespace)
    secrets, _, _ = await store.query("Secret", namespace)
    services, _, _ = await store.query("Service", namespace)
    master = await store.get("Service", "default", "kubernetes")
    return PodConfigs(
        tuple(_cm_decoder.decode(c.data) for c in cms),
        tuple(_secret_decoder.decode(s.data) for s in secrets),
        tuple(_service_decoder.decode(s.data) for s in services),
        _service_decoder.decode(master.data) if master else None,
    )
