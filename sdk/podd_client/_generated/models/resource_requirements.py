from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.resource_claim import ResourceClaim
    from ..models.resource_requirements_limits_type_0 import (
        ResourceRequirementsLimitsType0,
    )
    from ..models.resource_requirements_requests_type_0 import (
        ResourceRequirementsRequestsType0,
    )


T = TypeVar("T", bound="ResourceRequirements")


@_attrs_define
class ResourceRequirements:
    """
    Attributes:
        limits (None | ResourceRequirementsLimitsType0 | Unset):
        requests (None | ResourceRequirementsRequestsType0 | Unset):
        claims (list[ResourceClaim] | None | Unset):
    """

    limits: None | ResourceRequirementsLimitsType0 | Unset = UNSET
    requests: None | ResourceRequirementsRequestsType0 | Unset = UNSET
    claims: list[ResourceClaim] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.resource_requirements_limits_type_0 import (
            ResourceRequirementsLimitsType0,
        )
        from ..models.resource_requirements_requests_type_0 import (
            ResourceRequirementsRequestsType0,
        )

        limits: dict[str, Any] | None | Unset
        if isinstance(self.limits, Unset):
            limits = UNSET
        elif isinstance(self.limits, ResourceRequirementsLimitsType0):
            limits = self.limits.to_dict()
        else:
            limits = self.limits

        requests: dict[str, Any] | None | Unset
        if isinstance(self.requests, Unset):
            requests = UNSET
        elif isinstance(self.requests, ResourceRequirementsRequestsType0):
            requests = self.requests.to_dict()
        else:
            requests = self.requests

        claims: list[dict[str, Any]] | None | Unset
        if isinstance(self.claims, Unset):
            claims = UNSET
        elif isinstance(self.claims, list):
            claims = []
            for claims_type_0_item_data in self.claims:
                claims_type_0_item = claims_type_0_item_data.to_dict()
                claims.append(claims_type_0_item)

        else:
            claims = self.claims

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if limits is not UNSET:
            field_dict["limits"] = limits
        if requests is not UNSET:
            field_dict["requests"] = requests
        if claims is not UNSET:
            field_dict["claims"] = claims

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.resource_claim import ResourceClaim
        from ..models.resource_requirements_limits_type_0 import (
            ResourceRequirementsLimitsType0,
        )
        from ..models.resource_requirements_requests_type_0 import (
            ResourceRequirementsRequestsType0,
        )

        d = dict(src_dict)

        def _parse_limits(data: object) -> None | ResourceRequirementsLimitsType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                limits_type_0 = ResourceRequirementsLimitsType0.from_dict(data)

                return limits_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ResourceRequirementsLimitsType0 | Unset, data)

        limits = _parse_limits(d.pop("limits", UNSET))

        def _parse_requests(data: object) -> None | ResourceRequirementsRequestsType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                requests_type_0 = ResourceRequirementsRequestsType0.from_dict(data)

                return requests_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ResourceRequirementsRequestsType0 | Unset, data)

        requests = _parse_requests(d.pop("requests", UNSET))

        def _parse_claims(data: object) -> list[ResourceClaim] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                claims_type_0 = []
                _claims_type_0 = data
                for claims_type_0_item_data in _claims_type_0:
                    claims_type_0_item = ResourceClaim.from_dict(claims_type_0_item_data)

                    claims_type_0.append(claims_type_0_item)

                return claims_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ResourceClaim] | None | Unset, data)

        claims = _parse_claims(d.pop("claims", UNSET))

        resource_requirements = cls(
            limits=limits,
            requests=requests,
            claims=claims,
        )

        return resource_requirements
