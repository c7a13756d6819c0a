import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.pods_log_stream import PodsLogStream
from ...models.status import Status
from ...types import UNSET, Response, Unset


def _get_kwargs(
    namespace: str,
    name: str,
    *,
    container: str | Unset = UNSET,
    follow: str | Unset = UNSET,
    previous: str | Unset = UNSET,
    since_seconds: int | Unset = UNSET,
    since_time: datetime.datetime | Unset = UNSET,
    timestamps: str | Unset = UNSET,
    tail_lines: int | Unset = UNSET,
    limit_bytes: int | Unset = UNSET,
    stream: PodsLogStream | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["container"] = container

    params["follow"] = follow

    params["previous"] = previous

    params["sinceSeconds"] = since_seconds

    json_since_time: str | Unset = UNSET
    if not isinstance(since_time, Unset):
        json_since_time = since_time.isoformat()
    params["sinceTime"] = json_since_time

    params["timestamps"] = timestamps

    params["tailLines"] = tail_lines

    params["limitBytes"] = limit_bytes

    json_stream: str | Unset = UNSET
    if not isinstance(stream, Unset):
        json_stream = stream

    params["stream"] = json_stream

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/namespaces/{namespace}/pods/{name}/log".format(
            namespace=quote(str(namespace), safe=""),
            name=quote(str(name), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Status | str | None:
    if response.status_code == 200:
        response_200 = response.text
        return response_200

    if response.status_code == 400:
        response_400 = Status.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Status.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Status.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = Status.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Status | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    namespace: str,
    name: str,
    *,
    client: AuthenticatedClient | Client,
    container: str | Unset = UNSET,
    follow: str | Unset = UNSET,
    previous: str | Unset = UNSET,
    since_seconds: int | Unset = UNSET,
    since_time: datetime.datetime | Unset = UNSET,
    timestamps: str | Unset = UNSET,
    tail_lines: int | Unset = UNSET,
    limit_bytes: int | Unset = UNSET,
    stream: PodsLogStream | Unset = UNSET,
) -> Response[Status | str]:
    """
    Args:
        namespace (str):
        name (str):
        container (str | Unset):
        follow (str | Unset): false when 0 or false (any case), true otherwise
        previous (str | Unset): false when 0 or false (any case), true otherwise
        since_seconds (int | Unset):
        since_time (datetime.datetime | Unset):
        timestamps (str | Unset): false when 0 or false (any case), true otherwise
        tail_lines (int | Unset):
        limit_bytes (int | Unset):
        stream (PodsLogStream | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Status | str]
    """

    kwargs = _get_kwargs(
        namespace=namespace,
        name=name,
        container=container,
        follow=follow,
        previous=previous,
        since_seconds=since_seconds,
        since_time=since_time,
        timestamps=timestamps,
        tail_lines=tail_lines,
        limit_bytes=limit_bytes,
        stream=stream,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    namespace: str,
    name: str,
    *,
    client: AuthenticatedClient | Client,
    container: str | Unset = UNSET,
    follow: str | Unset = UNSET,
    previous: str | Unset = UNSET,
    since_seconds: int | Unset = UNSET,
    since_time: datetime.datetime | Unset = UNSET,
    timestamps: str | Unset = UNSET,
    tail_lines: int | Unset = UNSET,
    limit_bytes: int | Unset = UNSET,
    stream: PodsLogStream | Unset = UNSET,
) -> Status | str | None:
    """
    Args:
        namespace (str):
        name (str):
        container (str | Unset):
        follow (str | Unset): false when 0 or false (any case), true otherwise
        previous (str | Unset): false when 0 or false (any case), true otherwise
        since_seconds (int | Unset):
        since_time (datetime.datetime | Unset):
        timestamps (str | Unset): false when 0 or false (any case), true otherwise
        tail_lines (int | Unset):
        limit_bytes (int | Unset):
        stream (PodsLogStream | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Status | str
    """

    return sync_detailed(
        namespace=namespace,
        name=name,
        client=client,
        container=container,
        follow=follow,
        previous=previous,
        since_seconds=since_seconds,
        since_time=since_time,
        timestamps=timestamps,
        tail_lines=tail_lines,
        limit_bytes=limit_bytes,
        stream=stream,
    ).parsed


async def asyncio_detailed(
    namespace: str,
    name: str,
    *,
    client: AuthenticatedClient | Client,
    container: str | Unset = UNSET,
    follow: str | Unset = UNSET,
    previous: str | Unset = UNSET,
    since_seconds: int | Unset = UNSET,
    since_time: datetime.datetime | Unset = UNSET,
    timestamps: str | Unset = UNSET,
    tail_lines: int | Unset = UNSET,
    limit_bytes: int | Unset = UNSET,
    stream: PodsLogStream | Unset = UNSET,
) -> Response[Status | str]:
    """
    Args:
        namespace (str):
        name (str):
        container (str | Unset):
        follow (str | Unset): false when 0 or false (any case), true otherwise
        previous (str | Unset): false when 0 or false (any case), true otherwise
        since_seconds (int | Unset):
        since_time (datetime.datetime | Unset):
        timestamps (str | Unset): false when 0 or false (any case), true otherwise
        tail_lines (int | Unset):
        limit_bytes (int | Unset):
        stream (PodsLogStream | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Status | str]
    """

    kwargs = _get_kwargs(
        namespace=namespace,
        name=name,
        container=container,
        follow=follow,
        previous=previous,
        since_seconds=since_seconds,
        since_time=since_time,
        timestamps=timestamps,
        tail_lines=tail_lines,
        limit_bytes=limit_bytes,
        stream=stream,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    namespace: str,
    name: str,
    *,
    client: AuthenticatedClient | Client,
    container: str | Unset = UNSET,
    follow: str | Unset = UNSET,
    previous: str | Unset = UNSET,
    since_seconds: int | Unset = UNSET,
    since_time: datetime.datetime | Unset = UNSET,
    timestamps: str | Unset = UNSET,
    tail_lines: int | Unset = UNSET,
    limit_bytes: int | Unset = UNSET,
    stream: PodsLogStream | Unset = UNSET,
) -> Status | str | None:
    """
    Args:
        namespace (str):
        name (str):
        container (str | Unset):
        follow (str | Unset): false when 0 or false (any case), true otherwise
        previous (str | Unset): false when 0 or false (any case), true otherwise
        since_seconds (int | Unset):
        since_time (datetime.datetime | Unset):
        timestamps (str | Unset): false when 0 or false (any case), true otherwise
        tail_lines (int | Unset):
        limit_bytes (int | Unset):
        stream (PodsLogStream | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Status | str
    """

    return (
        await asyncio_detailed(
            namespace=namespace,
            name=name,
            client=client,
            container=container,
            follow=follow,
            previous=previous,
            since_seconds=since_seconds,
            since_time=since_time,
            timestamps=timestamps,
            tail_lines=tail_lines,
            limit_bytes=limit_bytes,
            stream=stream,
        )
    ).parsed
