from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.pod_metrics_list import PodMetricsList
from ...models.status import Status
from ...types import UNSET, Response, Unset


def _get_kwargs(
    namespace: str,
    *,
    label_selector: str | Unset = UNSET,
    field_selector: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["labelSelector"] = label_selector

    params["fieldSelector"] = field_selector

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/apis/metrics.k8s.io/v1beta1/namespaces/{namespace}/pods".format(
            namespace=quote(str(namespace), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PodMetricsList | Status | None:
    if response.status_code == 200:
        response_200 = PodMetricsList.from_dict(response.json())

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
) -> Response[PodMetricsList | Status]:
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
) -> Response[PodMetricsList | Status]:
    """
    Args:
        namespace (str):
        label_selector (str | Unset):
        field_selector (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PodMetricsList | Status]
    """

    kwargs = _get_kwargs(
        namespace=namespace,
        label_selector=label_selector,
        field_selector=field_selector,
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
) -> PodMetricsList | Status | None:
    """
    Args:
        namespace (str):
        label_selector (str | Unset):
        field_selector (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PodMetricsList | Status
    """

    return sync_detailed(
        namespace=namespace,
        client=client,
        label_selector=label_selector,
        field_selector=field_selector,
    ).parsed


async def asyncio_detailed(
    namespace: str,
    *,
    client: AuthenticatedClient | Client,
    label_selector: str | Unset = UNSET,
    field_selector: str | Unset = UNSET,
) -> Response[PodMetricsList | Status]:
    """
    Args:
        namespace (str):
        label_selector (str | Unset):
        field_selector (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PodMetricsList | Status]
    """

    kwargs = _get_kwargs(
        namespace=namespace,
        label_selector=label_selector,
        field_selector=field_selector,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    namespace: str,
    *,
    client: AuthenticatedClient | Client,
    label_selector: str | Unset = UNSET,
    field_selector: str | Unset = UNSET,
) -> PodMetricsList | Status | None:
    """
    Args:
        namespace (str):
        label_selector (str | Unset):
        field_selector (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PodMetricsList | Status
    """

    return (
        await asyncio_detailed(
            namespace=namespace,
            client=client,
            label_selector=label_selector,
            field_selector=field_selector,
        )
    ).parsed
