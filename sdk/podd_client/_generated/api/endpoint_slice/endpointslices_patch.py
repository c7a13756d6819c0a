from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.endpoint_slice import EndpointSlice
from ...models.endpointslices_patch_dry_run import (
    EndpointslicesPatchDryRun,
)
from ...models.endpointslices_patch_field_validation import (
    EndpointslicesPatchFieldValidation,
)
from ...models.endpointslices_patch_json_body import EndpointslicesPatchJsonBody
from ...models.endpointslices_patch_json_body_item_type_0 import (
    EndpointslicesPatchJsonBodyItemType0,
)
from ...models.endpointslices_patch_json_body_item_type_1 import (
    EndpointslicesPatchJsonBodyItemType1,
)
from ...models.endpointslices_patch_json_body_item_type_2 import (
    EndpointslicesPatchJsonBodyItemType2,
)
from ...models.status import Status
from ...types import UNSET, Response, Unset


def _get_kwargs(
    namespace: str,
    name: str,
    *,
    body: EndpointslicesPatchJsonBody
    | list[
        EndpointslicesPatchJsonBodyItemType0
        | EndpointslicesPatchJsonBodyItemType1
        | EndpointslicesPatchJsonBodyItemType2
    ]
    | Unset = UNSET,
    dry_run: EndpointslicesPatchDryRun | Unset = UNSET,
    field_validation: EndpointslicesPatchFieldValidation | Unset = UNSET,
    field_manager: str | Unset = UNSET,
    force: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    json_dry_run: str | Unset = UNSET
    if not isinstance(dry_run, Unset):
        json_dry_run = dry_run

    params["dryRun"] = json_dry_run

    json_field_validation: str | Unset = UNSET
    if not isinstance(field_validation, Unset):
        json_field_validation = field_validation

    params["fieldValidation"] = json_field_validation

    params["fieldManager"] = field_manager

    params["force"] = force

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/apis/discovery.k8s.io/v1/namespaces/{namespace}/endpointslices/{name}".format(
            namespace=quote(str(namespace), safe=""),
            name=quote(str(name), safe=""),
        ),
        "params": params,
    }

    if isinstance(body, EndpointslicesPatchJsonBody):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/merge-patch+json"
    if isinstance(
        body,
        list[
            EndpointslicesPatchJsonBodyItemType0
            | EndpointslicesPatchJsonBodyItemType1
            | EndpointslicesPatchJsonBodyItemType2
        ],
    ):
        _kwargs["json"] = []
        for body_item_data in body:
            body_item: dict[str, Any]
            if isinstance(body_item_data, EndpointslicesPatchJsonBodyItemType0) or isinstance(
                body_item_data, EndpointslicesPatchJsonBodyItemType1
            ):
                body_item = body_item_data.to_dict()
            else:
                body_item = body_item_data.to_dict()

            _kwargs["json"].append(body_item)

        headers["Content-Type"] = "application/json-patch+json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EndpointSlice | Status | None:
    if response.status_code == 200:
        response_200 = EndpointSlice.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = EndpointSlice.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Status.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Status.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Status.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Status.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Status.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Status.from_dict(response.json())

        return response_415

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
) -> Response[EndpointSlice | Status]:
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
    body: EndpointslicesPatchJsonBody
    | list[
        EndpointslicesPatchJsonBodyItemType0
        | EndpointslicesPatchJsonBodyItemType1
        | EndpointslicesPatchJsonBodyItemType2
    ]
    | Unset = UNSET,
    dry_run: EndpointslicesPatchDryRun | Unset = UNSET,
    field_validation: EndpointslicesPatchFieldValidation | Unset = UNSET,
    field_manager: str | Unset = UNSET,
    force: str | Unset = UNSET,
) -> Response[EndpointSlice | Status]:
    """
    Args:
        namespace (str):
        name (str):
        dry_run (EndpointslicesPatchDryRun | Unset):
        field_validation (EndpointslicesPatchFieldValidation | Unset):
        field_manager (str | Unset):
        force (str | Unset): false when 0 or false (any case), true otherwise
        body (EndpointslicesPatchJsonBody):
        body (list[EndpointslicesPatchJsonBodyItemType0 | EndpointslicesPatchJsonBodyItemType1 |
            EndpointslicesPatchJsonBodyItemType2]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EndpointSlice | Status]
    """

    kwargs = _get_kwargs(
        namespace=namespace,
        name=name,
        body=body,
        dry_run=dry_run,
        field_validation=field_validation,
        field_manager=field_manager,
        force=force,
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
    body: EndpointslicesPatchJsonBody
    | list[
        EndpointslicesPatchJsonBodyItemType0
        | EndpointslicesPatchJsonBodyItemType1
        | EndpointslicesPatchJsonBodyItemType2
    ]
    | Unset = UNSET,
    dry_run: EndpointslicesPatchDryRun | Unset = UNSET,
    field_validation: EndpointslicesPatchFieldValidation | Unset = UNSET,
    field_manager: str | Unset = UNSET,
    force: str | Unset = UNSET,
) -> EndpointSlice | Status | None:
    """
    Args:
        namespace (str):
        name (str):
        dry_run (EndpointslicesPatchDryRun | Unset):
        field_validation (EndpointslicesPatchFieldValidation | Unset):
        field_manager (str | Unset):
        force (str | Unset): false when 0 or false (any case), true otherwise
        body (EndpointslicesPatchJsonBody):
        body (list[EndpointslicesPatchJsonBodyItemType0 | EndpointslicesPatchJsonBodyItemType1 |
            EndpointslicesPatchJsonBodyItemType2]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EndpointSlice | Status
    """

    return sync_detailed(
        namespace=namespace,
        name=name,
        client=client,
        body=body,
        dry_run=dry_run,
        field_validation=field_validation,
        field_manager=field_manager,
        force=force,
    ).parsed


