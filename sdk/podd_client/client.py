"""``Podd``: the synchronous client (``AsyncPodd`` in ``aio`` is the same shape).

podd = Podd()                                 # $XDG_RUNTIME_DIR/podd/podd.sock
podd = Podd(kubeconfig="~/.kube/podd.yaml")   # HTTPS, token and CA
pod = podd.pods.create(manifest)
podd.pods.wait("web", "Ready", timeout=60)
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
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
from ._generated.types import Response
from .connection import STREAM_TIMEOUT, Endpoint, endpoint

T = TypeVar("T")
# Consecutive dropped connections a watch resumes from before giving up.
MAX_RESUMES = 5


def _ok(response: Response[Any]) -> Any:
    """The parsed answer, or the typed exception for a Status."""
    if response.status_code >= 400 or response.parsed is None:
        raise errors.from_response(int(response.status_code), response.content)
    return response.parsed


class Resource(Generic[T]):
    """create, get, list, delete and watch of one namespaced kind."""

    def __init__(self, podd: Podd, kind: c.Kind) -> None:
        self._podd = podd
        self._kind = kind

    def _ns(self, namespace: str | None) -> str:
        return namespace or self._podd.namespace

    def create(self, obj: Any, namespace: str | None = None, *, dry_run: bool = False) -> T:
        """Create from a dict, a YAML string or a generated model."""
        body = c.to_body(obj, self._kind)
        ns = namespace or c.body_namespace(body) or self._podd.namespace
        params = {"dryRun": "All"} if dry_run else None
        r = self._podd.http.post(self._kind.collection(ns), json=body, params=params)
        if r.status_code >= 400:
            raise errors.from_response(r.status_code, r.content)
        created: T = self._kind.model.from_dict(r.json())
        return created

    def get(self, name: str, namespace: str | None = None) -> T:
        got: T = _ok(
            self._kind.get.sync_detailed(self._ns(namespace), name, client=self._podd.client)
        )
        return got

    def list(
        self,
        namespace: str | None = None,
        *,
        label_selector: str | None = None,
        field_selector: str | None = None,
        limit: int | None = None,
    ) -> Any:
        """The kind's list model (``items``, ``metadata.resource_version``)."""
        return _ok(
            self._kind.list.sync_detailed(
                self._ns(namespace),
                client=self._podd.client,
                label_selector=c.opt(label_selector),
                field_selector=c.opt(field_selector),
                limit=c.opt(limit),
            )
        )

    def delete(
        self, name: str, namespace: str | None = None, *, grace_period_seconds: int | None = None
    ) -> Any:
        """The deleted object (a pod: as it is while it terminates)."""
        return _ok(
            self._kind.delete.sync_detailed(
                self._ns(namespace),
                name,
                client=self._podd.client,
                grace_period_seconds=c.opt(grace_period_seconds),
            )
        )

    def watch(
        self,
        namespace: str | None = None,
        *,
        label_selector: str | None = None,
        field_selector: str | None = None,
        resource_version: str | None = None,
        timeout_seconds: int | None = None,
        bookmarks: bool = False,
        relist_on_gone: bool = True,
    ) -> Iterator[c.WatchEvent[T]]:
        """Changes as typed events, until ``timeout_seconds`` (forever without).

        A dropped connection is resumed from the last resourceVersion seen. When
        that version is too old (410 Gone), the kind is listed again and each
        object comes as ADDED (what a watch without a version starts with),
        then the watch goes on from the list's version; ``relist_on_gone=False``
        raises ``errors.Gone`` instead."""
        deadline = None if timeout_seconds is None else time.monotonic() + timeout_seconds
        rv, drops = resource_version, 0
        while deadline is None or time.monotonic() < deadline:
            left = None if deadline is None else int(deadline - time.monotonic() + 0.999)
            params = c.watch_params(label_selector, field_selector, rv, left, bookmarks)
            try:
                for event in self._stream(self._kind.collection(self._ns(namespace)), params):
                    drops = 0
                    rv = event.resource_version or rv
                    if event.type != "BOOKMARK" or bookmarks:
                        yield event
            except errors.Gone:
                if not relist_on_gone:
                    raise
                fresh = self.list(
                    namespace, label_selector=label_selector, field_selector=field_selector
                )
                rv = fresh.metadata.resource_version
                for item in fresh.items:
                    yield c.WatchEvent("ADDED", item)
            except (httpx.RemoteProtocolError, httpx.ReadError, httpx.ConnectError):
                drops += 1
                if drops > MAX_RESUMES:
                    raise
                time.sleep(0.2 * drops)

    def _stream(self, path: str, params: dict[str, str]) -> Iterator[c.WatchEvent[T]]:
        with self._podd.http.stream("GET", path, params=params, timeout=STREAM_TIMEOUT) as r:
            if r.status_code >= 400:
                raise errors.from_response(r.status_code, r.read())
            for line in r.iter_lines():
                if not line.strip():
                    continue
                event = c.decode_watch_line(line, self._kind)
                if event.type == "ERROR":
                    raise errors.status_error(event.object)
                yield event


