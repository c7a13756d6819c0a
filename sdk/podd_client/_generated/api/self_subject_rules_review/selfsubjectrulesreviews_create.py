from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.self_subject_rules_review import SelfSubjectRulesReview
from ...models.selfsubjectrulesreviews_create_dry_run import (
    SelfsubjectrulesreviewsCreateDryRun,
)
from ...models.selfsubjectrulesreviews_create_field_validation import (
    SelfsubjectrulesreviewsCreateFieldValidation,
)
from ...models.selfsubjectrulesreviews_create_json_body import (
    SelfsubjectrulesreviewsCreateJsonBody,
)
from ...models.status import Status
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: SelfsubjectrulesreviewsCreateJsonBody,
    dry_run: SelfsubjectrulesreviewsCreateDryRun | Unset = UNSET,
    field_validation: SelfsubjectrulesreviewsCreateFieldValidation | Unset = UNSET,
    field_manager: str | Unset = UNSET,
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

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews",
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> SelfSubjectRulesReview | Status | None:
    if response.status_code == 201:
        response_201 = SelfSubjectRulesReview.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Status.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Status.from_dict(response.json())

        return response_401

    if response.status_code == 413:
        response_413 = Status.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Status.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = Status.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[SelfSubjectRulesReview | Status]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SelfsubjectrulesreviewsCreateJsonBody,
    dry_run: SelfsubjectrulesreviewsCreateDryRun | Unset = UNSET,
    field_validation: SelfsubjectrulesreviewsCreateFieldValidation | Unset = UNSET,
    field_manager: str | Unset = UNSET,
) -> Response[SelfSubjectRulesReview | Status]:
    """
    Args:
        dry_run (SelfsubjectrulesreviewsCreateDryRun | Unset):
        field_validation (SelfsubjectrulesreviewsCreateFieldValidation | Unset):
        field_manager (str | Unset):
        body (SelfsubjectrulesreviewsCreateJsonBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[SelfSubjectRulesReview | Status]
    """

    kwargs = _get_kwargs(
        body=body,
        dry_run=dry_run,
        field_validation=field_validation,
        field_manager=field_manager,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: SelfsubjectrulesreviewsCreateJsonBody,
    dry_run: SelfsubjectrulesreviewsCreateDryRun | Unset = UNSET,
    field_validation: SelfsubjectrulesreviewsCreateFieldValidation | Unset = UNSET,
    field_manager: str | Unset = UNSET,
) -> SelfSubjectRulesReview | Status | None:
    """
    Args:
        dry_run (SelfsubjectrulesreviewsCreateDryRun | Unset):
        field_validation (SelfsubjectrulesreviewsCreateFieldValidation | Unset):
        field_manager (str | Unset):
        body (SelfsubjectrulesreviewsCreateJsonBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        SelfSubjectRulesReview | Status
    """

    return sync_detailed(
        client=client,
        body=body,
        dry_run=dry_run,
        field_validation=field_validation,
        field_manager=field_manager,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SelfsubjectrulesreviewsCreateJsonBody,
    dry_run: SelfsubjectrulesreviewsCreateDryRun | Unset = UNSET,
    field_validation: SelfsubjectrulesreviewsCreateFieldValidation | Unset = UNSET,
    field_manager: str | Unset = UNSET,
) -> Response[SelfSubjectRulesReview | Status]:
    """
    Args:
        dry_run (SelfsubjectrulesreviewsCreateDryRun | Unset):
        field_validation (SelfsubjectrulesreviewsCreateFieldValidation | Unset):
        field_manager (str | Unset):
        body (SelfsubjectrulesreviewsCreateJsonBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[SelfSubjectRulesReview | Status]
    """

    kwargs = _get_kwargs(
        body=body,
        dry_run=dry_run,
        field_validation=field_validation,
        field_manager=field_manager,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: SelfsubjectrulesreviewsCreateJsonBody,
    dry_run: SelfsubjectrulesreviewsCreateDryRun | Unset = UNSET,
    field_validation: SelfsubjectrulesreviewsCreateFieldValidation | Unset = UNSET,
    field_manager: str | Unset = UNSET,
) -> SelfSubjectRulesReview | Status | None:
    """
    Args:
        dry_run (SelfsubjectrulesreviewsCreateDryRun | Unset):
        field_validation (SelfsubjectrulesreviewsCreateFieldValidation | Unset):
        field_manager (str | Unset):
        body (SelfsubjectrulesreviewsCreateJsonBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        SelfSubjectRulesReview | Status
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            dry_run=dry_run,
            field_validation=field_validation,
            field_manager=field_manager,
        )
    ).parsed
