from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.status import Status
from ...types import UNSET, Response, Unset


def _get_kwargs(
    namespace: str,
    name: str,
    *,
    ports: list[int] | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_ports: list[int] | Unset = UNSET
    if not isinstance(ports, Unset):
        json_ports = ports

    params["ports"] = json_ports

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/namespaces/{namespace}/pods/{name}/portforward".format(
            namespace=quote(str(namespace), safe=""),
            name=quote(str(name), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Status | None:
    if response.status_code == 101:
        response_101 = cast(Any, None)
        return response_101

    if response.status_code == 400:
        response_400 = Status.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Status.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Status.from_dict(response.json())

        return response_404

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | Status]:
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
    ports: list[int] | Unset = UNSET,
) -> Response[Any | Status]:
    """Forward connections to the pod's ports over a WebSocket. Subprotocols SPDY/3.1+portforward.k8s.io
    (kubectl >= 1.31: SPDY streams inside the WebSocket, the port named by each stream) or
    v4.channel.k8s.io (and v4.base64.channel.k8s.io): channel 2i carries the data of the i-th of
    `ports`, 2i+1 its errors; the first message on each is the port, two bytes little-endian.

    Args:
        namespace (str):
        name (str):
        ports (list[int] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Status]
    """

    kwargs = _get_kwargs(
        namespace=namespace,
        name=name,
        ports=ports,
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
    ports: list[int] | Unset = UNSET,
) -> Any | Status | None:
    """Forward connections to the pod's ports over a WebSocket. Subprotocols SPDY/3.1+portforward.k8s.io
    (kubectl >= 1.31: SPDY streams inside the WebSocket, the port named by each stream) or
    v4.channel.k8s.io (and v4.base64.channel.k8s.io): channel 2i carries the data of the i-th of
    `ports`, 2i+1 its errors; the first message on each is the port, two bytes little-endian.

    Args:
        namespace (str):
        name (str):
        ports (list[int] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Status
    """

    return sync_detailed(
        namespace=namespace,
        name=name,
        client=client,
        ports=ports,
    ).parsed


async def asyncio_detailed(
    namespace: str,
    name: str,
    *,
    client: AuthenticatedClient | Client,
    ports: list[int] | Unset = UNSET,
) -> Response[Any | Status]:
    """Forward connections to the pod's ports over a WebSocket. Subprotocols SPDY/3.1+portforward.k8s.io
    (kubectl >= 1.31: SPDY streams inside the WebSocket, the port named by each stream) or
    v4.channel.k8s.io (and v4.base64.channel.k8s.io): channel 2i carries the data of the i-th of
    `ports`, 2i+1 its errors; the first message on each is the port, two bytes little-endian.

    Args:
        namespace (str):
        name (str):
        ports (list[int] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Status]
    """

    kwargs = _get_kwargs(
        namespace=namespace,
        name=name,
        ports=ports,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    namespace: str,
    name: str,
    *,
    client: AuthenticatedClient | Client,
    ports: list[int] | Unset = UNSET,
) -> Any | Status | None:
    """Forward connections to the pod's ports over a WebSocket. Subprotocols SPDY/3.1+portforward.k8s.io
    (kubectl >= 1.31: SPDY streams inside the WebSocket, the port named by each stream) or
    v4.channel.k8s.io (and v4.base64.channel.k8s.io): channel 2i carries the data of the i-th of
    `ports`, 2i+1 its errors; the first message on each is the port, two bytes little-endian.

    Args:
        namespace (str):
        name (str):
        ports (list[int] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Status
    """

    return (
        await asyncio_detailed(
            namespace=namespace,
            name=name,
            client=client,
            ports=ports,
        )
    ).parsed
