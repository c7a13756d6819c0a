"""``podd --server https://...`` checks podd's certificate as kubectl does,
against a real ``podd serve --listen``: podd's CA from ``--certificate-authority``,
the kubeconfig ``podd kubeconfig`` writes, or the data dir; another CA (or the
system's store) refused with a message that says what to do;
``--insecure-skip-tls-verify`` to opt out. Over HTTP (get) and WebSocket (exec)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from podd import tls
from tests.e2e.conftest import TLSPodd, podd_cli

# OpenSSL's words: podd sends its CA with its certificate (the chain OpenSSL
# builds from the client-certificate CA it holds), a root no trusted CA is.
NOT_TRUSTED = "is not trusted (self-signed certificate in certificate chain;"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """No kubeconfig, data dir or CA of the user's: only what a test gives."""
    return {
        "HOME": str(tmp_path / "home"),
        "XDG_DATA_HOME": str(tmp_path / "share"),
        "KUBECONFIG": str(tmp_path / "no-kubeconfig"),
    }


@pytest.fixture
def token(tls_podd: TLSPodd, tmp_path: Path) -> Path:
    path = tmp_path / "token"
    path.write_text(tls_podd.kubeconfig.token)
    return path


def get_pods(
    tls_podd: TLSPodd, token: Path, env: dict[str, str], *flags: str
) -> subprocess.CompletedProcess[str]:
    server = tls_podd.kubeconfig.server
    return podd_cli("get", "pods", "--server", server, "--token-file", str(token), *flags, env=env)


def listed(out: subprocess.CompletedProcess[str]) -> None:
    """podd answered the list: kubectl's words for no pods (the podd is empty)."""
    assert out.returncode == 0, out.stderr
    assert out.stdout == ""
    assert out.stderr == "No resources found in default namespace.\n"


def test_podds_ca_from_the_flag(
    tls_podd: TLSPodd, token: Path, env: dict[str, str], tmp_path: Path
) -> None:
    ca = tmp_path / "ca.crt"
    ca.write_bytes(tls_podd.kubeconfig.ca_pem())
    listed(get_pods(tls_podd, token, env, "--certificate-authority", str(ca)))


def test_the_kubeconfig_cluster_of_the_server(
    tls_podd: TLSPodd, token: Path, env: dict[str, str]
) -> None:
    env["KUBECONFIG"] = str(tls_podd.kubeconfig.path)
    listed(get_pods(tls_podd, token, env))
    listed(
        get_pods(
            tls_podd,
            token,
            {**env, "KUBECONFIG": "/nonexistent"},
            "--kubeconfig",
            str(tls_podd.kubeconfig.path),
        )
    )


def test_podds_own_ca_in_the_data_dir(tls_podd: TLSPodd, token: Path, env: dict[str, str]) -> None:
    listed(get_pods(tls_podd, token, env, "--data-dir", str(tls_podd.proc.data_dir)))


def test_another_ca_is_refused_with_what_to_do(
    tls_podd: TLSPodd, token: Path, env: dict[str, str], tmp_path: Path
) -> None:
    other = tmp_path / "other.crt"
    other.write_bytes(tls.new_ca().cert_pem())
    out = get_pods(tls_podd, token, env, "--certificate-authority", str(other))
    assert out.returncode == 1 and out.stdout == ""
    server = tls_podd.kubeconfig.server
    assert out.stderr == (
        f"podd: the certificate of {server} {NOT_TRUSTED} trusted: --certificate-authority "
        f"{other}): give podd's CA with --certificate-authority (it is in `podd kubeconfig`), "
        "or --insecure-skip-tls-verify\n"
    )
    cluster = {"server": server, "certificate-authority": str(other)}
    env["KUBECONFIG"] = str(tls_podd.kubeconfig.variant(tmp_path / "kc", cluster=cluster))
    out = get_pods(tls_podd, token, env)
    assert out.returncode == 1 and NOT_TRUSTED in out.stderr, out.stderr
    assert f"trusted: the kubeconfig {tmp_path / 'kc'} (cluster podd): {other})" in out.stderr


def test_the_systems_store_does_not_know_podds_ca(
    tls_podd: TLSPodd, token: Path, env: dict[str, str]
) -> None:
    out = get_pods(tls_podd, token, env)
    assert out.returncode == 1
    assert f"{NOT_TRUSTED} trusted: the system's trust store)" in out.stderr, out.stderr


def test_insecure_skip_tls_verify_opts_out(
    tls_podd: TLSPodd, token: Path, env: dict[str, str], tmp_path: Path
) -> None:
    listed(get_pods(tls_podd, token, env, "--insecure-skip-tls-verify"))
    ca = tmp_path / "ca.crt"
    ca.write_bytes(tls_podd.kubeconfig.ca_pem())
    out = get_pods(
        tls_podd, token, env, "--insecure-skip-tls-verify", "--certificate-authority", str(ca)
    )
    assert (out.returncode, out.stderr) == (
        1,
        "podd: specifying a root certificates file with the insecure flag is not allowed\n",
    )


def test_exec_over_wss_checks_the_certificate_too(
    tls_podd: TLSPodd, token: Path, env: dict[str, str], tmp_path: Path
) -> None:
    server = tls_podd.kubeconfig.server
    argv = ["exec", "--server", server, "--token-file", str(token), "nope", "true"]
    out = podd_cli(*argv, env=env)
    assert out.returncode == 1 and NOT_TRUSTED in out.stderr, out.stderr
    ca = tmp_path / "ca.crt"
    ca.write_bytes(tls_podd.kubeconfig.ca_pem())
    out = podd_cli(*argv[:-2], "--certificate-authority", str(ca), "nope", "true", env=env)
    # past TLS: podd answers the upgrade with its Status
    assert (out.returncode, out.stderr) == (1, 'podd: pods "nope" not found\n')
