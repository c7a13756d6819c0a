"""``sdk/podd_client/_generated`` is what the pinned generator makes of
``api/openapi.yaml`` now: a contract change without ``make sdk`` fails here.
The generator runs offline, into a temporary directory."""

from __future__ import annotations

import filecmp
import importlib.util
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SDK = ROOT / "sdk"
GENERATED = SDK / "podd_client" / "_generated"

sys.path.insert(0, str(SDK))
from generate import generate  # noqa: E402

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("openapi_python_client") is None,
    reason="openapi-python-client (sdk/generator.txt) is not installed",
)


def tree(path: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(path)): p.read_bytes()
        for p in sorted(path.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def differences(a: Path, b: Path) -> list[str]:
    left, right = tree(a), tree(b)
    changed = [name for name in left.keys() & right.keys() if left[name] != right[name]]
    return sorted(set(left) ^ set(right)) + sorted(changed)


def test_the_sdk_is_generated_from_the_current_contract(tmp_path: Path) -> None:
    fresh = tmp_path / "_generated"
    generate(fresh)
    stale = differences(fresh, GENERATED)
    assert not stale, f"sdk/ is stale against api/openapi.yaml, run `make sdk`: {stale[:20]}"
    assert filecmp.cmp(fresh / "models" / "pod.py", GENERATED / "models" / "pod.py", False)


def test_a_contract_change_makes_the_sdk_stale(tmp_path: Path) -> None:
    """The check above does see a change: a new Pod field gives another model."""
    doc = yaml.safe_load((ROOT / "api" / "openapi.yaml").read_text())
    doc["components"]["schemas"]["Pod"]["properties"]["extra"] = {"type": "string"}
    contract = tmp_path / "openapi.yaml"
    contract.write_text(yaml.safe_dump(doc, sort_keys=False))
    fresh = tmp_path / "_generated"
    generate(fresh, contract)
    assert differences(fresh, GENERATED) == ["models/pod.py"]
    assert "extra: str | Unset" in (fresh / "models" / "pod.py").read_text()
