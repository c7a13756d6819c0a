"""kubectl reaches podd out of the box: ``podd serve --listen`` serves TLS with
podd's own CA, ``podd kubeconfig`` hands kubectl the CA, URL and token, and
the real kubectl (1.27, 1.32, 1.33) authenticates with the token or a client
certificate of podd's CA, and refuses or is refused with anything else."""

from __future__ import annotations

import base64
import re
import socket
import ssl
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from podd import tls
from tests.e2e.conftest import (
    Kubeconfig,
    Kubectl,
    TLSPodd,
    make_kubectl,
    podd_cli,
    start_podd,
    stop_podd,
    write_kubeconfig,
)

UNAUTHORIZED = "error: You must be logged in to the server ("


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _client(kc: Kubeconfig, tmp_path: Path, **kwargs: Any) -> httpx.Client:
    """httpx over TLS, trusting the CA of the kubeconfig."""
    ca = tmp_path / "ca.crt"
    ca.write_bytes(kc.ca_pem())
    return httpx.Client(base_url=kc.server, verify=ssl.create_default_context(cafile=ca), **kwargs)


def test_the_kubeconfig_names_podd_and_its_tls_listener(tls_podd: TLSPodd) -> None:
    data = tls_podd.kubeconfig.load()
    assert (data["apiVersion"], data["kind"], data["current-context"]) == ("v1", "Config", "podd")
    assert [c["name"] for c in data["clusters"]] == ["podd"]
    assert [u["name"] for u in data["users"]] == ["podd"]
    assert data["contexts"] == [{"name": "podd", "context": {"cluster": "podd", "user": "podd"}}]
    assert tls_podd.kubeconfig.server.startswith("https://127.0.0.1:")
    assert not tls_podd.kubeconfig.server.endswith(":0")  # the port really bound
    assert tls_podd.kubeconfig.ca_pem() == (tls_podd.tls_dir / "ca.crt").read_bytes()
    token_file = tls_podd.proc.data_dir / "token"
    assert tls_podd.kubeconfig.token == token_file.read_text().strip()


def test_get_pods_with_an_empty_store(kubectl: Kubectl) -> None:
    out = kubectl.run("get", "pods")
    assert out.returncode == 0, out.stderr
    assert "No resources found in default namespace." in out.stdout + out.stderr


def test_version_shows_the_server_version(kubectl: Kubectl) -> None:
    out = kubectl.run("version", "-o", "yaml")
    assert out.returncode == 0, out.stderr
    server = yaml.safe_load(out.stdout)["serverVersion"]
    assert server["gitVersion"].startswith("v1.32.0-podd.")
    assert (server["major"], server["minor"]) == ("1", "32")


def test_a_kubeconfig_with_another_ca_is_refused_by_kubectl(
    kubectl: Kubectl, tls_podd: TLSPodd, tmp_path: Path
) -> None:
    other = tls.new_ca()
    cluster = {
        **tls_podd.kubeconfig.cluster(),
        "certificate-authority-data": _b64(other.cert_pem()),
    }
    path = tls_podd.kubeconfig.variant(tmp_path / "other-ca", cluster=cluster)
    out = kubectl.run("get", "pods", kubeconfig=path)
    assert out.returncode != 0
    assert "x509: certificate signed by unknown authority" in out.stderr


def test_a_wrong_token_is_401(kubectl: Kubectl, tls_podd: TLSPodd, tmp_path: Path) -> None:
    user = {"token": "not-the-token-0123456789abcdef"}
    path = tls_podd.kubeconfig.variant(tmp_path / "wrong-token", user=user)
    out = kubectl.run("get", "pods", "-v=6", kubeconfig=path)
    assert out.returncode == 1
    # 1.27 and 1.32 log "GET URL 401 Unauthorized", 1.33 key="value" pairs.
    assert re.search(
        r"GET.*https://127\.0\.0\.1:\d+/api\?timeout=32s\W+(status=\")?401 Unauthorized", out.stderr
    )
    # Discovery fails first, so kubectl names the 401 by its own words, as it
    # does with an apiserver: "the server has asked for the client to provide credentials".
    assert UNAUTHORIZED in out.stderr


def test_no_token_is_401(kubectl: Kubectl, tls_podd: TLSPodd, tmp_path: Path) -> None:
    # kubectl with no credentials at all asks for a user name on the terminal
    # and never reaches the server; without a terminal it stops there.
    path = tls_podd.kubeconfig.variant(tmp_path / "no-token", user={})
    out = kubectl.run("get", "pods", kubeconfig=path)
    assert (out.returncode, out.stdout, out.stderr) == (
        1,
        "Please enter Username: ",
        "error: EOF\n",
    )
    # What podd answers a request without a token: a 401 Status.
    with _client(tls_podd.kubeconfig, tmp_path) as c:
        r = c.get("/api/v1/namespaces/default/pods")
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == 'Bearer realm="podd"'
    assert (r.json()["kind"], r.json()["reason"]) == ("Status", "Unauthorized")


