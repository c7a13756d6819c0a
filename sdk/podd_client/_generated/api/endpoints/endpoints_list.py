from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.endpoints_list import EndpointsList
from ...models.status import Status
from ...models.watch_event import WatchEvent
from ...types import UNSET, Response, Unset


def _get_kwargs(
    namespace: str,
    *,
    label_selector: str | Unset = UNSET,
    field_selector: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    continue_: str | Unset = UNSET,
    resource_version: str | Unset = UNSET,
    watch: str | Unset = UNSET,
    timeout_seconds: int | Unset = UNSET,
    allow_watch_bookmarks: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["labelSelector"] = label_selector

    params["fieldSelector"] = field_selector

    params["limit"] = limit

    params["continue"] = continue_

    params["resourceVersion"] = resource_version

    params["watch"] = watch

    params["timeoutSeconds"] = timeout_seconds

    params["allowWatchBookmarks"] = allow_watch_bookmarks

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/namespaces/{namespace}/endpoints".format(
            namespace=quote(str(namespace), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EndpointsList | WatchEvent | Status | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> EndpointsList | WatchEvent:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_200_type_0 = EndpointsList.from_dict(data)

                return response_200_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_200_type_1 = WatchEvent.from_dict(data)

            return response_200_type_1

        response_200 = _parse_response_200(response.json())

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

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[EndpointsList | WatchEvent | Status]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    namespace: str,
    *,
    client: AuthenticatedClient | Client,
    label_selector: str | Unset = UNSET,
    field_selector: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    continue_: str | Unset = UNSET,
    resource_version: str | Unset = UNSET,
    watch: str | Unset = UNSET,
    timeout_seconds: int | Unset = UNSET,
    allow_watch_bookmarks: str | Unset = UNSET,
) -> Response[EndpointsList | WatchEvent | Status]:
    """
    Args:
        namespace (str):
        label_selector (str | Unset):
        field_selector (str | Unset):
        limit (int | Unset):
        continue_ (str | Unset):
        resource_version (str | Unset):
        watch (str | Unset): false when 0 or false (any case), true otherwise
        timeout_seconds (int | Unset):
        allow_watch_bookmarks (str | Unset): false when 0 or false (any case), true otherwise

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EndpointsList | WatchEvent | Status]
    """

    kwargs = _get_kwargs(
        namespace=namespace,
        label_selector=label_selector,
        field_selector=field_selector,
        limit=limit,
        continue_=continue_,
        resource_version=resource_version,
        watch=watch,
        timeout_seconds=timeout_seconds,
        allow_watch_bookmarks=allow_watch_bookmarks,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    namespace: str,
    *,
    client: AuthenticatedClient | Client,
    label_selector: str | Unset = UNSET,
    field_selector: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    continue_: str | Unset = UNSET,
    resource_version: str | Unset = UNSET,
    watch: str | Unset = UNSET,
    timeout_seconds: int | Unset = UNSET,
    allow_watch_bookmarks: str | Unset = UNSET,
) -> EndpointsList | WatchEvent | Status | None:
    """
    Args:
        namespace (str):
        label_selector (str | Unset):
        field_selector (str | Unset):
        limit (int | Unset):
        continue_ (str | Unset):
        resource_version (str | Unset):
        watch (str | Unset): false when 0 or false (any case), true otherwise
        timeout_seconds (int | Unset):
        allow_watch_bookmarks (str | Unset): false when 0 or false (any case), true otherwise

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EndpointsList | WatchEvent | Status
    """

    return sync_detailed(
        namespace=namespace,
        client=client,
        label_selector=label_selector,
        field_selector=field_selector,
        limit=limit,
        continue_=continue_,
        resource_version=resource_version,
        watch=watch,
        timeout_seconds=timeout_seconds,
        allow_watch_bookmarks=allow_watch_bookmarks,
    ).parsed


async def asyncio_detailed(
    namespace: str,
    *,
    client: AuthenticatedClient | Client,
    label_selector: str | Unset = UNSET,
    field_selector: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    continue_: str | Unset = UNSET,
    resource_version: str | Unset = UNSET,
    watch: str | Unset = UNSET,
    timeout_seconds: int | Unset = UNSET,
    allow_watch_bookmarks: str | Unset = UNSET,
) -> Response[EndpointsList | WatchEvent | Status]:
    """
    Args:
        namespace (str):
        label_selector (str | Unset):
        field_selector (str | Unset):
        limit (int | Unset):
        continue_ (str | Unset):
        resource_version (str | Unset):
        watch (str | Unset): false when 0 or false (any case), true otherwise
        timeout_seconds (int | Unset):
        allow_watch_bookmarks (str | Unset): false when 0 or false (any case), true otherwise

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EndpointsList | WatchEvent | Status]
    """

    kwargs = _get_kwargs(
        namespace=namespace,
        label_selector=label_selector,
        field_selector=field_selector,
        limit=limit,
        continue_=continue_,
        resource_version=resource_version,
        watch=watch,
        timeout_seconds=timeout_seconds,
        allow_watch_bookmarks=allow_watch_bookmarks,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    namespace: str,
    *,
    client: AuthenticatedClient | Client,
    label_selector: str | Unset = UNSET,
    field_selector: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    continue_: str | Unset = UNSET,
    resource_version: str | Unset = UNSET,
    watch: str | Unset = UNSET,
    timeout_seconds: int | Unset = UNSET,
    allow_watch_bookmarks: str | Unset = UNSET,
) -> EndpointsList | WatchEvent | Status | None:
    """
    Args:
        namespace (str):
        label_selector (str | Unset):
        field_selector (str | Unset):
        limit (int | Unset):
        continue_ (str | Unset):
        resource_version (str | Unset):
        watch (str | Unset): false when 0 or false (any case), true otherwise
        timeout_seconds (int | Unset):
        allow_watch_bookmarks (str | Unset): false when 0 or false (any case), true otherwise

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EndpointsList | WatchEvent | Status
    """

    return (
        await asyncio_detailed(
            namespace=namespace,
            client=client,
            label_selector=label_selector,
            field_selector=field_selector,
            limit=limit,
            continue_=continue_,
            resource_version=resource_version,
            watch=watch,
            timeout_seconds=timeout_seconds,
            allow_watch_bookmarks=allow_watch_bookmarks,
        )
    ).parsed
