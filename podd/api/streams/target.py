"""Which container an exec or attach reaches, checked before any upgrade so a
refusal is a plain HTTP Status (404, 400) the client can print."""

from __future__ import annotations

from pathlib import Path

import msgspec

from podd.api import resources as res
from podd.api.errors import APIError
from podd.api.logs import pick_container
from podd.api.pods import PODS
from podd.api.streams.options import StreamOptions
from podd.model import status as st
from podd.model.container import Container
from podd.runtime.state import ContainerHandle, PodDirs, StateError, load_handle
from podd.services import Services

__all__ = ["Target", "find_target"]


class Target(msgspec.Struct, frozen=True, kw_only=True):
    pod: str
    container: Container
    handle: ContainerHandle
    pause: Path  # podd-pause, to enter the pod's namespaces
    console_dir: Path  # for the console sockets of terminals


async def find_target(
    svc: Services, namespace: str, name: str, opts: StreamOptions, *, verb: str
) -> Target:
    """The running container ``opts.container`` (or the default one) of the
    pod; APIError as the apiserver words it otherwise."""
    stored = await res.get_object(svc, PODS, namespace, name)
    pod = PODS.decode(stored.data)
    phase = pod.status.phase if pod.status is not None else None
    if phase in ("Succeeded", "Failed"):
        into = "exec into" if verb == "exec" else "attach to"
        raise APIError(
            st.bad_request(
                f"cannot {into} a container in a completed pod; current phase is {phase}"
            )
        )
    container = pick_container(pod, opts.container)
    spec = next(c for _, _, c in pod.spec.all_containers() if c.name == container)
    rec = svc.container(stored.uid, container)
    sandbox = svc.sandbox_state(stored.uid)
    env = svc.controller.env if svc.controller is not None else None
    if rec is None or not rec.running or rec.instance is None or sandbox is None or env is None:
        raise APIError(st.bad_request(f'container "{container}" in pod "{name}" is not running'))
    try:
        handle = load_handle(PodDirs(sandbox.runtime_dir).bundle(rec.instance.id))
    except StateError:
        raise APIError(
            st.bad_request(f'container "{container}" in pod "{name}" is not running')
        ) from None
    return Target(
        pod=name,
        container=spec,
        handle=handle,
        pause=Path(env.pause),
        console_dir=svc.settings.runtime_path / "consoles",
    )
