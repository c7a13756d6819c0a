"""Pods, containers and images for the runtime unit tests."""

from __future__ import annotations

from typing import Any

import msgspec

from podd.images.manifest import ContainerConfig
from podd.model.container import Container
from podd.model.pod import Pod
from podd.runtime.envvars import PodEnvSources
from podd.runtime.users import ImageUsers, parse_group, parse_passwd

PASSWD = """root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
app:x:101:101:app:/home/app:/bin/sh
www:x:33:33:www-data:/var/www:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
"""

GROUP = """root:x:0:
daemon:x:1:
app:x:101:
www:x:33:app
audio:x:29:app,www
nogroup:x:65534:
"""

USERS = ImageUsers(parse_passwd(PASSWD), parse_group(GROUP))

IMAGE = ContainerConfig(
    env=["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C"],
    cmd=["sh"],
    working_dir="/",
)


def pod(containers: list[dict[str, Any]], **spec: Any) -> Pod:
    body = {
        "metadata": {"name": "web", "namespace": "default", "uid": "u-1", "labels": {"app": "web"}},
        "spec": {"containers": containers, **spec},
    }
    return msgspec.convert(body, Pod)


def container(p: Pod, name: str | None = None) -> Container:
    return next(c for c in p.spec.containers if name is None or c.name == name)


def sources(p: Pod, **kw: Any) -> PodEnvSources:
    return PodEnvSources(p, pod_ip="10.0.2.100", host_ip="192.168.1.5", **kw)
