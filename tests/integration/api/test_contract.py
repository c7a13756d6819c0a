"""The contract is true: schemathesis runs over ``api/openapi.yaml`` against a
live podd (HTTPS with podd's own CA and a bearer token, as kubectl talks to
it) with its default checks and phases (examples, coverage, fuzzing,
stateful), bounded in examples and steps.

This module is also the hook module of that run (``SCHEMATHESIS_HOOKS``):
:func:`before_call` adapts a generated request only where a rule spans
what a JSON Schema cannot relate (a query value and the body) or where a
response is not one JSON document.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import schemathesis

from tests.podd_process import PoddProcess

ROOT = Path(__file__).resolve().parents[3]
CONTRACT = ROOT / "api" / "openapi.yaml"
TOKEN = "contract-token-0123456789abcdef"
RUN_TIMEOUT = 900  # a hung run fails the test instead of the suite

# Bounds: examples per operation and steps per stateful scenario. Pods
# created here run real sandboxes; their number stays within these.
CONFIG = """
[generation]
max-examples = {examples}
database = "none"

[phases.stateful]
max-steps = {steps}

# Writing an object runs the Kubernetes validation rules, many of which relate
# fields to each other (unique container names, a volume mount naming a
# volume, ...): the schema states each field's own rules, and a schema-valid
# object may still be 422 Invalid, with the causes naming the fields.
[[operations]]
include-operation-id-regex = "^[a-z]+-(create|replace|patch)$"
checks.positive_data_acceptance.expected-statuses = ["2xx", "401", "404", "409", "422", "5xx"]

# The coverage phase enumerates every property of the Pod schema (thousands
# of requests); creating pods covers it, replacing one would only repeat it.
[[operations]]
include-operation-id = "pods-replace"
phases.coverage.enabled = false

# A review (SelfSubject*Review) is answered, not stored: nothing validates its
# metadata or a selector requirement's key and operator beyond their types, and
# a JSON null there is read as unset (Go's zero value), as the apiserver reads
# it. The schema cannot say "null means unset", so bodies it calls invalid for
# a null are rightly accepted; other malformed bodies are still 4xx (tests/unit).
[[operations]]
include-operation-id-regex = "^selfsubject[a-z]+-create$"
checks.negative_data_rejection.enabled = false

# exec, attach and portforward are WebSocket upgrades (a 101, then channels):
# schemathesis speaks plain HTTP only, and a well-formed request for a pod
# that exists is rightly a 400 naming the WebSocket subprotocols (SPDY over an
# HTTP upgrade is not served). The sessions are tested in test_exec_stream.py
# and test_port_forward.py; here the refusals (Status, codes) are.
[[operations]]
include-operation-id-regex = "^pods-(exec|attach|portforward)-connect-(get|post)$"
checks.positive_data_acceptance.expected-statuses = ["400", "401", "404"]

# A body that is not a tar archive is malformed (400); no schema can say "a
# tar archive", so a schema-valid body is rejected here too.
[[operations]]
include-operation-id = "images-import"
checks.positive_data_acceptance.expected-statuses = ["2xx", "400", "401", "404", "409", "5xx"]
"""


@schemathesis.hook
def before_call(ctx: Any, case: Any, **kwargs: Any) -> None:
    """Adapt a generated request where one rule spans two parts of it."""
    query = case.query
    if isinstance(query, dict):
        # A watch answers a stream of JSON objects, one per line (as the
        # apiserver does); schemathesis reads a body as one JSON document.
        # Watches are tested in test_watch_api.py.
        query.pop("watch", None)
        if "continue" in query:
            # The token is opaque: only one a list handed out is valid, and
            # not together with a resourceVersion (the apiserver's rules).
            from podd.api.query import encode_continue

            query["continue"] = encode_continue("default", "", 0)
            query.pop("resourceVersion", None)
    body = case.body
    name = (case.path_parameters or {}).get("name")
    named_body = case.media_type == "application/apply-patch+yaml" or case.method == "PUT"
    if named_body and isinstance(body, dict) and name:
        meta = body.get("metadata")
        if isinstance(meta, dict) and isinstance(meta.get("name"), str):
            # An apply configuration and a replacement name the object of the URL.
            meta["name"] = name
    if (
        case.method == "DELETE"
        and isinstance(body, dict)
        and isinstance(query, dict)
        and query.get("propagationPolicy")
        and body.get("orphanDependents") is not None
    ):
        # orphanDependents and a propagationPolicy may not both be set (the
        # contract says so of the body); the query's policy counts too.
        body.pop("orphanDependents")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def tcp_podd(tmp_path: Path) -> Any:
    port = free_port()
    token = tmp_path / "token"
    token.write_text(TOKEN + "\n")
    token.chmod(0o600)
    base = tmp_path / "podd"
    base.mkdir()
    proc = PoddProcess(base, "--listen", f"127.0.0.1:{port}", "--token-file", str(token))
    proc.start()
    try:
        yield proc, f"https://127.0.0.1:{port}"
    finally:
        proc.stop()
    assert not proc.leftovers, f"processes left in podd's cgroup: {proc.leftovers}"


def run_schemathesis(url: str, ca: Path, work: Path, examples: int, steps: int) -> dict[str, Any]:
    """``st run`` over the contract; the JSON report it writes."""
    config = work / "schemathesis.toml"
    config.write_text(CONFIG.format(examples=examples, steps=steps))
    report = work / "report.json"
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT)
    env["SCHEMATHESIS_HOOKS"] = "tests.integration.api.test_contract"
    argv = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "--config-file",
        str(config),
        "run",
        str(CONTRACT),
        "--url",
        url,
        "--header",
        f"Authorization: Bearer {TOKEN}",
        "--tls-verify",
        str(ca),
        "--request-timeout",
        "20",
        "--seed",
        "20261204",
        "--report",
        "json",
        "--report-json-path",
        str(report),
        "--no-color",
    ]
    out = subprocess.run(
        argv, cwd=work, env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT
    )
    # The verdict and the figures; what failed is in the assertion messages.
    start = min(
        (out.stdout.find(h) for h in ("ERRORS", "FAILURES", "SUMMARY") if h in out.stdout),
        default=-1,
    )
    print(out.stdout[start:][-20000:] if start >= 0 else out.stdout[-5000:], out.stderr[-3000:])
    assert report.exists(), f"schemathesis wrote no report (rc {out.returncode}):\n{out.stdout}"
    result: dict[str, Any] = json.loads(report.read_text())
    result["output"] = out.stdout
    return result


def test_schemathesis_finds_nothing(tcp_podd: Any, tmp_path: Path) -> None:
    proc, url = tcp_podd
    ca = proc.data_dir / "tls" / "ca.crt"  # podd's own CA, made on first start
    result = run_schemathesis(url, ca, tmp_path, examples=10, steps=10)
    cases = result["test_cases"]
    assert result["complete"], result["stop_reason"]
    assert cases["generated"] > 500, cases  # it did run, over every operation
    assert result["operations"]["tested"] == result["operations"]["total"]
    failures = result["output"][result["output"].find("FAILURES") :]
    assert cases["with_failures"] == 0, failures[:20000]
    assert not result["errors"] and cases["errored"] == 0, result["output"][-20000:]
    assert result["exit_code"] == 0
