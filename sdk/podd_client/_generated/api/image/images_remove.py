from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.remove_report import RemoveReport
from ...models.status import Status
from ...types import UNSET, Response, Unset


def _get_kwargs(
    ref: str,
    *,
    force: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["force"] = force

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/podd/v1/images/{ref}".format(
            ref=quote(str(ref), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> RemoveReport | Status | None:
    if response.status_code == 200:
        response_200 = RemoveReport.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Status.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Status.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Status.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = Status.from_dict(response.json())

        return response_422

    if response.status_code == 503:
        response_503 = Status.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[RemoveReport | Status]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    ref: str,
    *,
    client: AuthenticatedClient | Client,
    force: str | Unset = UNSET,
) -> Response[RemoveReport | Status]:
    """
    Args:
        ref (str):
        force (str | Unset): false when 0 or false (any case), true otherwise

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[RemoveReport | Status]
    """

    kwargs = _get_kwargs(
        ref=ref,
        force=force,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    ref: str,
    *,
    client: AuthenticatedClient | Client,
    force: str | Unset = UNSET,
) -> RemoveReport | Status | None:
    """
    Args:
        ref (str):
        force (str | Unset): false when 0 or false (any case), true otherwise

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        RemoveReport | Status
    """

    return sync_detailed(
        ref=ref,
        client=client,
        force=force,
    ).parsed


async def asyncio_detailed(
    ref: str,
    *,
    client: AuthenticatedClient | Client,
    force: str | Unset = UNSET,
) -> Response[RemoveReport | Status]:
    """
    Args:
        ref (str):
        force (str | Unset): false when 0 or false (any case), true otherwise

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[RemoveReport | Status]
    """

    kwargs = _get_kwargs(
        ref=ref,
        force=force,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    ref: str,
    *,
    client: AuthenticatedClient | Client,
    force: str | Unset = UNSET,
) -> RemoveReport | Status | None:
    """
    Args:
        ref (str):
        force (str | Unset): false when 0 or false (any case), true otherwise

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        RemoveReport | Status
    """

    return (
        await asyncio_detailed(
            ref=ref,
            client=client,
            force=force,
        )
    ).parsed