async def asyncio_detailed(
    namespace: str,
    name: str,
    *,
    client: AuthenticatedClient | Client,
    body: EndpointslicesPatchJsonBody
    | list[
        EndpointslicesPatchJsonBodyItemType0
        | EndpointslicesPatchJsonBodyItemType1
        | EndpointslicesPatchJsonBodyItemType2
    ]
    | Unset = UNSET,
    dry_run: EndpointslicesPatchDryRun | Unset = UNSET,
    field_validation: EndpointslicesPatchFieldValidation | Unset = UNSET,
    field_manager: str | Unset = UNSET,
    force: str | Unset = UNSET,
) -> Response[EndpointSlice | Status]:
    """
    Args:
        namespace (str):
        name (str):
        dry_run (EndpointslicesPatchDryRun | Unset):
        field_validation (EndpointslicesPatchFieldValidation | Unset):
        field_manager (str | Unset):
        force (str | Unset): false when 0 or false (any case), true otherwise
        body (EndpointslicesPatchJsonBody):
        body (list[EndpointslicesPatchJsonBodyItemType0 | EndpointslicesPatchJsonBodyItemType1 |
            EndpointslicesPatchJsonBodyItemType2]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EndpointSlice | Status]
    """

    kwargs = _get_kwargs(
        namespace=namespace,
        name=name,
        body=body,
        dry_run=dry_run,
        field_validation=field_validation,
        field_manager=field_manager,
        force=force,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    namespace: str,
    name: str,
    *,
    client: AuthenticatedClient | Client,
    body: EndpointslicesPatchJsonBody
    | list[
        EndpointslicesPatchJsonBodyItemType0
        | EndpointslicesPatchJsonBodyItemType1
        | EndpointslicesPatchJsonBodyItemType2
    ]
    | Unset = UNSET,
    dry_run: EndpointslicesPatchDryRun | Unset = UNSET,
    field_validation: EndpointslicesPatchFieldValidation | Unset = UNSET,
    field_manager: str | Unset = UNSET,
    force: str | Unset = UNSET,
) -> EndpointSlice | Status | None:
    """
    Args:
        namespace (str):
        name (str):
        dry_run (EndpointslicesPatchDryRun | Unset):
        field_validation (EndpointslicesPatchFieldValidation | Unset):
        field_manager (str | Unset):
        force (str | Unset): false when 0 or false (any case), true otherwise
        body (EndpointslicesPatchJsonBody):
        body (list[EndpointslicesPatchJsonBodyItemType0 | EndpointslicesPatchJsonBodyItemType1 |
            EndpointslicesPatchJsonBodyItemType2]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EndpointSlice | Status
    """

    return (
        await asyncio_detailed(
            namespace=namespace,
            name=name,
            client=client,
            body=body,
            dry_run=dry_run,
            field_validation=field_validation,
            field_manager=field_manager,
            force=force,
        )
    ).parsed
