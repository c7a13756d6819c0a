"""Whom ``podd --server https://...`` trusts: the options and files, in
kubectl's order, and the messages of a refusal. The TLS handshakes against a
real ``podd serve --listen`` are in tests/e2e/test_podd_cli_tls.py."""

from __future__ import annotations

import base64
import ssl
from pathlib import Path
from typing import Any

import pytest

from podd import tls
from podd.cli.main import build_parser
from podd.cli.tlsverify import (
    Trust,
    TrustError,
    choose_trust,
    context_for,
    explain,
    refusal_message,
    ssl_context,
    trust_for,
    verify_failure,
)

SERVER = "https://127.0.0.1:6443"


@pytest.fixture(autouse=True)
def no_user_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    monkeypatch.delenv("KUBECONFIG", raising=False)


def ca_pem() -> bytes:
    return tls.new_ca().cert_pem()


def kubeconfig(server: str = SERVER, /, **cluster: Any) -> dict[str, Any]:
    return {"clusters": [{"name": "podd", "cluster": {"server": server, **cluster}}]}


def test_the_options_of_every_client_command() -> None:
    args = build_parser().parse_args(
        [
            *("get", "pods", "--server", SERVER, "--certificate-authority", "/ca.crt"),
            *("--kubeconfig", "/kc", "--data-dir", "/data"),
        ]
    )
    assert (args.certificate_authority, args.kubeconfig, args.data_dir) == (
        "/ca.crt",
        "/kc",
        "/data",
    )
    assert args.insecure_skip_tls_verify is False
    for argv in (
        ["exec", "--insecure-skip-tls-verify", "p", "true"],
        ["port-forward", "--insecure-skip-tls-verify", "p", "80"],
        ["logs", "--insecure-skip-tls-verify", "p"],
    ):
        assert build_parser().parse_args(argv).insecure_skip_tls_verify is True, argv


def test_insecure_trusts_nothing_and_refuses_a_ca_with_it() -> None:
    trust = choose_trust(SERVER, ca_file=None, insecure=True, kubeconfigs=[], own_ca=None)
    assert trust == Trust("--insecure-skip-tls-verify", verify=False)
    with pytest.raises(TrustError, match="root certificates file with the insecure flag"):
        choose_trust(SERVER, ca_file="/ca.crt", insecure=True, kubeconfigs=[], own_ca=None)
    ctx = ssl_context(trust)
    assert (ctx.verify_mode, ctx.check_hostname) == (ssl.CERT_NONE, False)


def test_the_flag_comes_before_the_kubeconfig_and_the_data_dir(tmp_path: Path) -> None:
    flag = tmp_path / "ca.crt"
    flag.write_bytes(pem := ca_pem())
    kc = [(tmp_path / "kc", kubeconfig(**{"certificate-authority-data": "eA=="}))]
    own = (tmp_path / "own.crt", b"own")
    trust = choose_trust(SERVER, ca_file=str(flag), insecure=False, kubeconfigs=kc, own_ca=own)
    assert trust == Trust(f"--certificate-authority {flag}", ca_pem=pem)
    with pytest.raises(TrustError, match=r"cannot read the CA /nope\.crt"):
        choose_trust(SERVER, ca_file="/nope.crt", insecure=False, kubeconfigs=[], own_ca=None)


def test_the_kubeconfig_cluster_serving_the_url(tmp_path: Path) -> None:
    pem = ca_pem()
    other = kubeconfig("https://10.0.0.1:6443", **{"insecure-skip-tls-verify": True})
    mine = kubeconfig(
        SERVER + "/", **{"certificate-authority-data": base64.b64encode(pem).decode()}
    )
    kcs = [(tmp_path / "a", other), (tmp_path / "b", mine)]
    trust = choose_trust(SERVER, ca_file=None, insecure=False, kubeconfigs=kcs, own_ca=None)
    assert trust == Trust(f"the kubeconfig {tmp_path / 'b'} (cluster podd)", ca_pem=pem)
    (tmp_path / "certs").mkdir()
    (tmp_path / "certs" / "ca.crt").write_bytes(pem)
    by_file = [(tmp_path / "c", kubeconfig(**{"certificate-authority": "certs/ca.crt"}))]
    trust = choose_trust(SERVER, ca_file=None, insecure=False, kubeconfigs=by_file, own_ca=None)
    assert trust.ca_pem == pem and trust.source.endswith("(cluster podd): certs/ca.crt")
    insecure = [(tmp_path / "d", kubeconfig(**{"insecure-skip-tls-verify": True}))]
    trust = choose_trust(SERVER, ca_file=None, insecure=False, kubeconfigs=insecure, own_ca=None)
    assert trust.verify is False
    bad = [(tmp_path / "e", kubeconfig(**{"certificate-authority-data": "not base64!"}))]
    with pytest.raises(TrustError, match="certificate-authority-data is not base64"):
        choose_trust(SERVER, ca_file=None, insecure=False, kubeconfigs=bad, own_ca=None)


