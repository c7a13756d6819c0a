"""A user namespace with the pods' id mapping, held for unpacking layers.

``podd-pause --userns --sync-fd N`` (started through
:func:`podd.sandbox.pause.start_pause`) unshares a user namespace, podd writes
its maps with newuidmap/newgidmap (:func:`podd.sandbox.userns.write_id_maps`)
and the process then just holds the namespace. Unpack helpers join it with
``podd-pause --join <pid> --ns user -- python -m podd.images.unpack_helper``
and run as root there: image uid 101 becomes host ``subuid_start + 100`` —
uid 101 in every pod, since all pods use the same mapping. (The holder
has no mount namespace of its own, so only ``user`` is joined.)

The holder is started on first use and restarted if it died; ``stop()``
ends it. Python never creates the namespace itself (DESIGN §2).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from podd.images.errors import UnpackError

if TYPE_CHECKING:
    from podd.sandbox.pause import PauseHandle
    from podd.sandbox.userns import IdMapping, IdMapTools


def discover_mapping(
    subuid: str | Path = "/etc/subuid", subgid: str | Path = "/etc/subgid"
) -> tuple[IdMapping, IdMapTools]:
    """The pods' mapping for the current user, as the sandbox computes it."""
    import pwd

    from podd.sandbox.userns import find_id_map_tools, plan_mapping, read_subid

    uid, gid = os.getuid(), os.getgid()
    user: str | None = None
    with contextlib.suppress(KeyError):
        user = pwd.getpwuid(uid).pw_name
    tools = find_id_map_tools()
    mapping = plan_mapping(
        uid, gid, read_subid(subuid, user, uid), read_subid(subgid, user, gid), tools
    )
    return mapping, tools


class UsernsHolder:
    """Starts and keeps one ``podd-pause --userns`` holder; builds join argvs."""

    def __init__(
        self,
        pause: Path | None = None,
        mapping: IdMapping | None = None,
        tools: IdMapTools | None = None,
        *,
        start_timeout: float = 10.0,
        state_file: Path | None = None,
    ) -> None:
        self._state_file = state_file  # survives a killed podd: its holder is ended next time
        self._pause = pause
        self._mapping = mapping
        self._tools = tools
        self._timeout = start_timeout
        self._handle: PauseHandle | None = None
        self._lock = asyncio.Lock()

    @property
    def pid(self) -> int | None:
        return self._handle.pid if self._handle is not None else None

    @property
    def warnings(self) -> list[str]:
        return list(self._mapping.warnings) if self._mapping is not None else []

    async def start(self) -> int:
        """Start the holder if it is not running; its pid."""
        from podd.sandbox import binaries
        from podd.sandbox.pause import is_alive, start_pause
        from podd.sandbox.userns import write_id_maps

        async with self._lock:
            if self._handle is not None and is_alive(self._handle):
                return self._handle.pid
            if self._pause is None:
                try:
                    self._pause = binaries.find_pause()
                except Exception as e:
                    raise UnpackError(f"cannot unpack layers: {e}") from e
            if self._mapping is None or self._tools is None:
                mapping, tools = await asyncio.to_thread(discover_mapping)
                self._mapping, self._tools = mapping, tools
            else:
                mapping, tools = self._mapping, self._tools

            async def on_userns(pid: int) -> None:
                await write_id_maps(pid, mapping, tools)

            await self.end_stale()
            try:
                self._handle = await start_pause(
                    self._pause,
                    hostname="podd-images",
                    on_userns=on_userns,
                    mode="userns",
                    timeout=self._timeout,
                )
            except Exception as e:
                raise UnpackError(f"cannot hold a user namespace for unpacking layers: {e}") from e
            if self._state_file is not None:
                import msgspec

                self._state_file.parent.mkdir(parents=True, exist_ok=True)
                self._state_file.write_bytes(msgspec.json.encode(self._handle))
            return self._handle.pid

    async def end_stale(self) -> None:
        """A holder left by a podd that was killed (pid + start time recorded)."""
        if self._state_file is None or not self._state_file.exists():
            return
        import msgspec

        from podd.sandbox.pause import PauseHandle, is_alive, stop

        try:
            old = msgspec.json.decode(self._state_file.read_bytes(), type=PauseHandle)
        except (OSError, msgspec.DecodeError):
            old = None
        if old is not None and is_alive(old):
            with contextlib.suppress(Exception):
                await stop(old)
        self._state_file.unlink(missing_ok=True)

    async def join_prefix(self) -> list[str]:
        """``[podd-pause, --join, PID, --ns, user, --]``: prepend to a command."""
        from podd.sandbox.pause import join_argv

        pid = await self.start()
        assert self._pause is not None
        argv = join_argv(self._pause, pid, ["user"], ["true"])
        return argv[:-1]

    async def stop(self) -> None:
        from podd.sandbox.pause import stop

        async with self._lock:
            handle, self._handle = self._handle, None
            if handle is not None:
                await stop(handle)
            if self._state_file is not None:
                self._state_file.unlink(missing_ok=True)