def _client_cert(tls_podd: TLSPodd, ca: tls.Issued | None = None) -> tls.Issued:
    if ca is None:
        ca = tls.load(tls_podd.tls_dir / "ca.crt", tls_podd.tls_dir / "ca.key")
        assert ca is not None
    return tls.issue(ca, "e2e-user", "client")


def test_a_client_certificate_of_podds_ca_works_without_a_token(
    kubectl: Kubectl, tls_podd: TLSPodd, tmp_path: Path
) -> None:
    client = _client_cert(tls_podd)
    user = {
        "client-certificate-data": _b64(client.cert_pem()),
        "client-key-data": _b64(client.key_pem()),
    }
    path = tls_podd.kubeconfig.variant(tmp_path / "client-cert", user=user)
    out = kubectl.run("get", "pods", kubeconfig=path)
    assert out.returncode == 0, out.stderr
    assert "No resources found in default namespace." in out.stdout + out.stderr


def test_client_certificates_over_https(tls_podd: TLSPodd, tmp_path: Path) -> None:
    """podd's CA signed it: in without a token; another CA signed it: the
    handshake fails (kubectl would not even send it: it is not of a CA podd asks for)."""
    ours, theirs = _client_cert(tls_podd), _client_cert(tls_podd, tls.new_ca())
    for name, issued in (("ours", ours), ("theirs", theirs)):
        (tmp_path / f"{name}.crt").write_bytes(issued.cert_pem())
        (tmp_path / f"{name}.key").write_bytes(issued.key_pem())
    kc = tls_podd.kubeconfig
    with _client(kc, tmp_path, cert=(str(tmp_path / "ours.crt"), str(tmp_path / "ours.key"))) as c:
        r = c.get("/api/v1/namespaces/default/pods")
        assert r.status_code == 200
        assert r.json()["items"] == []
    theirs_pair = (str(tmp_path / "theirs.crt"), str(tmp_path / "theirs.key"))
    with (
        _client(kc, tmp_path, cert=theirs_pair) as c,
        pytest.raises(httpx.TransportError) as refused,
    ):
        c.get("/api/v1/namespaces/default/pods")
    # TLS 1.3: the client is done before podd checks its certificate, so it
    # sees the connection close (or the alert) and never an answer.
    assert re.search(r"without sending a response|UNKNOWN_CA|unknown ca", str(refused.value))
    assert "Traceback" not in tls_podd.proc.log()


def test_plain_http_to_the_tls_port_is_served_nothing(tls_podd: TLSPodd, tmp_path: Path) -> None:
    kc = tls_podd.kubeconfig
    plain = "http://" + kc.server.removeprefix("https://")
    headers = {"Authorization": f"Bearer {kc.token}"}
    # The TLS handshake fails on an HTTP request line: the connection closes unanswered.
    with pytest.raises(httpx.RemoteProtocolError, match="without sending a response"):
        httpx.get(plain + "/api/v1/namespaces/default/pods", headers=headers, timeout=10)
    with _client(kc, tmp_path, headers=headers) as c:
        assert c.get("/api/v1/namespaces/default/pods").status_code == 200  # still serving
    assert "Traceback" not in tls_podd.proc.log()


def test_the_kubeconfig_endpoint_refuses_tcp(tls_podd: TLSPodd, tmp_path: Path) -> None:
    headers = {"Authorization": f"Bearer {tls_podd.kubeconfig.token}"}
    with _client(tls_podd.kubeconfig, tmp_path, headers=headers) as c:
        r = c.get("/podd/v1/kubeconfig")
    assert r.status_code == 403
    assert r.json()["reason"] == "Forbidden"


def test_keys_token_and_certificates_are_private(tls_podd: TLSPodd) -> None:
    def mode(path: Path) -> int:
        return path.stat().st_mode & 0o777

    assert mode(tls_podd.tls_dir) == 0o700
    names = sorted(p.name for p in tls_podd.tls_dir.iterdir())
    assert names == ["ca.crt", "ca.key", "server.crt", "server.key"]
    assert {mode(p) for p in tls_podd.tls_dir.iterdir()} == {0o600}
    assert mode(tls_podd.proc.data_dir / "token") == 0o600


