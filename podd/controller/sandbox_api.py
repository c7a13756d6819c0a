"""What the controller needs from pod sandboxes: a narrow interface over
``podd.sandbox`` (the runtime_api's twin), so workers are tested against a
fake and the host's specifics stay behind it."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Protocol

from podd.sandbox import (
    SandboxEnv,
    SandboxError,
    SandboxHealth,
    SandboxSpec,
    SandboxState,
    check_sandbox,
    create_sandbox,
    destroy_sandbox,
    load_state,
    purge_sandbox,
)


class SandboxRuntime(Protocol):
    async def create(self, spec: SandboxSpec) -> SandboxState:
        """Build the sandbox; raises SandboxError (nothing left behind)."""
        ...

    async def destroy(self, state: SandboxState) -> None: ...

    def check(self, state: SandboxState) -> SandboxHealth:
        """Whether its pause and network still live (cheap: /proc reads)."""
        ...

    async def restore_network(self, state: SandboxState) -> SandboxState:
        """A new slirp4netns (and port forwards) for a sandbox whose pause
        lives; raises SandboxError."""
        ...

    def load(self, uid: str) -> SandboxState | None:
        """The sandbox a previous podd left running for pod ``uid``."""
        ...

    def known(self) -> list[str]:
        """The pod uids that have sandbox state on disk."""
        ...

    async def purge(self, uid: str) -> None:
        """Remove what is left of a sandbox whose pod is gone."""
        ...


class HostSandboxes:
    """:class:`SandboxRuntime` on this host (``podd.sandbox``)."""

    def __init__(self, env: SandboxEnv, proc_root: str | Path = "/proc") -> None:
        self.env = env
        self._proc = proc_root

    async def create(self, spec: SandboxSpec) -> SandboxState:
        if self.env.sandbox_dir(spec.uid).exists():
            # Left by a podd killed while building it (or tearing it down):
            # whatever of it runs goes first, so there is never a second one.
            await self.purge(spec.uid)
        return await create_sandbox(spec, self.env)

    async def destroy(self, state: SandboxState) -> None:
        await destroy_sandbox(state, self.env)

    def check(self, state: SandboxState) -> SandboxHealth:
        return check_sandbox(state, self._proc)

    async def restore_network(self, state: SandboxState) -> SandboxState:
        from podd.sandbox.restore import restore_network

        return await restore_network(state, self.env)

    def load(self, uid: str) -> SandboxState | None:
        return load_state(self.env, uid)

    def known(self) -> list[str]:
        base = self.env.runtime_dir / "pods"
        return sorted(p.name for p in base.iterdir()) if base.is_dir() else []

    async def purge(self, uid: str) -> None:
        try:
            await purge_sandbox(uid, self.env)
        except (SandboxError, OSError):
            shutil.rmtree(self.env.sandbox_dir(uid), ignore_errors=True)
            raise
