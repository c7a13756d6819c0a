"""Building responses: JSON bytes straight from msgspec, Status for errors."""

from __future__ import annotations

from typing import Any

from litestar import Response

from podd.model.base import encode

JSON = "application/json"


def json_response(
    obj: Any, status_code: int = 200, *, warnings: list[str] | None = None
) -> Response[bytes]:
    body = obj if isinstance(obj, bytes) else encode(obj)
    headers: dict[str, str] = {}
    if warnings:
        # RFC 7234 warn-code 299, as the apiserver sends them; kubectl prints them.
        headers["Warning"] = ", ".join(f'299 - "{_quote(w)}"' for w in warnings)
    return Response(body, status_code=status_code, media_type=JSON, headers=headers)


def _quote(text: str) -> str:
    # Header values are Latin-1: anything else is escaped, never a 500.
    text = text.encode("latin-1", "backslashreplace").decode("latin-1")
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
