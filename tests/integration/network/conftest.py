"""A real pod network (holder, bridge, slirp4netns, nft) for each test, with
the sandbox fixtures of tests/integration/sandbox (same user, cgroups, dirs)."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from podd.network.holder import PodNetwork
from podd.sandbox import SandboxEnv
from tests.integration.sandbox import conftest as sandbox_fixtures
from tests.integration.sandbox.conftest import Sandboxes

# The sandbox tests' fixtures, shared (same user, cgroup root and dirs).
pause_bin = sandbox_fixtures.pause_bin
subreaper = sandbox_fixtures.subreaper
cgroup_root = sandbox_fixtures.cgroup_root
runtime_dir = sandbox_fixtures.runtime_dir
env = sandbox_fixtures.env


def make_network(env: SandboxEnv, directory: Path) -> PodNetwork:
    nft = shutil.which("nft") or shutil.which("nft", path="/usr/sbin:/sbin")
    if nft is None:
        pytest.skip("nft (nftables) is not installed")
    return PodNetwork(
        directory,
        pause=env.pause,
        slirp4netns=env.slirp4netns,
        nft_binary=Path(nft),
        id_mapping=env.id_mapping,
        id_tools=env.id_tools,
    )


@pytest.fixture
async def pod_network(env: SandboxEnv, runtime_dir: Path) -> AsyncIterator[PodNetwork]:
    net = make_network(env, runtime_dir / "net")
    await net.start()
    try:
        yield net
    finally:
        await net.stop()


@pytest.fixture
async def net_sandboxes(env: SandboxEnv, pod_network: PodNetwork) -> AsyncIterator[Sandboxes]:
    box = Sandboxes(dataclasses.replace(env, pod_network=pod_network))
    try:
        yield box
    finally:
        await box.close()