class Pods(Resource[Pod]):
    """Pods: also wait, logs and exec."""

    def wait(
        self,
        name: str,
        condition: str | None = None,
        *,
        phase: str | None = None,
        timeout: float = 60,
        namespace: str | None = None,
    ) -> Pod:
        """The pod once ``condition`` ("Ready", "Ready=False", any type) is
        true or it is in ``phase``; ``errors.WaitTimeout`` after ``timeout``
        seconds, ``errors.NotFound`` when the pod is (or gets) deleted."""
        target = c.wait_target(condition, phase)
        what = f"for {condition or 'phase ' + str(phase)} of pod {name}"
        deadline = time.monotonic() + timeout
        pod = self.get(name, namespace)
        if c.pod_matches(pod, target, phase):
            return pod
        rv = pod.metadata.resource_version if pod.metadata else None
        while (left := deadline - time.monotonic()) > 0:
            for event in self.watch(
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

    def logs(
        self,
        name: str,
        namespace: str | None = None,
        *,
        container: str | None = None,
        follow: bool = False,
        tail_lines: int | None = None,
        timestamps: bool = False,
        previous: bool = False,
    ) -> Iterator[str]:
        """The log's lines (without their newline); with ``follow`` new lines
        as they are written, until the container stops."""
        path = f"{PODS_PATH.format(ns=self._ns(namespace))}/{name}/log"
        params = c.log_params(container, follow, tail_lines, timestamps, previous)
        with self._podd.http.stream("GET", path, params=params, timeout=STREAM_TIMEOUT) as r:
            if r.status_code >= 400:
                raise errors.from_response(r.status_code, r.read())
            yield from r.iter_lines()

    def exec(
        self,
        name: str,
        command: list[str],
        namespace: str | None = None,
        *,
        container: str | None = None,
        stdin: str | None = None,
        timeout: float = 60.0,
    ) -> ExecResult:
        """Run ``command`` in a running container: ``exit_code``, ``stdout``, ``stderr``."""
        body = ExecRequest(
            command=command, container=c.opt(container), stdin=c.opt(stdin), timeout_seconds=timeout
        )
        # The answer comes when the command ends: wait as long as podd lets it run.
        r = self._podd.http.post(
            c.exec_path(self._ns(namespace), name),
            json=body.to_dict(),
            timeout=httpx.Timeout(timeout + 30, connect=10.0),
        )
        if r.status_code >= 400:
            raise errors.from_response(r.status_code, r.content)
        result = ExecResult.from_dict(r.json())
        return result


PODS_PATH = "/api/v1/namespaces/{ns}/pods"


class Images:
    """podd's image store: pull (typed progress), list, get, delete."""

    def __init__(self, podd: Podd) -> None:
        self._podd = podd

    def pull(self, ref: str, *, platform: str | None = None) -> Iterator[c.PullEvent]:
        """Progress events (PullResolved, LayerProgress, ... PullComplete); a
        failed pull yields its PullFailed, then raises ``errors.PoddError``."""
        body = {"image": ref, **({"platform": platform} if platform else {})}
        http = self._podd.http
        with http.stream("POST", "/podd/v1/images/pull", json=body, timeout=STREAM_TIMEOUT) as r:
            if r.status_code >= 400:
                raise errors.from_response(r.status_code, r.read())
            for line in r.iter_lines():
                if line.strip():
                    event = c.decode_pull_line(line)
                    yield event
                    if isinstance(event, PullFailed):
                        raise errors.status_error(c.pull_failure(event), 500)

    def list(self) -> ImageList:
        images: ImageList = _ok(images_list.sync_detailed(client=self._podd.client))
        return images

    def get(self, ref: str) -> ImageRecord:
        record: ImageRecord = _ok(images_inspect.sync_detailed(ref, client=self._podd.client))
        return record

    def delete(self, ref: str, *, force: bool = False) -> RemoveReport:
        report: RemoveReport = _ok(
            images_remove.sync_detailed(
                ref, client=self._podd.client, force="true" if force else c.opt(None)
            )
        )
        return report


class Podd:
    """A connection to podd: over its unix socket, or HTTPS with a kubeconfig."""

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
        self.http = self.endpoint.sync_client()
        # The generated operations share the same connection.
        self.client = Client(base_url=self.endpoint.base_url).set_httpx_client(self.http)
        self.pods = Pods(self, c.PODS)
        self.configmaps: Resource[ConfigMap] = Resource(self, c.CONFIGMAPS)
        self.secrets: Resource[Secret] = Resource(self, c.SECRETS)
        self.events: Resource[Event] = Resource(self, c.EVENTS)
        self.images = Images(self)

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> Podd:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
