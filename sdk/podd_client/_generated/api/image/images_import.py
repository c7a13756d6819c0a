from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.image_list import ImageList
from ...models.status import Status
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    *,
    body: File,
    tag: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["tag"] = tag

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/podd/v1/images/import",
        "params": params,
    }

    _kwargs["content"] = body.payload
    headers["Content-Type"] = "application/octet-stream"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ImageList | Status | None:
    if response.status_code == 200:
        response_200 = ImageList.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Status.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Status.from_dict(response.json())

        return response_401

    if response.status_code == 413:
        response_413 = Status.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = Status.from_dict(response.json())

        return response_422

    if response.status_code == 503:
        response_503 = Status.from_dict(response.json())

        return response_503

    if response.status_code == 507:
        response_507 = Status.from_dict(response.json())

        return response_507

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ImageList | Status]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: File,
    tag: str | Unset = UNSET,
) -> Response[ImageList | Status]:
    """
    Args:
        tag (str | Unset):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ImageList | Status]
    """

    kwargs = _get_kwargs(
        body=body,
        tag=tag,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: File,
    tag: str | Unset = UNSET,
) -> ImageList | Status | None:
    """
    Args:
        tag (str | Unset):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ImageList | Status
    """

    return sync_detailed(
        client=client,
        body=body,
        tag=tag,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: File,
    tag: str | Unset = UNSET,
) -> Response[ImageList | Status]:
    """
    Args:
        tag (str | Unset):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ImageList | Status]
    """

    kwargs = _get_kwargs(
        body=body,
        tag=tag,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: File,
    tag: str | Unset = UNSET,
) -> ImageList | Status | None:
    """
    Args:
        tag (str | Unset):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ImageList | Status
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            tag=tag,
        )
    ).parsed
