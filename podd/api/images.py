"""``/podd/v1/images``: list, inspect, pull (NDJSON progress), import, remove, prune."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import msgspec
from litestar import Request, Response, delete, get, post
from litestar.response import Stream

from podd.api.errors import APIError
from podd.api.openapi_params import BOOL, IMAGE_REFERENCE, query
from podd.api.query import flag
from podd.api.respond import json_response
from podd.api.routes import services, with_options
from podd.images import ImageManager, ImageRecord, PullEvent, RemoveReport, encode_event
from podd.images.errors import ImageError
from podd.model import status as st
from podd.model.field import StatusCause

IMPORT_MAX_BYTES = 64 * 1024**3  # images are big; the disk is the limit


class PullRequest(msgspec.Struct, forbid_unknown_fields=True):
    image: str
    platform: str | None = None


class ImageSummary(msgspec.Struct, rename="camel", omit_defaults=True):
    id: str
    names: list[str]
    digests: list[str]
    size: int
    created: str | None = None


class ImageList(msgspec.Struct, rename="camel"):
    items: list[ImageSummary]


def _images(request: Request[Any, Any, Any]) -> ImageManager:
    mgr = services(request).images
    if mgr is None:
        raise APIError(
            st.Status(
                status="Failure",
                code=503,
                reason="ServiceUnavailable",
                message="the image store is not available",
            )
        )
    return mgr


def _summary(r: ImageRecord) -> ImageSummary:
    return ImageSummary(id=r.id, names=r.names, digests=r.digests, size=r.size, created=r.created)


def _ref(ref: str) -> str:
    return ref.lstrip("/")


@get(
    "/podd/v1/images",
    name="images-list",
    opt={"openapi": {"verb": "list", "tag": "Image", "response": ImageList, "errors": (503,)}},
)
async def list_images(request: Request[Any, Any, Any]) -> Response[bytes]:
    records = await _images(request).list_images()
    return json_response(ImageList([_summary(r) for r in records]))


@get(
    "/podd/v1/images/{ref:path}",
    name="images-inspect",
    opt={
        "openapi": {
            "verb": "get",
            "tag": "Image",
            "response": ImageRecord,
            "errors": (404, 422, 503),
        }
    },
)
async def inspect_image(request: Request[Any, Any, Any], ref: str) -> Response[bytes]:
    return json_response(await _images(request).inspect(_ref(ref)))


@post(
    "/podd/v1/images/pull",
    name="images-pull",
    status_code=200,
    opt={
        "openapi": {
            "verb": "pull",
            "tag": "Image",
            "request": PullRequest,
            "response": PullEvent,  # one per line
            "media": "application/x-ndjson",
            "errors": (400, 422, 503),
        }
    },
)
async def pull_image(request: Request[Any, Any, Any]) -> Stream:
    """Progress as NDJSON, a line per event, the last one the image id or the
    error. The pull goes on if the client goes away."""
    try:
        body = msgspec.json.decode(await request.body(), type=PullRequest)
    except msgspec.ValidationError as exc:
        raise APIError(
            st.invalid(
                "PullRequest",
                "",
                [StatusCause(reason="FieldValueInvalid", message=str(exc), field="image")],
            )
        ) from None
    except msgspec.DecodeError as exc:
        raise APIError(st.bad_request(f"invalid body: {exc}")) from None
    handle = _images(request).start_pull(body.image, platform=body.platform)

    async def lines() -> AsyncIterator[bytes]:
        async for event in handle.events():
            yield encode_event(event)

    return Stream(lines(), media_type="application/x-ndjson")


@post(
    "/podd/v1/images/import",
    name="images-import",
    status_code=200,
    request_max_body_size=IMPORT_MAX_BYTES,
    opt={
        "openapi": {
            "verb": "import",
            "tag": "Image",
            "response": ImageList,
            "params": [
                query(
                    "tag",
                    {"type": "string", "pattern": IMAGE_REFERENCE},
                    "name the imported image (one image in the archive)",
                )
            ],
            "request_schema": {"type": "string", "format": "binary"},
            "request_media": ("application/x-tar", "application/octet-stream"),
            "errors": (400, 413, 422, 503, 507),
        }
    },
)
async def import_image(request: Request[Any, Any, Any]) -> Response[bytes]:
    """Import an OCI layout tar or a ``docker save`` tar sent as the body."""
    mgr = _images(request)
    tmpdir = mgr.data_dir / "tmp"
    tmpdir.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix="import-", suffix=".tar", dir=tmpdir)
    path = Path(name)
    try:
        with os.fdopen(fd, "wb") as out:
            async for chunk in request.stream():
                out.write(chunk)
        records = await mgr.import_archive(path, tag=request.query_params.get("tag") or None)
    except ImageError as exc:
        # Where the upload was spooled is the server's business, not the client's.
        exc.message = exc.message.replace(str(path), "the archive")
        raise
    finally:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    return json_response(ImageList([_summary(r) for r in records]))


@delete(
    "/podd/v1/images/{ref:path}",
    name="images-remove",
    status_code=200,
    opt={
        "openapi": {
            "verb": "delete",
            "tag": "Image",
            "response": RemoveReport,
            "params": [query("force", BOOL, "delete an image pods use")],
            "errors": (404, 409, 422, 503),
        }
    },
)
async def remove_image(request: Request[Any, Any, Any], ref: str) -> Response[bytes]:
    force = flag(request.query_params, "force")
    return json_response(await _images(request).remove(_ref(ref), force=force))


@post(
    "/podd/v1/images/prune",
    name="images-prune",
    status_code=200,
    opt={
        "openapi": {
            "verb": "prune",
            "tag": "Image",
            "response": RemoveReport,
            "params": [query("all", BOOL, "also images with a name")],
            "errors": (503,),
        }
    },
)
async def prune_images(request: Request[Any, Any, Any]) -> Response[bytes]:
    return json_response(await _images(request).prune(all=flag(request.query_params, "all")))


HANDLERS = with_options(
    [list_images, pull_image, import_image, prune_images, inspect_image, remove_image]
)
