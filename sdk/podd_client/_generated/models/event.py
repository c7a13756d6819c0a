from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.event_api_version import EventApiVersion, check_event_api_version
from ..models.event_kind import EventKind, check_event_kind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.event_series import EventSeries
    from ..models.event_source import EventSource
    from ..models.object_meta import ObjectMeta
    from ..models.object_reference import ObjectReference


T = TypeVar("T", bound="Event")


@_attrs_define
class Event:
    """``type`` is ``Normal`` or ``Warning``; ``eventTime`` is a MicroTime.

    Attributes:
        api_version (EventApiVersion | Unset):
        kind (EventKind | Unset):
        metadata (ObjectMeta | Unset): Metadata every persisted object has.

                ``managed_fields`` is accepted (clients echo it back) but carries no
                meaning in podd; ``default_pod`` drops it.
        involved_object (ObjectReference | Unset): Points at an object, optionally at a field of it
            (``spec.containers{web}``).
        reason (None | str | Unset):
        message (None | str | Unset):
        source (EventSource | Unset):
        first_timestamp (None | str | Unset):
        last_timestamp (None | str | Unset):
        count (int | None | Unset):
        type_ (None | str | Unset):
        event_time (None | str | Unset):
        series (EventSeries | None | Unset):
        action (None | str | Unset):
        related (None | ObjectReference | Unset):
        reporting_component (str | Unset):
        reporting_instance (str | Unset):
    """

    api_version: EventApiVersion | Unset = UNSET
    kind: EventKind | Unset = UNSET
    metadata: ObjectMeta | Unset = UNSET
    involved_object: ObjectReference | Unset = UNSET
    reason: None | str | Unset = UNSET
    message: None | str | Unset = UNSET
    source: EventSource | Unset = UNSET
    first_timestamp: None | str | Unset = UNSET
    last_timestamp: None | str | Unset = UNSET
    count: int | None | Unset = UNSET
    type_: None | str | Unset = UNSET
    event_time: None | str | Unset = UNSET
    series: EventSeries | None | Unset = UNSET
    action: None | str | Unset = UNSET
    related: None | ObjectReference | Unset = UNSET
    reporting_component: str | Unset = UNSET
    reporting_instance: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.event_series import EventSeries
        from ..models.object_reference import ObjectReference

        api_version: str | Unset = UNSET
        if not isinstance(self.api_version, Unset):
            api_version = self.api_version

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        involved_object: dict[str, Any] | Unset = UNSET
        if not isinstance(self.involved_object, Unset):
            involved_object = self.involved_object.to_dict()

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        message: None | str | Unset
        if isinstance(self.message, Unset):
            message = UNSET
        else:
            message = self.message

        source: dict[str, Any] | Unset = UNSET
        if not isinstance(self.source, Unset):
            source = self.source.to_dict()

        first_timestamp: None | str | Unset
        if isinstance(self.first_timestamp, Unset):
            first_timestamp = UNSET
        else:
            first_timestamp = self.first_timestamp

        last_timestamp: None | str | Unset
        if isinstance(self.last_timestamp, Unset):
            last_timestamp = UNSET
        else:
            last_timestamp = self.last_timestamp

        count: int | None | Unset
        if isinstance(self.count, Unset):
            count = UNSET
        else:
            count = self.count

        type_: None | str | Unset
        if isinstance(self.type_, Unset):
            type_ = UNSET
        else:
            type_ = self.type_

        event_time: None | str | Unset
        if isinstance(self.event_time, Unset):
            event_time = UNSET
        else:
            event_time = self.event_time

        series: dict[str, Any] | None | Unset
        if isinstance(self.series, Unset):
            series = UNSET
        elif isinstance(self.series, EventSeries):
            series = self.series.to_dict()
        else:
            series = self.series

        action: None | str | Unset
        if isinstance(self.action, Unset):
            action = UNSET
        else:
            action = self.action

        related: dict[str, Any] | None | Unset
        if isinstance(self.related, Unset):
            related = UNSET
        elif isinstance(self.related, ObjectReference):
            related = self.related.to_dict()
        else:
            related = self.related

        reporting_component = self.reporting_component

        reporting_instance = self.reporting_instance

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if api_version is not UNSET:
            field_dict["apiVersion"] = api_version
        if kind is not UNSET:
            field_dict["kind"] = kind
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if involved_object is not UNSET:
            field_dict["involvedObject"] = involved_object
        if reason is not UNSET:
            field_dict["reason"] = reason
        if message is not UNSET:
            field_dict["message"] = message
        if source is not UNSET:
            field_dict["source"] = source
        if first_timestamp is not UNSET:
            field_dict["firstTimestamp"] = first_timestamp
        if last_timestamp is not UNSET:
            field_dict["lastTimestamp"] = last_timestamp
        if count is not UNSET:
            field_dict["count"] = count
        if type_ is not UNSET:
            field_dict["type"] = type_
        if event_time is not UNSET:
            field_dict["eventTime"] = event_time
        if series is not UNSET:
            field_dict["series"] = series
        if action is not UNSET:
            field_dict["action"] = action
        if related is not UNSET:
            field_dict["related"] = related
        if reporting_component is not UNSET:
            field_dict["reportingComponent"] = reporting_component
        if reporting_instance is not UNSET:
            field_dict["reportingInstance"] = reporting_instance

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.event_series import EventSeries
        from ..models.event_source import EventSource
        from ..models.object_meta import ObjectMeta
        from ..models.object_reference import ObjectReference

        d = dict(src_dict)
        _api_version = d.pop("apiVersion", UNSET)
        api_version: EventApiVersion | Unset
        if isinstance(_api_version, Unset):
            api_version = UNSET
        else:
            api_version = check_event_api_version(_api_version)

        _kind = d.pop("kind", UNSET)
        kind: EventKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = check_event_kind(_kind)

        _metadata = d.pop("metadata", UNSET)
        metadata: ObjectMeta | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = ObjectMeta.from_dict(_metadata)

        _involved_object = d.pop("involvedObject", UNSET)
        involved_object: ObjectReference | Unset
        if isinstance(_involved_object, Unset):
            involved_object = UNSET
        else:
            involved_object = ObjectReference.from_dict(_involved_object)

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        def _parse_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        message = _parse_message(d.pop("message", UNSET))

        _source = d.pop("source", UNSET)
        source: EventSource | Unset
        if isinstance(_source, Unset):
            source = UNSET
        else:
            source = EventSource.from_dict(_source)

        def _parse_first_timestamp(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        first_timestamp = _parse_first_timestamp(d.pop("firstTimestamp", UNSET))

        def _parse_last_timestamp(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_timestamp = _parse_last_timestamp(d.pop("lastTimestamp", UNSET))

        def _parse_count(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        count = _parse_count(d.pop("count", UNSET))

        def _parse_type_(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        type_ = _parse_type_(d.pop("type", UNSET))

        def _parse_event_time(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        event_time = _parse_event_time(d.pop("eventTime", UNSET))

        def _parse_series(data: object) -> EventSeries | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                series_type_0 = EventSeries.from_dict(data)

                return series_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EventSeries | None | Unset, data)

        series = _parse_series(d.pop("series", UNSET))

        def _parse_action(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        action = _parse_action(d.pop("action", UNSET))

        def _parse_related(data: object) -> None | ObjectReference | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                related_type_0 = ObjectReference.from_dict(data)

                return related_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ObjectReference | Unset, data)

        related = _parse_related(d.pop("related", UNSET))

        reporting_component = d.pop("reportingComponent", UNSET)

        reporting_instance = d.pop("reportingInstance", UNSET)

        event = cls(
            api_version=api_version,
            kind=kind,
            metadata=metadata,
            involved_object=involved_object,
            reason=reason,
            message=message,
            source=source,
            first_timestamp=first_timestamp,
            last_timestamp=last_timestamp,
            count=count,
            type_=type_,
            event_time=event_time,
            series=series,
            action=action,
            related=related,
            reporting_component=reporting_component,
            reporting_instance=reporting_instance,
        )

        return event
