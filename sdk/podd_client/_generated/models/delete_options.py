from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.delete_options_api_version import (
    DeleteOptionsApiVersion,
    check_delete_options_api_version,
)
from ..models.delete_options_dry_run_type_0_item import (
    DeleteOptionsDryRunType0Item,
    check_delete_options_dry_run_type_0_item,
)
from ..models.delete_options_kind import DeleteOptionsKind, check_delete_options_kind
from ..models.delete_options_propagation_policy_type_0 import (
    DeleteOptionsPropagationPolicyType0,
    check_delete_options_propagation_policy_type_0,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.preconditions import Preconditions


T = TypeVar("T", bound="DeleteOptions")


@_attrs_define
class DeleteOptions:
    """
    Attributes:
        api_version (DeleteOptionsApiVersion | Unset):
        kind (DeleteOptionsKind | Unset):
        grace_period_seconds (int | None | Unset):
        preconditions (None | Preconditions | Unset):
        orphan_dependents (bool | None | Unset):
        propagation_policy (DeleteOptionsPropagationPolicyType0 | None | Unset):
        dry_run (list[DeleteOptionsDryRunType0Item] | None | Unset):
    """

    api_version: DeleteOptionsApiVersion | Unset = UNSET
    kind: DeleteOptionsKind | Unset = UNSET
    grace_period_seconds: int | None | Unset = UNSET
    preconditions: None | Preconditions | Unset = UNSET
    orphan_dependents: bool | None | Unset = UNSET
    propagation_policy: DeleteOptionsPropagationPolicyType0 | None | Unset = UNSET
    dry_run: list[DeleteOptionsDryRunType0Item] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.preconditions import Preconditions

        api_version: str | Unset = UNSET
        if not isinstance(self.api_version, Unset):
            api_version = self.api_version

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind

        grace_period_seconds: int | None | Unset
        if isinstance(self.grace_period_seconds, Unset):
            grace_period_seconds = UNSET
        else:
            grace_period_seconds = self.grace_period_seconds

        preconditions: dict[str, Any] | None | Unset
        if isinstance(self.preconditions, Unset):
            preconditions = UNSET
        elif isinstance(self.preconditions, Preconditions):
            preconditions = self.preconditions.to_dict()
        else:
            preconditions = self.preconditions

        orphan_dependents: bool | None | Unset
        if isinstance(self.orphan_dependents, Unset):
            orphan_dependents = UNSET
        else:
            orphan_dependents = self.orphan_dependents

        propagation_policy: None | str | Unset
        if isinstance(self.propagation_policy, Unset):
            propagation_policy = UNSET
        elif isinstance(self.propagation_policy, str):
            propagation_policy = self.propagation_policy
        else:
            propagation_policy = self.propagation_policy

        dry_run: list[str] | None | Unset
        if isinstance(self.dry_run, Unset):
            dry_run = UNSET
        elif isinstance(self.dry_run, list):
            dry_run = []
            for dry_run_type_0_item_data in self.dry_run:
                dry_run_type_0_item: str = dry_run_type_0_item_data
                dry_run.append(dry_run_type_0_item)

        else:
            dry_run = self.dry_run

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if api_version is not UNSET:
            field_dict["apiVersion"] = api_version
        if kind is not UNSET:
            field_dict["kind"] = kind
        if grace_period_seconds is not UNSET:
            field_dict["gracePeriodSeconds"] = grace_period_seconds
        if preconditions is not UNSET:
            field_dict["preconditions"] = preconditions
        if orphan_dependents is not UNSET:
            field_dict["orphanDependents"] = orphan_dependents
        if propagation_policy is not UNSET:
            field_dict["propagationPolicy"] = propagation_policy
        if dry_run is not UNSET:
            field_dict["dryRun"] = dry_run

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.preconditions import Preconditions

        d = dict(src_dict)
        _api_version = d.pop("apiVersion", UNSET)
        api_version: DeleteOptionsApiVersion | Unset
        if isinstance(_api_version, Unset):
            api_version = UNSET
        else:
            api_version = check_delete_options_api_version(_api_version)

        _kind = d.pop("kind", UNSET)
        kind: DeleteOptionsKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = check_delete_options_kind(_kind)

        def _parse_grace_period_seconds(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        grace_period_seconds = _parse_grace_period_seconds(d.pop("gracePeriodSeconds", UNSET))

        def _parse_preconditions(data: object) -> None | Preconditions | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                preconditions_type_0 = Preconditions.from_dict(data)

                return preconditions_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Preconditions | Unset, data)

        preconditions = _parse_preconditions(d.pop("preconditions", UNSET))

        def _parse_orphan_dependents(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        orphan_dependents = _parse_orphan_dependents(d.pop("orphanDependents", UNSET))

        def _parse_propagation_policy(
            data: object,
        ) -> DeleteOptionsPropagationPolicyType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                propagation_policy_type_0 = check_delete_options_propagation_policy_type_0(data)

                return propagation_policy_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DeleteOptionsPropagationPolicyType0 | None | Unset, data)

        propagation_policy = _parse_propagation_policy(d.pop("propagationPolicy", UNSET))

        def _parse_dry_run(data: object) -> list[DeleteOptionsDryRunType0Item] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                dry_run_type_0 = []
                _dry_run_type_0 = data
                for dry_run_type_0_item_data in _dry_run_type_0:
                    dry_run_type_0_item = check_delete_options_dry_run_type_0_item(
                        dry_run_type_0_item_data
                    )

                    dry_run_type_0.append(dry_run_type_0_item)

                return dry_run_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[DeleteOptionsDryRunType0Item] | None | Unset, data)

        dry_run = _parse_dry_run(d.pop("dryRun", UNSET))

        delete_options = cls(
            api_version=api_version,
            kind=kind,
            grace_period_seconds=grace_period_seconds,
            preconditions=preconditions,
            orphan_dependents=orphan_dependents,
            propagation_policy=propagation_policy,
            dry_run=dry_run,
        )

        return delete_options
