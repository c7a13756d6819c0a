"""Apply the Alembic revisions in ``migrations/`` to a database file."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

# migrations/ sits beside the package in the source tree; a wheel carries it
# as podd/_migrations (see setup.py).
_CANDIDATES = (
    Path(__file__).resolve().parents[2] / "migrations",
    Path(__file__).resolve().parents[1] / "_migrations",
)


def migrations_dir() -> Path:
    for candidate in _CANDIDATES:
        if (candidate / "env.py").is_file():
            return candidate
    raise FileNotFoundError("podd's Alembic migrations directory was not found")


def alembic_config(db_path: Path) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.set_main_option("sqlalchemy.url", f"sqlite:///{db_path}")
    return cfg


def upgrade(db_path: Path, revision: str = "head") -> None:
    """Bring the schema of ``db_path`` to ``revision`` (blocking; call off the loop)."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    command.upgrade(alembic_config(db_path), revision)


def current(db_path: Path) -> str | None:
    from alembic.runtime.migration import MigrationContext
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{db_path}")
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()