OTHER: dict[str, Any] = {
    "apiVersion": "v1",
    "kind": "Config",
    "clusters": [{"name": "other", "cluster": {"server": "https://192.0.2.1:6443"}}],
    "users": [{"name": "other", "user": {"token": "other-token"}}],
    "contexts": [{"name": "other", "context": {"cluster": "other", "user": "other"}}],
    "current-context": "other",
    "preferences": {},
}


def test_merge_keeps_other_contexts_and_makes_podd_current(
    kubectl_132: Kubectl, tls_podd: TLSPodd, tmp_path: Path
) -> None:
    path = tmp_path / "kube" / "config"
    path.parent.mkdir()
    path.write_text(yaml.safe_dump(OTHER))
    path.chmod(0o644)
    for _ in range(2):  # a second merge replaces podd's entries, adds none
        env = {"KUBECONFIG": f"{path}:{tmp_path / 'second'}"}
        out = podd_cli("kubeconfig", "--merge", "--socket", str(tls_podd.proc.socket), env=env)
        assert out.returncode == 0, out.stderr
        assert str(path) in out.stdout
    assert path.stat().st_mode & 0o777 == 0o600
    merged = yaml.safe_load(path.read_text())
    for section in ("clusters", "users", "contexts"):
        assert [e["name"] for e in merged[section]] == ["other", "podd"]
    assert merged["clusters"][0] == OTHER["clusters"][0]
    assert merged["current-context"] == "podd"
    assert not (tmp_path / "second").exists()

    contexts = kubectl_132.run("config", "get-contexts", "-o", "name", kubeconfig=path)
    assert contexts.stdout.split() == ["other", "podd"]
    out = kubectl_132.run("get", "pods", kubeconfig=path)
    assert out.returncode == 0, out.stderr
    assert "No resources found in default namespace." in out.stdout + out.stderr


def test_merge_writes_home_kube_config_by_default(tls_podd: TLSPodd, tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "KUBECONFIG": ""}
    out = podd_cli("kubeconfig", "--merge", "--socket", str(tls_podd.proc.socket), env=env)
    assert out.returncode == 0, out.stderr
    config = tmp_path / ".kube" / "config"
    assert (config.parent.stat().st_mode & 0o777, config.stat().st_mode & 0o777) == (0o700, 0o600)
    assert yaml.safe_load(config.read_text()) == tls_podd.kubeconfig.load()


def test_plaintext_only_on_request_with_a_warning_and_no_kubeconfig(tmp_path: Path) -> None:
    port = _free_port()
    base = tmp_path / "podd"
    base.mkdir()
    proc = start_podd(base, "--insecure-plaintext-listen", f"127.0.0.1:{port}")
    try:
        assert "serving plain HTTP on TCP" in proc.log()
        url = f"http://127.0.0.1:{port}/api/v1/namespaces/default/pods"
        assert httpx.get(url, timeout=10).status_code == 401
        token = (proc.data_dir / "token").read_text().strip()
        r = httpx.get(url, headers={"Authorization": f"Bearer {token}"}, timeout=10)
        assert r.status_code == 200
        assert not (proc.data_dir / "tls").exists()  # no TLS listener, no certificates
        out = podd_cli("kubeconfig", "--socket", str(proc.socket))
        assert out.returncode == 1
        assert "podd serves no TLS listener" in out.stderr
        assert "podd serve --listen 127.0.0.1:6443" in out.stderr
    finally:
        stop_podd(proc)


def test_a_brought_certificate_is_served_and_handed_out(tmp_path: Path) -> None:
    ca = tls.new_ca()
    leaf = tls.issue(ca, "mine", "server", names=tls.server_names("127.0.0.1"))
    chain, key = tmp_path / "chain.pem", tmp_path / "key.pem"
    chain.write_bytes(leaf.cert_pem() + ca.cert_pem())
    key.write_bytes(leaf.key_pem())
    base = tmp_path / "podd"
    base.mkdir()
    proc = start_podd(
        base, "--listen", "127.0.0.1:0", "--tls-cert", str(chain), "--tls-key", str(key)
    )
    try:
        assert not (proc.data_dir / "tls").exists()  # no CA of podd's
        kc = write_kubeconfig(proc, tmp_path / "kubeconfig")
        assert kc.ca_pem() == ca.cert_pem()
        kubectl = make_kubectl("1.32", tmp_path / "home", kc.path)
        out = kubectl.run("get", "pods")
        assert out.returncode == 0, out.stderr
        assert "No resources found in default namespace." in out.stdout + out.stderr
    finally:
        stop_podd(proc)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