def test_then_podds_own_ca_then_the_system(tmp_path: Path) -> None:
    other = [(tmp_path / "kc", kubeconfig("https://elsewhere:443"))]
    own = (tmp_path / "tls" / "ca.crt", b"pem")
    trust = choose_trust(SERVER, ca_file=None, insecure=False, kubeconfigs=other, own_ca=own)
    assert trust == Trust(f"podd's CA {own[0]}", ca_pem=b"pem")
    trust = choose_trust(SERVER, ca_file=None, insecure=False, kubeconfigs=other, own_ca=None)
    assert trust == Trust("the system's trust store")
    assert ssl_context(trust).verify_mode == ssl.CERT_REQUIRED


def test_trust_for_reads_kubeconfig_env_and_the_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pem = ca_pem()
    data = tmp_path / "data"
    (data / "tls").mkdir(parents=True)
    (data / "tls" / "ca.crt").write_bytes(pem)
    args = build_parser().parse_args(["get", "pods", "--server", SERVER, "--data-dir", str(data)])
    assert trust_for(args) == Trust(f"podd's CA {data / 'tls' / 'ca.crt'}", ca_pem=pem)
    kc = tmp_path / "kc.yaml"
    kc.write_text(
        "clusters:\n- name: podd\n  cluster:\n    server: " + SERVER + "\n"
        "    insecure-skip-tls-verify: true\n"
    )
    monkeypatch.setenv("KUBECONFIG", f"{tmp_path / 'missing'}:{kc}")
    assert trust_for(args).verify is False  # a missing file in $KUBECONFIG is skipped
    args = build_parser().parse_args(["get", "pods", "--server", SERVER, "--kubeconfig", "/no"])
    with pytest.raises(TrustError, match="cannot read the kubeconfig /no"):
        trust_for(args)


def test_a_plain_http_server_has_no_tls() -> None:
    args = build_parser().parse_args(["get", "pods", "--server", "http://127.0.0.1:8080"])
    assert context_for(args) is None


def test_a_context_trusts_only_the_ca_given() -> None:
    ctx = ssl_context(Trust("x", ca_pem=ca_pem()))
    assert len(ctx.get_ca_certs()) == 1
    assert (ctx.verify_mode, ctx.check_hostname) == (ssl.CERT_REQUIRED, True)
    assert ctx.minimum_version == ssl.TLSVersion.TLSv1_2
    with pytest.raises(TrustError, match="not a PEM certificate"):
        ssl_context(Trust("--certificate-authority junk", ca_pem=b"junk"))


def test_a_failed_check_is_found_in_the_chain_and_explained(tmp_path: Path) -> None:
    err = ssl.SSLCertVerificationError(1, "certificate verify failed")
    err.verify_message = "unable to get local issuer certificate"
    try:
        try:
            raise err
        except ssl.SSLError as inner:
            raise ConnectionError("wrapped") from inner
    except ConnectionError as outer:
        assert verify_failure(outer) is err
    assert verify_failure(OSError("refused")) is None
    message = refusal_message(SERVER, Trust("the system's trust store"), err)
    assert message == (
        f"the certificate of {SERVER} is not trusted (unable to get local issuer "
        "certificate; trusted: the system's trust store): give podd's CA with "
        "--certificate-authority (it is in `podd kubeconfig`), or --insecure-skip-tls-verify"
    )
    args = build_parser().parse_args(["get", "pods", "--server", SERVER])
    assert explain(err, args) == message
    assert explain(OSError("refused"), args) == "cannot reach podd: refused"
