"""The ``podd`` command."""
