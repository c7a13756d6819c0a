"""Kind → printer. A resource added later registers its printer here (or calls
:func:`register`); a kind without one prints with the default printer."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from podd.api.tables import others, pods, services
from podd.api.tables.printer import DEFAULT_PRINTER, Printer

__all__ = ["PRINTERS", "Printers", "printer_for", "register"]


class Printers:
    def __init__(self, printers: Mapping[str, Printer[Any]]) -> None:
        self._printers = dict(printers)

    def register(self, kind: str, printer: Printer[Any]) -> None:
        if kind in self._printers:
            raise ValueError(f"a printer for {kind} is already registered")
        self._printers[kind] = printer

    def printer_for(self, kind: str) -> Printer[Any]:
        return self._printers.get(kind, DEFAULT_PRINTER)


PRINTERS = Printers(
    {
        "Pod": pods.PRINTER,
        "Namespace": others.NAMESPACES,
        "Event": others.EVENTS,
        "ConfigMap": others.CONFIGMAPS,
        "Secret": others.SECRETS,
        "Service": services.SERVICES,
        "Endpoints": services.ENDPOINTS,
        "EndpointSlice": services.ENDPOINT_SLICES,
    }
)
register = PRINTERS.register
printer_for = PRINTERS.printer_for
