"""``GET .../pods/{name}/log`` (Kubernetes) and podd's exec endpoint."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import msgspec
from litestar import Request, Response, get, post
from litestar.response import Stream

from podd.api import resources as res
from podd.api.errors import APIError
from podd.api.openapi_params import LOG_PARAMS
from podd.api.pods import PODS
from podd.api.respond import json_response
from podd.api.routes import services
from podd.controller.runtime_api import ExecResult
from podd.logs.options import LogOptionsError, parse_log_options, validate_log_options
from podd.logs.paths import container_log_path, pod_log_dir
from podd.logs.reader import LogNotFoundError, read_logs
from podd.model import status as st
from podd.model.errors import InvalidError
from podd.model.pod import Pod

DEFAULT_CONTAINER = "kubectl.kubernetes.io/default-container"
LOG_BATCH = 64 * 1024


def pick_container(pod: Pod, name: str | None) -> str:
    """The named container, else the default-container annotation, else the
    only (or first) one; 400 as the apiserver words it."""
    names = [c.name for _, _, c in pod.spec.all_containers()]
    if name:
        if name not in names:
            raise APIError(
                st.bad_request(f"container {name} is not valid for pod {pod.metadata.name}")
            )
        return name
    wanted = (pod.metadata.annotations or {}).get(DEFAULT_CONTAINER)
    if wanted in names:
        return wanted
    return pod.spec.containers[0].name


@get(
    "/api/v1/namespaces/{namespace:str}/pods/{name:str}/log",
    name="pods-log",
    opt={
        "openapi": {
            "verb": "log",
            "tag": "Pod",
            "media": "text/plain",
            "params": LOG_PARAMS,
            "errors": (400, 404, 422),
        }
    },
)
async def pod_log(request: Request[Any, Any, Any], namespace: str, name: str) -> Stream:
    svc = services(request)
    stored = await res.get_object(svc, PODS, namespace, name)
    pod = PODS.decode(stored.data)
    try:
        opts = parse_log_options(request.query_params)
    except LogOptionsError as exc:
        raise APIError(st.bad_request(str(exc))) from None
    causes = validate_log_options(opts)
    if causes:
        raise APIError(st.invalid("PodLogOptions", name, causes))
    container = pick_container(pod, opts.container)
    rec = svc.container(stored.uid, container)
    if rec is None or (rec.instance is None and rec.previous is None):
        raise APIError(
            st.bad_request(
                f'container "{container}" in pod "{name}" is waiting to start: '
                f"{(rec.waiting_reason if rec else None) or 'ContainerCreating'}"
            )
        )
    count = rec.restart_count
    if opts.previous:
        if rec.instance is None or count == 0:
            raise APIError(
                st.bad_request(
                    f'previous terminated container "{container}" in pod "{name}" not found'
                )
            )
        count -= 1
    elif rec.instance is None:
        count -= 1  # the current run has not started yet: its last one
    logs = pod_log_dir(svc.settings.data_path, namespace, name, stored.uid)
    path = container_log_path(logs, container, count)
    current = rec.instance.id if rec.instance else ""

    def exited() -> bool:
        now = svc.container(stored.uid, container)
        return (
            opts.previous
            or now is None
            or now.instance is None
            or now.instance.id != current
            or not now.running
        )

    async def body() -> AsyncIterator[bytes]:
        # A follower gets each line as it is written; a plain read is sent
        # in larger chunks (per-line chunks cost more than reading the log).
        batch = 1 if opts.follow else LOG_BATCH
        buf: list[bytes] = []
        size = 0
        try:
            async for chunk in read_logs(path, opts, exited=exited):
                buf.append(chunk)
                size += len(chunk)
                if size >= batch:
                    yield b"".join(buf)
                    buf, size = [], 0
        except LogNotFoundError:
            return
        if buf:
            yield b"".join(buf)

    return Stream(body(), media_type="text/plain")


class ExecRequest(msgspec.Struct, forbid_unknown_fields=True, rename="camel"):
    command: list[str]
    container: str | None = None
    stdin: str | None = None
    timeout_seconds: float = 60.0


@post(
    "/podd/v1/namespaces/{namespace:str}/pods/{name:str}/exec",
    name="pods-exec",
    status_code=200,
    opt={
        "openapi": {
            "verb": "exec",
            "tag": "Pod",
            "request": ExecRequest,
            "response": ExecResult,
            "errors": (400, 404, 422),
        }
    },
)
async def pod_exec(request: Request[Any, Any, Any], namespace: str, name: str) -> Response[bytes]:
    """Run a command in a running container: exit code and output."""
    svc = services(request)
    stored = await res.get_object(svc, PODS, namespace, name)
    pod = PODS.decode(stored.data)
    try:
        body = msgspec.json.decode(await request.body(), type=ExecRequest)
    except (msgspec.ValidationError, msgspec.DecodeError) as exc:
        raise APIError(st.bad_request(f"invalid exec request: {exc}")) from None
    if not body.command:
        raise InvalidError(
            [
                st.StatusCause(
                    reason="FieldValueRequired", field="command", message="Required value"
                )
            ],
            name=name,
        )
    container = pick_container(pod, body.container)
    rec = svc.container(stored.uid, container)
    runtime = svc.runtime
    if runtime is None or rec is None or not rec.running or rec.instance is None:
        raise APIError(st.bad_request(f"container {container} is not running in pod {name}"))
    result = await runtime.exec(
        stored.uid,
        rec.instance.id,
        body.command,
        stdin=body.stdin.encode() if body.stdin is not None else None,
        timeout=body.timeout_seconds,
    )
    return json_response(result)


HANDLERS = [pod_log, pod_exec]
