from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.delete_options import DeleteOptions
from ...models.service import Service
from ...models.services_delete_dry_run import (
    ServicesDeleteDryRun,
)
from ...models.services_delete_propagation_policy import (
    ServicesDeletePropagationPolicy,
)
from ...models.status import Status
from ...types import UNSET, Response, Unset


def _get_kwargs(
    namespace: str,
    name: str,
    *,
    body: DeleteOptions | Unset = UNSET,
    grace_period_seconds: int | Unset = UNSET,
    propagation_policy: ServicesDeletePropagationPolicy | Unset = UNSET,
    dry_run: ServicesDeleteDryRun | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["gracePeriodSeconds"] = grace_period_seconds

    json_propagation_policy: str | Unset = UNSET
    if not isinstance(propagation_policy, Unset):
        json_propagation_policy = propagation_policy

    params["propagationPolicy"] = json_propagation_policy

    json_dry_run: str | Unset = UNSET
    if not isinstance(dry_run, Unset):
        json_dry_run = dry_run

    params["dryRun"] = json_dry_run

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/api/v1/namespaces/{namespace}/services/{name}".format(
            namespace=quote(str(namespace), safe=""),
            name=quote(str(name), safe=""),
        ),
        "params": params,
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Service | Status | None:
    if response.status_code == 200:
        response_200 = Service.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Status.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Status.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Status.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Status.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Status.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Status.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = Status.from_dict(response.json())

        return response_422

    if response.status_code == 507:
        response_507 = Status.from_dict(response.json())

        return response_507

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Service | Status]:
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
    body: DeleteOptions | Unset = UNSET,
    grace_period_seconds: int | Unset = UNSET,
    propagation_policy: ServicesDeletePropagationPolicy | Unset = UNSET,
    dry_run: ServicesDeleteDryRun | Unset = UNSET,
) -> Response[Service | Status]:
    """
    Args:
        namespace (str):
        name (str):
        grace_period_seconds (int | Unset):
        propagation_policy (ServicesDeletePropagationPolicy | Unset):
        dry_run (ServicesDeleteDryRun | Unset):
        body (DeleteOptions | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Service | Status]
    """

    kwargs = _get_kwargs(
        namespace=namespace,
        name=name,
        body=body,
        grace_period_seconds=grace_period_seconds,
        propagation_policy=propagation_policy,
        dry_run=dry_run,
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
    body: DeleteOptions | Unset = UNSET,
    grace_period_seconds: int | Unset = UNSET,
    propagation_policy: ServicesDeletePropagationPolicy | Unset = UNSET,
    dry_run: ServicesDeleteDryRun | Unset = UNSET,
) -> Service | Status | None:
    """
    Args:
        namespace (str):
        name (str):
        grace_period_seconds (int | Unset):
        propagation_policy (ServicesDeletePropagationPolicy | Unset):
        dry_run (ServicesDeleteDryRun | Unset):
        body (DeleteOptions | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Service | Status
    """

    return sync_detailed(
        namespace=namespace,
        name=name,
        client=client,
        body=body,
        grace_period_seconds=grace_period_seconds,
        propagation_policy=propagation_policy,
        dry_run=dry_run,
    ).parsed


async def asyncio_detailed(
    namespace: str,
    name: str,
    *,
    client: AuthenticatedClient | Client,
    body: DeleteOptions | Unset = UNSET,
    grace_period_seconds: int | Unset = UNSET,
    propagation_policy: ServicesDeletePropagationPolicy | Unset = UNSET,
    dry_run: ServicesDeleteDryRun | Unset = UNSET,
) -> Response[Service | Status]:
    """
    Args:
        namespace (str):
        name (str):
        grace_period_seconds (int | Unset):
        propagation_policy (ServicesDeletePropagationPolicy | Unset):
        dry_run (ServicesDeleteDryRun | Unset):
        body (DeleteOptions | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Service | Status]
    """

    kwargs = _get_kwargs(
        namespace=namespace,
        name=name,
        body=body,
        grace_period_seconds=grace_period_seconds,
        propagation_policy=propagation_policy,
        dry_run=dry_run,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    namespace: str,
    name: str,
    *,
    client: AuthenticatedClient | Client,
    body: DeleteOptions | Unset = UNSET,
    grace_period_seconds: int | Unset = UNSET,
    propagation_policy: ServicesDeletePropagationPolicy | Unset = UNSET,
    dry_run: ServicesDeleteDryRun | Unset = UNSET,
) -> Service | Status | None:
    """
    Args:
        namespace (str):
        name (str):
        grace_period_seconds (int | Unset):
        propagation_policy (ServicesDeletePropagationPolicy | Unset):
        dry_run (ServicesDeleteDryRun | Unset):
        body (DeleteOptions | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Service | Status
    """

    return (
        await asyncio_detailed(
            namespace=namespace,
            name=name,
            client=client,
            body=body,
            grace_period_seconds=grace_period_seconds,
            propagation_policy=propagation_policy,
            dry_run=dry_run,
        )
    ).parsed
