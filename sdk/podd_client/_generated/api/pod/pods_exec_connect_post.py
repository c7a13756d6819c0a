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
    command: list[str] | Unset = UNSET,
    container: str | Unset = UNSET,
    stdin: str | Unset = UNSET,
    stdout: str | Unset = UNSET,
    stderr: str | Unset = UNSET,
    tty: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_command: list[str] | Unset = UNSET
    if not isinstance(command, Unset):
        json_command = command

    params["command"] = json_command

    params["container"] = container

    params["stdin"] = stdin

    params["stdout"] = stdout

    params["stderr"] = stderr

    params["tty"] = tty

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/namespaces/{namespace}/pods/{name}/exec".format(
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
    command: list[str] | Unset = UNSET,
    container: str | Unset = UNSET,
    stdin: str | Unset = UNSET,
    stdout: str | Unset = UNSET,
    stderr: str | Unset = UNSET,
    tty: str | Unset = UNSET,
) -> Response[Any | Status]:
    """Run a command in a running container over a WebSocket. Subprotocols v5.channel.k8s.io,
    v4.channel.k8s.io (and the base64 flavours): each message starts with its channel's byte (0 stdin, 1
    stdout, 2 stderr, 3 the error channel's Status, 4 terminal size); v5 half-closes stdin with [255,
    0].

    Args:
        namespace (str):
        name (str):
        command (list[str] | Unset):
        container (str | Unset):
        stdin (str | Unset): false when 0 or false (any case), true otherwise
        stdout (str | Unset): false when 0 or false (any case), true otherwise
        stderr (str | Unset): false when 0 or false (any case), true otherwise
        tty (str | Unset): false when 0 or false (any case), true otherwise

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Status]
    """

    kwargs = _get_kwargs(
        namespace=namespace,
        name=name,
        command=command,
        container=container,
        stdin=stdin,
        stdout=stdout,
        stderr=stderr,
        tty=tty,
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
    command: list[str] | Unset = UNSET,
    container: str | Unset = UNSET,
    stdin: str | Unset = UNSET,
    stdout: str | Unset = UNSET,
    stderr: str | Unset = UNSET,
    tty: str | Unset = UNSET,
) -> Any | Status | None:
    """Run a command in a running container over a WebSocket. Subprotocols v5.channel.k8s.io,
    v4.channel.k8s.io (and the base64 flavours): each message starts with its channel's byte (0 stdin, 1
    stdout, 2 stderr, 3 the error channel's Status, 4 terminal size); v5 half-closes stdin with [255,
    0].

    Args:
        namespace (str):
        name (str):
        command (list[str] | Unset):
        container (str | Unset):
        stdin (str | Unset): false when 0 or false (any case), true otherwise
        stdout (str | Unset): false when 0 or false (any case), true otherwise
        stderr (str | Unset): false when 0 or false (any case), true otherwise
        tty (str | Unset): false when 0 or false (any case), true otherwise

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
        command=command,
        container=container,
        stdin=stdin,
        stdout=stdout,
        stderr=stderr,
        tty=tty,
    ).parsed


async def asyncio_detailed(
    namespace: str,
    name: str,
    *,
    client: AuthenticatedClient | Client,
    command: list[str] | Unset = UNSET,
    container: str | Unset = UNSET,
    stdin: str | Unset = UNSET,
    stdout: str | Unset = UNSET,
    stderr: str | Unset = UNSET,
    tty: str | Unset = UNSET,
) -> Response[Any | Status]:
    """Run a command in a running container over a WebSocket. Subprotocols v5.channel.k8s.io,
    v4.channel.k8s.io (and the base64 flavours): each message starts with its channel's byte (0 stdin, 1
    stdout, 2 stderr, 3 the error channel's Status, 4 terminal size); v5 half-closes stdin with [255,
    0].

    Args:
        namespace (str):
        name (str):
        command (list[str] | Unset):
        container (str | Unset):
        stdin (str | Unset): false when 0 or false (any case), true otherwise
        stdout (str | Unset): false when 0 or false (any case), true otherwise
        stderr (str | Unset): false when 0 or false (any case), true otherwise
        tty (str | Unset): false when 0 or false (any case), true otherwise

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Status]
    """

    kwargs = _get_kwargs(
        namespace=namespace,
        name=name,
        command=command,
        container=container,
        stdin=stdin,
        stdout=stdout,
        stderr=stderr,
        tty=tty,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    namespace: str,
    name: str,
    *,
    client: AuthenticatedClient | Client,
    command: list[str] | Unset = UNSET,
    container: str | Unset = UNSET,
    stdin: str | Unset = UNSET,
    stdout: str | Unset = UNSET,
    stderr: str | Unset = UNSET,
    tty: str | Unset = UNSET,
) -> Any | Status | None:
    """Run a command in a running container over a WebSocket. Subprotocols v5.channel.k8s.io,
    v4.channel.k8s.io (and the base64 flavours): each message starts with its channel's byte (0 stdin, 1
    stdout, 2 stderr, 3 the error channel's Status, 4 terminal size); v5 half-closes stdin with [255,
    0].

    Args:
        namespace (str):
        name (str):
        command (list[str] | Unset):
        container (str | Unset):
        stdin (str | Unset): false when 0 or false (any case), true otherwise
        stdout (str | Unset): false when 0 or false (any case), true otherwise
        stderr (str | Unset): false when 0 or false (any case), true otherwise
        tty (str | Unset): false when 0 or false (any case), true otherwise

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
            command=command,
            container=container,
            stdin=stdin,
            stdout=stdout,
            stderr=stderr,
            tty=tty,
        )
    ).parsed
