"""SQLAlchemy Core tables. Changed only together with an Alembic revision."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
)

metadata = MetaData()

# Every API object (pods, namespaces, events, …) stored whole as msgspec JSON,
# with the columns that lists and selectors query.
objects = Table(
    "objects",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", Text, nullable=False),
    Column("namespace", Text, nullable=False),  # "" for cluster-scoped kinds
    Column("name", Text, nullable=False),
    Column("uid", Text, nullable=False, unique=True),
    Column("resource_version", Integer, nullable=False),
    Column("phase", Text),
    Column("node_name", Text),
    Column("labels", Text, nullable=False, server_default="{}"),
    Column("data", LargeBinary, nullable=False),
    Index("ix_objects_kind_ns_name", "kind", "namespace", "name", unique=True),
    Index("ix_objects_rv", "resource_version"),
)

# The change log: one row per write, its key is the global resourceVersion.
# Watches replay it from a given resourceVersion; it is compacted to a window.
changes = Table(
    "changes",
    metadata,
    Column("rv", Integer, primary_key=True, autoincrement=False),
    Column("kind", Text, nullable=False),
    Column("namespace", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("type", Text, nullable=False),  # ADDED | MODIFIED | DELETED
    Column("data", LargeBinary, nullable=False),
    Index("ix_changes_kind_rv", "kind", "rv"),
)

# Singleton counters: the last resourceVersion handed out survives compaction.
counters = Table(
    "counters",
    metadata,
    Column("name", Text, primary_key=True),
    Column("value", Integer, nullable=False),
)

# Image records (podd/images ImageRecord as msgspec JSON) and the names that
# point at them: a tag belongs to one image, a repo digest may be shared.
images = Table(
    "images",
    metadata,
    Column("id", Text, primary_key=True),
    Column("created", Text),
    Column("data", LargeBinary, nullable=False),
)

image_names = Table(
    "image_names",
    metadata,
    Column("name", Text, nullable=False),
    Column("image_id", Text, ForeignKey("images.id", ondelete="CASCADE"), nullable=False),
    Column("kind", Text, nullable=False),
    PrimaryKeyConstraint("name", "image_id"),
    Index("ix_image_names_name", "name"),
    Index("ix_image_names_image", "image_id"),
)

# Values an object holds exclusively within a pool (a Service's clusterIP in
# "service-cluster-ip", its nodePorts in "service-node-port"): written in the
# object's own write transaction and removed with it (podd/store/claims.py).
claims = Table(
    "claims",
    metadata,
    Column("pool", Text, nullable=False),
    Column("value", Text, nullable=False),
    Column(
        "owner",
        Text,
        ForeignKey("objects.uid", ondelete="CASCADE", deferrable=True, initially="DEFERRED"),
        nullable=False,
    ),
    PrimaryKeyConstraint("pool", "value"),
    Index("ix_claims_owner", "owner"),
)
