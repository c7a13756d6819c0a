"""claims: values an object holds exclusively (a Service's clusterIP, its nodePorts)

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Written in the same transaction as the object that holds them, and gone
    # with it (ON DELETE CASCADE): a restart or a crash never frees a value that
    # is held, nor keeps one that is not. The foreign key is checked at commit:
    # a new object's claims are decided (and written) before its row.
    op.create_table(
        "claims",
        sa.Column("pool", sa.Text, nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column(
            "owner",
            sa.Text,
            sa.ForeignKey(
                "objects.uid", ondelete="CASCADE", deferrable=True, initially="DEFERRED"
            ),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("pool", "value"),
    )
    op.create_index("ix_claims_owner", "claims", ["owner"])


def downgrade() -> None:
    op.drop_table("claims")
