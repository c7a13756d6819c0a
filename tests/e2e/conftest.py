"""Shared e2e fixtures: a podd serving TLS on a port of its own choosing, the
kubeconfig ``podd kubeconfig`` hands out for it, and the real kubectl (each
version on this machine) run against it in a temporary home.

kubectl always gets ``--kubeconfig`` and ``--cache-dir`` (discovery is cached
for hours) and a HOME of its own, so nothing of the user's leaks in.
"""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.podd_process import PoddProcess

ROOT = Path(__file__).resolve().parents[2]
SDK_BIN = Path("/usr/lib/google-cloud-sdk/bin")
KUBECTLS = {
    "1.27": SDK_BIN / "kubectl.1.27",
    "1.32": Path("/usr/bin/kubectl"),
    "1.33": SDK_BIN / "kubectl.1.33",
}


def podd_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The ``podd`` command of this tree, as a separate process."""
    full = dict(os.environ)
    full.update(env or {})
    full["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "podd.cli.main", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=full,
    )


@dataclass(frozen=True)
class Kubeconfig:
    """A kubeconfig file and what it holds for the ``podd`` entries."""

    path: Path

    def load(self) -> dict[str, Any]:
        data = yaml.safe_load(self.path.read_text())
        assert isinstance(data, dict)
        return data

    def cluster(self) -> dict[str, Any]:
        return _named(self.load()["clusters"], "podd")["cluster"]

    def user(self) -> dict[str, Any]:
        return _named(self.load()["users"], "podd")["user"]

    @property
    def server(self) -> str:
        return str(self.cluster()["server"])

    @property
    def token(self) -> str:
        return str(self.user()["token"])

    def ca_pem(self) -> bytes:
        return base64.b64decode(self.cluster()["certificate-authority-data"])

    def variant(
        self, path: Path, *, cluster: dict[str, Any] | None = None, user: Any = None
    ) -> Path:
        """A copy at ``path`` with the podd cluster and/or user fields replaced."""
        data = self.load()
        if cluster is not None:
            _named(data["clusters"], "podd")["cluster"] = cluster
        if user is not None:
            _named(data["users"], "podd")["user"] = user
        path.write_text(yaml.safe_dump(data, sort_keys=False))
        path.chmod(0o600)
        return path


def _named(entries: list[dict[str, Any]], name: str) -> dict[str, Any]:
    return next(e for e in entries if e["name"] == name)


@dataclass(frozen=True)
class TLSPodd:
    proc: PoddProcess
    kubeconfig: Kubeconfig

    @property
    def tls_dir(self) -> Path:
        return self.proc.data_dir / "tls"


def start_podd(base: Path, *args: str) -> PoddProcess:
    proc = PoddProcess(base, *args)
    proc.start()
    return proc


def stop_podd(proc: PoddProcess) -> None:
    proc.stop()
    assert not proc.leftovers, f"processes left in podd's cgroup: {proc.leftovers}"


def write_kubeconfig(proc: PoddProcess, path: Path) -> Kubeconfig:
    """What ``podd kubeconfig`` prints for ``proc``, saved at ``path``."""
    out = podd_cli("kubeconfig", "--socket", str(proc.socket))
    assert out.returncode == 0, out.stderr
    path.write_text(out.stdout)
    path.chmod(0o600)
    return Kubeconfig(path)


@pytest.fixture(scope="module")
def tls_podd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TLSPodd]:
    """One podd per module with ``--listen 127.0.0.1:0`` (the port it binds is
    the one its kubeconfig names) and that kubeconfig."""
    base = tmp_path_factory.mktemp("podd-tls")
    proc = start_podd(base, "--listen", "127.0.0.1:0")
    try:
        yield TLSPodd(proc, write_kubeconfig(proc, base / "kubeconfig"))
    finally:
        stop_podd(proc)


@dataclass(frozen=True)
class Kubectl:
    """One kubectl binary with a home, a cache and a default kubeconfig."""

    version: str
    binary: Path
    home: Path
    kubeconfig: Path

    def run(
        self, *args: str, kubeconfig: Path | None = None, timeout: float = 120
    ) -> subprocess.CompletedProcess[str]:
        argv = [
            str(self.binary),
            "--kubeconfig",
            str(kubeconfig or self.kubeconfig),
            "--cache-dir",
            str(self.home / "cache"),
            *args,
        ]
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(self.home)}
        return subprocess.run(argv, capture_output=True, text=True, timeout=timeout, env=env)


def make_kubectl(version: str, home: Path, kubeconfig: Path) -> Kubectl:
    binary = KUBECTLS[version]
    if not binary.exists():
        pytest.skip(f"kubectl {version} is not installed at {binary}")
    home.mkdir(parents=True, exist_ok=True)
    return Kubectl(version, binary, home, kubeconfig)


@pytest.fixture(params=sorted(KUBECTLS))
def kubectl(request: pytest.FixtureRequest, tls_podd: TLSPodd, tmp_path: Path) -> Kubectl:
    """Each kubectl version in turn, pointed at the module's TLS podd."""
    return make_kubectl(request.param, tmp_path / "home", tls_podd.kubeconfig.path)


@pytest.fixture
def kubectl_132(tls_podd: TLSPodd, tmp_path: Path) -> Kubectl:
    """The kubectl on PATH (1.32), pointed at the module's TLS podd."""
    return make_kubectl("1.32", tmp_path / "home", tls_podd.kubeconfig.path)
