"""Generate ``podd_client._generated`` from ``api/openapi.yaml``.

``python sdk/generate.py`` replaces ``sdk/podd_client/_generated`` (what
``make sdk`` runs); ``--out DIR`` writes the package to DIR instead (the
stale-SDK test compares the two). Nothing under ``_generated`` is edited by
hand: the hand-written layer sits beside it in ``podd_client``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SDK = Path(__file__).resolve().parent
ROOT = SDK.parent
CONTRACT = ROOT / "api" / "openapi.yaml"
CONFIG = SDK / "generator.yaml"
TARGET = SDK / "podd_client" / "_generated"


def generate(out: Path, contract: Path = CONTRACT) -> None:
    """Write the generated package to ``out`` (which must not exist)."""
    bindir = Path(sys.executable).parent
    env = dict(os.environ)
    # The generator's post hooks run the ruff installed beside it.
    env["PATH"] = f"{bindir}{os.pathsep}{env.get('PATH', '')}"
    argv = [
        sys.executable,
        "-m",
        "openapi_python_client",
        "generate",
        "--path",
        str(contract),
        "--config",
        str(CONFIG),
        "--meta",
        "none",
        "--output-path",
        str(out),
    ]
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=300)
    if done.returncode != 0 or not (out / "__init__.py").exists():
        raise RuntimeError(f"openapi-python-client failed:\n{done.stdout}\n{done.stderr}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, help="write here instead of sdk/podd_client")
    parser.add_argument("--contract", type=Path, default=CONTRACT)
    args = parser.parse_args()
    if args.out is not None:
        generate(args.out, args.contract)
        return
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "_generated"
        generate(fresh, args.contract)
        shutil.rmtree(TARGET, ignore_errors=True)
        shutil.copytree(fresh, TARGET)
    print(f"generated {TARGET.relative_to(ROOT)} from {args.contract}")


if __name__ == "__main__":
    main()
