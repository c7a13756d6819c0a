"""Persistence: SQLite through SQLAlchemy 2 async, schema through Alembic."""
