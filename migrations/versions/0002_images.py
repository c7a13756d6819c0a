"""image records and their names

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "images",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("created", sa.Text),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "image_names",
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("image_id", sa.Text, sa.ForeignKey("images.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("kind", sa.Text, nullable=False),  # tag | digest
        sa.PrimaryKeyConstraint("name", "image_id"),
    )
    op.create_index("ix_image_names_name", "image_names", ["name"])
    op.create_index("ix_image_names_image", "image_names", ["image_id"])


def downgrade() -> None:
    op.drop_table("image_names")
    op.drop_table("images")
