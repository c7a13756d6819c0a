"""Health, version and podd's own info endpoints."""

from __future__ import annotations

import asyncio
import platform
from typing import Any

from litestar import Request, Response, get

from podd import __version__
from podd.api.respond import json_response
from podd.api.routes import services
from podd.doctor import examine
from podd.runtime import RuntimeEnv


def _plain(text: str, code: int = 200) -> Response[bytes]:
    return Response(text.encode(), status_code=code, media_type="text/plain")


HEALTH = {"verb": "health", "media": "text/plain", "public": True}


@get("/healthz", opt={"openapi": HEALTH})
async def healthz() -> Response[bytes]:
    return _plain("ok")


@get("/livez", opt={"openapi": HEALTH})
async def livez() -> Response[bytes]:
    return _plain("ok")


@get("/readyz", opt={"openapi": {**HEALTH, "plain_errors": {503: "not ready"}}})
async def readyz(request: Request[Any, Any, Any]) -> Response[bytes]:
    svc = services(request)
    return _plain("ok") if svc.ready else _plain("not ready", 503)


KUBE_COMPAT = "1.32"


def version_info() -> dict[str, str]:
    major, minor = KUBE_COMPAT.split(".")
    return {
        "major": major,
        "minor": minor,
        "gitVersion": f"v{KUBE_COMPAT}.0-podd.{__version__}",
        "gitCommit": "",
        "gitTreeState": "clean",
        "buildDate": "",
        "goVersion": f"python{platform.python_version()}",
        "compiler": "cpython",
        "platform": f"linux/{platform.machine()}",
        "poddVersion": __version__,
    }


@get("/version", opt={"openapi": {"verb": "version"}})
async def version() -> Response[bytes]:
    return json_response(version_info())


@get("/podd/v1/info", opt={"openapi": {"verb": "info"}})
async def info(request: Request[Any, Any, Any]) -> Response[bytes]:
    svc = services(request)
    # podd doctor's findings, fresh: a fixed host shows at once (it runs a few
    # --version commands, so off the loop); the user-namespace and overlay
    # proofs are podd's own (made at start, and by the first pod).
    env = getattr(svc.runtime, "env", None)
    rootfs = env.rootfs.info if isinstance(env, RuntimeEnv) else None
    doctor = await asyncio.to_thread(
        examine, svc.settings, host=svc.host, rootfs=rootfs, probe=False
    )
    return json_response({**svc.info(), "doctor": doctor})


HANDLERS = [healthz, livez, readyz, version, info]
