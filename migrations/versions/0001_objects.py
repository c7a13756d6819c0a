"""objects, change log and counters

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "objects",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("namespace", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("uid", sa.Text, nullable=False, unique=True),
        sa.Column("resource_version", sa.Integer, nullable=False),
        sa.Column("phase", sa.Text),
        sa.Column("node_name", sa.Text),
        sa.Column("labels", sa.Text, nullable=False, server_default="{}"),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )
    op.create_index("ix_objects_kind_ns_name", "objects", ["kind", "namespace", "name"], unique=True)
    op.create_index("ix_objects_rv", "objects", ["resource_version"])
    op.create_table(
        "changes",
        sa.Column("rv", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("namespace", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.Text, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )
    op.create_index("ix_changes_kind_rv", "changes", ["kind", "rv"])
    op.create_table(
        "counters",
        sa.Column("name", sa.Text, primary_key=True),
        sa.Column("value", sa.Integer, nullable=False),
    )
    op.execute("INSERT INTO counters (name, value) VALUES ('resource_version', 0)")


def downgrade() -> None:
    op.drop_table("counters")
    op.drop_table("changes")
    op.drop_table("objects")
