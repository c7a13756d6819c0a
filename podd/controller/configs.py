"""ConfigMaps and Secrets a container start needs, read once per start.

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
from podd.runtime import PodEnvSources
from podd.store.repository import Store
from podd.volumes.projection import StaticLookup

_cm_decoder = msgspec.json.Decoder(ConfigMap)
_secret_decoder = msgspec.json.Decoder(Secret)


class PodConfigs(msgspec.Struct, frozen=True):
    """The ConfigMaps and Secrets of one namespace at one moment."""

    config_maps: tuple[ConfigMap, ...] = ()
    secrets: tuple[Secret, ...] = ()

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
        )


def secret_strings(secret: Secret) -> dict[str, str]:
    """A Secret's data as text, for environment variables."""
    return {k: v.decode("utf-8", errors="replace") for k, v in (secret.data or {}).items()}


async def read_configs(store: Store, namespace: str) -> PodConfigs:
    cms, _, _ = await store.query("ConfigMap", namespace)
    secrets, _, _ = await store.query("Secret", namespace)
    return PodConfigs(
        tuple(_cm_decoder.decode(c.data) for c in cms),
        tuple(_secret_decoder.decode(s.data) for s in secrets),
    )
