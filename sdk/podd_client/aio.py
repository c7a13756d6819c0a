"""``AsyncPodd``: the asyncio client, the same shape as ``Podd``.

async with AsyncPodd() as podd:
    await podd.pods.create(manifest)
    async for ev in podd.pods.watch(label_selector="app=web", timeout_seconds=5): ...
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import AsyncIterator
from typing import Any, Generic, TypeVar

import httpx

from . import _common as c
from . import errors
from ._generated.api.image import images_inspect, images_list, images_remove
from ._generated.client import Client
from ._generated.models import (
    ConfigMap,
    Event,
    ExecRequest,
    ExecResult,
    ImageList,
    ImageRecord,
    Pod,
    PullFailed,
    RemoveReport,
    Secret,
)
from .client import MAX_RESUMES, PODS_PATH, _ok
from .connection import STREAM_TIMEOUT, Endpoint, endpoint

T = TypeVar("T")


class AsyncResource(Generic[T]):
    """create, get, list, delete and watch of one namespaced kind."""

    def __init__(self, podd: AsyncPodd, kind: c.Kind) -> None:
        self._podd = podd
        self._kind = kind

    def _ns(self, namespace: str | None) -> str:
        return namespace or self._podd.namespace

    async def create(self, obj: Any, namespace: str | None = None, *, dry_run: bool = False) -> T:
        body = c.to_body(obj, self._kind)
        ns = namespace or c.body_namespace(body) or self._podd.namespace
        params = {"dryRun": "All"} if dry_run else None
        r = await self._podd.http.post(self._kind.collection(ns), json=body, params=params)
        if r.status_code >= 400:
            raise errors.from_response(r.status_code, r.content)
        created: T = self._kind.model.from_dict(r.json())
        return created

    async def get(self, name: str, namespace: str | None = None) -> T:
        response = await self._kind.get.asyncio_detailed(
            self._ns(namespace), name, client=self._podd.client
        )
        got: T = _ok(response)
        return got

    async def list(
        self,
        namespace: str | None = None,
        *,
        label_selector: str | None = None,
        field_selector: str | None = None,
        limit: int | None = None,
    ) -> Any:
        response = await self._kind.list.asyncio_detailed(
            self._ns(namespace),
            client=self._podd.client,
            label_selector=c.opt(label_selector),
            field_selector=c.opt(field_selector),
            limit=c.opt(limit),
        )
        return _ok(response)

    async def delete(
        self, name: str, namespace: str | None = None, *, grace_period_seconds: int | None = None
    ) -> Any:
        response = await self._kind.delete.asyncio_detailed(
            self._ns(namespace),
            name,
            client=self._podd.client,
            grace_period_seconds=c.opt(grace_period_seconds),
        )
        return _ok(response)

    async def watch(
        self,
        namespace: str | None = None,
        *,
        label_selector: str | None = None,
        field_selector: str | None = None,
        resource_version: str | None = None,
        timeout_seconds: int | None = None,
        bookmarks: bool = False,
        relist_on_gone: bool = True,
    ) -> AsyncIterator[c.WatchEvent[T]]:
        """As ``Podd``'s watch: resumes from the last resourceVersion, relists on 410."""
        deadline = None if timeout_seconds is None else time.monotonic() + timeout_seconds
        rv, drops = resource_version, 0
        while deadline is None or time.monotonic() < deadline:
            left = None if deadline is None else int(deadline - time.monotonic() + 0.999)
            params = c.watch_params(label_selector, field_selector, rv, left, bookmarks)
            try:
                async for event in self._stream(self._kind.collection(self._ns(namespace)), params):
                    drops = 0
                    rv = event.resource_version or rv
                    if event.type != "BOOKMARK" or bookmarks:
                        yield event
            except errors.Gone:
                if not relist_on_gone:
                    raise
                fresh = await self.list(
                    namespace, label_selector=label_selector, field_selector=field_selector
                )
                rv = fresh.metadata.resource_version
                for item in fresh.items:
                    yield c.WatchEvent("ADDED", item)
            except (httpx.RemoteProtocolError, httpx.ReadError, httpx.ConnectError):
                drops += 1
                if drops > MAX_RESUMES:
                    raise
                await asyncio.sleep(0.2 * drops)

    async def _stream(self, path: str, params: dict[str, str]) -> AsyncIterator[c.WatchEvent[T]]:
        http = self._podd.http
        async with http.stream("GET", path, params=params, timeout=STREAM_TIMEOUT) as r:
            if r.status_code >= 400:
                raise errors.from_response(r.status_code, await r.aread())
            async for line in r.aiter_lines():
                if not line.strip():
                    continue
                event = c.decode_watch_line(line, self._kind)
                if event.type == "ERROR":
                    raise errors.status_error(event.object)
                yield event


