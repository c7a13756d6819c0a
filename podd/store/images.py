"""The image index (``podd.images.ImageIndex``) on SQLite."""

from __future__ import annotations

import msgspec
from sqlalchemy import delete, select

from podd.images import ImageIndex, ImageRecord
from podd.store.repository import Store
from podd.store.schema import image_names, images

_dec = msgspec.json.Decoder(ImageRecord)
_enc = msgspec.json.Encoder()


class SqliteImageIndex(ImageIndex):
    def __init__(self, store: Store) -> None:
        self._store = store

    async def get(self, image_id: str) -> ImageRecord | None:
        async with self._store.engine.connect() as conn:
            row = (await conn.execute(select(images.c.data).where(images.c.id == image_id))).first()
        return _dec.decode(row.data) if row else None

    async def find(self, name: str) -> ImageRecord | None:
        stmt = (
            select(images.c.data)
            .join(image_names, image_names.c.image_id == images.c.id)
            .where(image_names.c.name == name)
            .order_by(image_names.c.kind.desc())  # a tag before a shared digest
            .limit(1)
        )
        async with self._store.engine.connect() as conn:
            row = (await conn.execute(stmt)).first()
        return _dec.decode(row.data) if row else None

    async def put(self, record: ImageRecord) -> None:
        """Insert or replace; each tag moves to this image, atomically."""
        async with self._store.transaction() as conn:
            if record.names:
                # Take the tags away from the images that held them.
                rows = (
                    await conn.execute(
                        select(image_names.c.image_id, image_names.c.name).where(
                            image_names.c.name.in_(record.names),
                            image_names.c.kind == "tag",
                            image_names.c.image_id != record.id,
                        )
                    )
                ).all()
                for other_id in {r.image_id for r in rows}:
                    data = (
                        await conn.execute(select(images.c.data).where(images.c.id == other_id))
                    ).scalar_one()
                    other = _dec.decode(data)
                    other.names = [n for n in other.names if n not in record.names]
                    await conn.execute(
                        images.update()
                        .where(images.c.id == other_id)
                        .values(data=_enc.encode(other))
                    )
                    await conn.execute(
                        delete(image_names).where(
                            image_names.c.image_id == other_id,
                            image_names.c.name.in_(record.names),
                        )
                    )
            await conn.execute(delete(image_names).where(image_names.c.image_id == record.id))
            await conn.execute(delete(images).where(images.c.id == record.id))
            await conn.execute(
                images.insert().values(
                    id=record.id, created=record.created, data=_enc.encode(record)
                )
            )
            names = [{"name": n, "image_id": record.id, "kind": "tag"} for n in record.names]
            names += [{"name": d, "image_id": record.id, "kind": "digest"} for d in record.digests]
            if names:
                await conn.execute(image_names.insert(), names)

    async def delete(self, image_id: str) -> None:
        async with self._store.transaction() as conn:
            await conn.execute(delete(image_names).where(image_names.c.image_id == image_id))
            await conn.execute(delete(images).where(images.c.id == image_id))

    async def list(self) -> list[ImageRecord]:
        async with self._store.engine.connect() as conn:
            rows = (await conn.execute(select(images.c.data).order_by(images.c.id))).all()
        return [_dec.decode(r.data) for r in rows]
