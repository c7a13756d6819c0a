"""Server-side printing: ``meta.k8s.io`` Tables for ``kubectl get``.

``negotiate`` reads the Accept header (and ``includeObject``); ``list_table``,
``object_table`` and ``watch_tables`` turn the plain JSON answers into
Tables; ``register`` adds a printer for a new kind (see ``registry``).
"""

from podd.api.tables.convert import list_table, object_table, watch_tables
from podd.api.tables.registry import printer_for, register
from podd.api.tables.table import Table, TableRequest, negotiate

__all__ = [
    "Table",
    "TableRequest",
    "list_table",
    "negotiate",
    "object_table",
    "printer_for",
    "register",
    "watch_tables",
]