class AsyncPods(AsyncResource[Pod]):
    """Pods: also wait, logs and exec."""

    async def wait(
        self,
        name: str,
        condition: str | None = None,
        *,
        phase: str | None = None,
        timeout: float = 60,
        namespace: str | None = None,
    ) -> Pod:
        """As ``Podd``'s: the pod once the condition holds or it is in ``phase``."""
        target = c.wait_target(condition, phase)
        what = f"for {condition or 'phase ' + str(phase)} of pod {name}"
        deadline = time.monotonic() + timeout
        pod = await self.get(name, namespace)
        if c.pod_matches(pod, target, phase):
            return pod
        rv = pod.metadata.resource_version if pod.metadata else None
        while (left := deadline - time.monotonic()) > 0:
            async for event in self.watch(
                namespace,
                field_selector=c.name_selector(name),
                resource_version=rv if isinstance(rv, str) else None,
                timeout_seconds=max(1, int(left + 0.999)),
            ):
                if event.type == "DELETED":
                    raise errors.NotFound(c.deleted_status(name), 404)
                if c.pod_matches(event.object, target, phase):
                    return event.object
                rv = event.resource_version
                if time.monotonic() >= deadline:
                    break
        raise errors.WaitTimeout(c.timeout_status(what), 504)

    async def logs(
        self,
        name: str,
        namespace: str | None = None,
        *,
        container: str | None = None,
        follow: bool = False,
        tail_lines: int | None = None,
        timestamps: bool = False,
        previous: bool = False,
    ) -> AsyncIterator[str]:
        path = f"{PODS_PATH.format(ns=self._ns(namespace))}/{name}/log"
        params = c.log_params(container, follow, tail_lines, timestamps, previous)
        http = self._podd.http
        async with http.stream("GET", path, params=params, timeout=STREAM_TIMEOUT) as r:
            if r.status_code >= 400:
                raise errors.from_response(r.status_code, await r.aread())
            async for line in r.aiter_lines():
                yield line

    async def exec(
        self,
        name: str,
        command: list[str],
        namespace: str | None = None,
        *,
        container: str | None = None,
        stdin: str | None = None,
        timeout: float = 60.0,
    ) -> ExecResult:
        body = ExecRequest(
            command=command, container=c.opt(container), stdin=c.opt(stdin), timeout_seconds=timeout
        )
        # The answer comes when the command ends: wait as long as podd lets it run.
        r = await self._podd.http.post(
            c.exec_path(self._ns(namespace), name),
            json=body.to_dict(),
            timeout=httpx.Timeout(timeout + 30, connect=10.0),
        )
        if r.status_code >= 400:
            raise errors.from_response(r.status_code, r.content)
        result = ExecResult.from_dict(r.json())
        return result


class AsyncImages:
    """podd's image store: pull (typed progress), list, get, delete."""

    def __init__(self, podd: AsyncPodd) -> None:
        self._podd = podd

    async def pull(self, ref: str, *, platform: str | None = None) -> AsyncIterator[c.PullEvent]:
        body = {"image": ref, **({"platform": platform} if platform else {})}
        http = self._podd.http
        path = "/podd/v1/images/pull"
        async with http.stream("POST", path, json=body, timeout=STREAM_TIMEOUT) as r:
            if r.status_code >= 400:
                raise errors.from_response(r.status_code, await r.aread())
            async for line in r.aiter_lines():
                if line.strip():
                    event = c.decode_pull_line(line)
                    yield event
                    if isinstance(event, PullFailed):
                        raise errors.status_error(c.pull_failure(event), 500)

    async def list(self) -> ImageList:
        images: ImageList = _ok(await images_list.asyncio_detailed(client=self._podd.client))
        return images

    async def get(self, ref: str) -> ImageRecord:
        response = await images_inspect.asyncio_detailed(ref, client=self._podd.client)
        record: ImageRecord = _ok(response)
        return record

    async def delete(self, ref: str, *, force: bool = False) -> RemoveReport:
        response = await images_remove.asyncio_detailed(
            ref, client=self._podd.client, force="true" if force else c.opt(None)
        )
        report: RemoveReport = _ok(response)
        return report


class AsyncPodd:
    """An asyncio connection to podd: its unix socket, or HTTPS with a kubeconfig."""

    def __init__(
        self,
        socket: str | os.PathLike[str] | None = None,
        *,
        kubeconfig: str | os.PathLike[str] | None = None,
        context: str | None = None,
        namespace: str | None = None,
    ) -> None:
        self.endpoint: Endpoint = endpoint(socket, kubeconfig, context, namespace)
        self.namespace = self.endpoint.namespace
        self.http = self.endpoint.async_client()
        self.client = Client(base_url=self.endpoint.base_url).set_async_httpx_client(self.http)
        self.pods = AsyncPods(self, c.PODS)
        self.configmaps: AsyncResource[ConfigMap] = AsyncResource(self, c.CONFIGMAPS)
        self.secrets: AsyncResource[Secret] = AsyncResource(self, c.SECRETS)
        self.events: AsyncResource[Event] = AsyncResource(self, c.EVENTS)
        self.images = AsyncImages(self)

    async def aclose(self) -> None:
        await self.http.aclose()

    async def __aenter__(self) -> AsyncPodd:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()
