"""podd's own CA and server certificate: names, usages, lifetimes, files,
re-issue before expiry, and the server context judging client certificates."""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID

from podd import tls

NOW = dt.datetime(2027, 1, 15, 12, 0, tzinfo=dt.UTC)
NAMES = tls.server_names("", hostname="buildhost")


def _ext(cert: x509.Certificate, kind: type[x509.ExtensionType]) -> x509.Extension:  # type: ignore[type-arg]
    return cert.extensions.get_extension_for_class(kind)


def _modes(files: tls.TLSFiles) -> dict[str, int]:
    paths = [files.dir, files.ca_cert, files.ca_key, files.server_cert, files.server_key]
    return {p.name: p.stat().st_mode & 0o777 for p in paths}


def _own(tmp_path: Path, now: dt.datetime = NOW, names: tls.Names = NAMES) -> tls.TLSFiles:
    files = tls.tls_files(tmp_path)
    tls.ensure_own(files, names, now)
    return files


def _load(files: tls.TLSFiles) -> tuple[tls.Issued, tls.Issued]:
    ca = tls.load(files.ca_cert, files.ca_key)
    server = tls.load(files.server_cert, files.server_key)
    assert ca is not None and server is not None
    return ca, server


def test_server_names_cover_loopback_localhost_host_and_listen_host() -> None:
    names = tls.server_names("10.1.2.3", hostname="buildhost")
    assert names.dns == ("localhost", "buildhost")
    assert [str(ip) for ip in names.ips] == ["127.0.0.1", "::1", "10.1.2.3"]
    # A wildcard listen host names no address; a listen host name is a DNS name.
    assert tls.server_names("0.0.0.0", hostname="h").ips == NAMES.ips
    assert tls.server_names("::", hostname="h").ips == NAMES.ips
    assert tls.server_names("podd.example", hostname="h").dns == ("localhost", "h", "podd.example")


def test_first_start_makes_a_ca_and_a_server_certificate(tmp_path: Path) -> None:
    files = tls.tls_files(tmp_path)
    renewal = tls.ensure_own(files, NAMES, NOW)
    assert renewal == tls.Renewal("none yet", "none yet")
    assert _modes(files) == {
        "tls": 0o700,
        "ca.crt": 0o600,
        "ca.key": 0o600,
        "server.crt": 0o600,
        "server.key": 0o600,
    }
    ca, server = _load(files)

    assert _ext(ca.cert, x509.BasicConstraints).value == x509.BasicConstraints(True, 0)
    ca_usage = _ext(ca.cert, x509.KeyUsage)
    assert ca_usage.critical and ca_usage.value.key_cert_sign and ca_usage.value.crl_sign
    assert ca.cert.not_valid_after_utc - NOW == dt.timedelta(days=3650)
    assert ca.cert.not_valid_before_utc <= NOW

    assert server.cert.issuer == ca.cert.subject
    server.cert.verify_directly_issued_by(ca.cert)
    assert _ext(server.cert, x509.BasicConstraints).value.ca is False
    usage = _ext(server.cert, x509.KeyUsage).value
    assert usage.digital_signature and not usage.key_cert_sign
    assert list(_ext(server.cert, x509.ExtendedKeyUsage).value) == [ExtendedKeyUsageOID.SERVER_AUTH]
    san = _ext(server.cert, x509.SubjectAlternativeName).value
    assert san.get_values_for_type(x509.DNSName) == ["localhost", "buildhost"]
    assert san.get_values_for_type(x509.IPAddress) == [
        ipaddress.ip_address("127.0.0.1"),
        ipaddress.ip_address("::1"),
    ]
    assert server.cert.not_valid_after_utc - NOW == dt.timedelta(days=365)
    assert NOW - server.cert.not_valid_before_utc == tls.BACKDATE


def test_a_later_start_keeps_both(tmp_path: Path) -> None:
    files = _own(tmp_path)
    before = [p.read_bytes() for p in (files.ca_cert, files.ca_key, files.server_cert)]
    renewal = tls.ensure_own(files, NAMES, NOW + dt.timedelta(days=300))
    assert renewal == tls.Renewal(None, None)
    assert [p.read_bytes() for p in (files.ca_cert, files.ca_key, files.server_cert)] == before


def test_server_certificate_reissued_with_under_30_days_left(tmp_path: Path) -> None:
    files = _own(tmp_path)
    ca_before, server_before = _load(files)
    later = NOW + dt.timedelta(days=336)  # 29 days left
    renewal = tls.ensure_own(files, NAMES, later)
    assert renewal.ca_reason is None
    assert renewal.server_reason is not None and renewal.server_reason.startswith("expires ")
    ca, server = _load(files)
    assert ca.cert == ca_before.cert
    assert server.cert.serial_number != server_before.cert.serial_number
    assert server.cert.not_valid_after_utc - later == dt.timedelta(days=365)
    server.cert.verify_directly_issued_by(ca.cert)


def test_ca_reissued_within_a_year_of_expiry_and_the_server_certificate_with_it(
    tmp_path: Path,
) -> None:
    files = _own(tmp_path)
    tls.ensure_own(files, NAMES, NOW + dt.timedelta(days=3650 - 400))  # a yearly re-issue
    ca_before, _ = _load(files)
    later = NOW + dt.timedelta(days=3650 - 365)  # the server certificate has 35 days left
    renewal = tls.ensure_own(files, NAMES, later)
    assert renewal.ca_reason is not None and renewal.ca_reason.startswith("expires ")
    assert renewal.server_reason == "not issued by the current CA"
    ca, server = _load(files)
    assert ca.cert.public_key() != ca_before.cert.public_key()
    server.cert.verify_directly_issued_by(ca.cert)


def test_server_certificate_never_outlives_its_ca(tmp_path: Path) -> None:
    ca = tls.new_ca(NOW, lifetime=dt.timedelta(days=100))
    server = tls.issue(ca, "podd", "server", names=NAMES, now=NOW)
    assert server.cert.not_valid_after_utc == ca.cert.not_valid_after_utc


def test_reissued_when_a_name_is_missing(tmp_path: Path) -> None:
    files = _own(tmp_path)
    wider = tls.server_names("192.0.2.7", hostname="renamed")
    renewal = tls.ensure_own(files, wider, NOW)
    assert renewal.server_reason == "does not name renamed, 192.0.2.7"
    _, server = _load(files)
    san = _ext(server.cert, x509.SubjectAlternativeName).value
    assert "renamed" in san.get_values_for_type(x509.DNSName)


def test_a_server_certificate_of_another_ca_is_replaced(tmp_path: Path) -> None:
    files = _own(tmp_path)
    stranger = tls.issue(tls.new_ca(NOW), "podd", "server", names=NAMES, now=NOW)
    files.server_cert.write_bytes(stranger.cert_pem())
    files.server_key.write_bytes(stranger.key_pem())
    assert tls.ensure_own(files, NAMES, NOW).server_reason == "not issued by the current CA"
    ca, server = _load(files)
    assert tls.issued_by(server.cert, ca.cert)


def test_unreadable_or_mismatched_files_are_replaced(tmp_path: Path) -> None:
    files = _own(tmp_path)
    files.server_key.write_bytes(tls.issue(_load(files)[0], "x", "server").key_pem())
    bad = "unreadable, or not the pair of its key"
    assert tls.ensure_own(files, NAMES, NOW).server_reason == bad
    files.ca_cert.write_text("not a certificate")
    assert tls.ensure_own(files, NAMES, NOW) == tls.Renewal(bad, "not issued by the current CA")
    ca, server = _load(files)
    assert tls.issued_by(server.cert, ca.cert)


def test_modes_narrowed_on_start(tmp_path: Path) -> None:
    files = _own(tmp_path)
    files.dir.chmod(0o755)
    files.ca_key.chmod(0o644)
    files.server_key.chmod(0o640)
    tls.ensure_own(files, NAMES, NOW)
    assert set(_modes(files).values()) == {0o700, 0o600}
    assert _modes(files)["tls"] == 0o700


class HandshakeFailed(Exception):
    def __init__(self, side: str, error: ssl.SSLError) -> None:
        super().__init__(f"{side}: {error}")
        self.side, self.error = side, error


def _handshake(server_ctx: ssl.SSLContext, client_ctx: ssl.SSLContext, host: str) -> ssl.SSLObject:
    """Run a TLS handshake in memory; the server's side, once both are done."""
    return _handshake_both(server_ctx, client_ctx, host)[0]


def _handshake_both(
    server_ctx: ssl.SSLContext, client_ctx: ssl.SSLContext, host: str
) -> tuple[ssl.SSLObject, ssl.SSLObject]:
    """Run a TLS handshake in memory; (server side, client side) once both are done."""
    s_in, s_out, c_in, c_out = (ssl.MemoryBIO() for _ in range(4))
    server = server_ctx.wrap_bio(s_in, s_out, server_side=True)
    client = client_ctx.wrap_bio(c_in, c_out, server_hostname=host)
    pending = {"client", "server"}
    for _ in range(20):
        for name, side in (("client", client), ("server", server)):
            try:
                side.do_handshake()
                pending.discard(name)
            except ssl.SSLWantReadError:
                pass
            except ssl.SSLError as exc:
                raise HandshakeFailed(name, exc) from exc
        s_in.write(c_out.read())
        c_in.write(s_out.read())
        if not pending:
            return server, client
    raise AssertionError(f"handshake did not finish: {pending}")


def _client_ctx(ca_pem: bytes, client: tls.Issued | None, tmp_path: Path) -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.load_verify_locations(cadata=ca_pem.decode())
    if client is not None:
        cert, key = tmp_path / "client.crt", tmp_path / "client.key"
        cert.write_bytes(client.cert_pem())
        key.write_bytes(client.key_pem())
        ctx.load_cert_chain(cert, key)
    return ctx


def _server_ctx(files: tls.TLSFiles) -> ssl.SSLContext:
    return tls.server_context(files.server_cert, files.server_key, files.ca_cert)


@pytest.mark.parametrize("host", ["127.0.0.1", "::1", "localhost", "buildhost"])
def test_clients_trusting_the_ca_accept_the_server_under_each_name(
    tmp_path: Path, host: str
) -> None:
    files = _own(tmp_path, now=tls.now_utc())
    server = _handshake(
        _server_ctx(files), _client_ctx(files.ca_cert.read_bytes(), None, tmp_path), host
    )
    assert server.version() in ("TLSv1.2", "TLSv1.3")
    assert not server.getpeercert()  # no client certificate: the token must do


def test_a_client_certificate_of_podds_ca_is_verified(tmp_path: Path) -> None:
    files = _own(tmp_path, now=tls.now_utc())
    ca, _ = _load(files)
    client = tls.issue(ca, "kubectl-user", "client")
    ctx = _client_ctx(files.ca_cert.read_bytes(), client, tmp_path)
    server = _handshake(_server_ctx(files), ctx, "127.0.0.1")
    assert tls.subject_text(server.getpeercert()) == "organizationName=podd,commonName=kubectl-user"


def test_a_client_certificate_of_another_ca_is_rejected(tmp_path: Path) -> None:
    files = _own(tmp_path, now=tls.now_utc())
    stranger = tls.issue(tls.new_ca(), "intruder", "client")
    ctx = _client_ctx(files.ca_cert.read_bytes(), stranger, tmp_path)
    with pytest.raises(HandshakeFailed) as failed:
        _handshake(_server_ctx(files), ctx, "127.0.0.1")
    assert failed.value.side == "server"
    assert "unable to get local issuer certificate" in str(failed.value.error)


def test_a_server_certificate_as_client_certificate_is_rejected(tmp_path: Path) -> None:
    files = _own(tmp_path, now=tls.now_utc())
    _, server_cert = _load(files)  # serverAuth only
    ctx = _client_ctx(files.ca_cert.read_bytes(), server_cert, tmp_path)
    with pytest.raises(HandshakeFailed) as failed:
        _handshake(_server_ctx(files), ctx, "127.0.0.1")
    assert failed.value.side == "server"
    assert "unsuitable certificate purpose" in str(failed.value.error)


def test_a_client_of_another_ca_refuses_podd(tmp_path: Path) -> None:
    files = _own(tmp_path, now=tls.now_utc())
    other = tls.new_ca()
    with pytest.raises(HandshakeFailed) as failed:
        _handshake(_server_ctx(files), _client_ctx(other.cert_pem(), None, tmp_path), "127.0.0.1")
    assert failed.value.side == "client"
    assert isinstance(failed.value.error, ssl.SSLCertVerificationError)


def test_tls_below_1_2_is_refused(tmp_path: Path) -> None:
    files = _own(tmp_path)
    assert _server_ctx(files).minimum_version == ssl.TLSVersion.TLSv1_2


def test_server_context_names_a_key_that_does_not_fit(tmp_path: Path) -> None:
    files = _own(tmp_path)
    with pytest.raises(tls.TLSError, match=r"server\.crt with key .*ca\.key"):
        tls.server_context(files.server_cert, files.ca_key)


def test_trust_anchor_of_a_brought_chain(tmp_path: Path) -> None:
    ca = tls.new_ca()
    leaf = tls.issue(ca, "podd", "server", names=NAMES)
    chain = tmp_path / "chain.pem"
    chain.write_bytes(leaf.cert_pem() + ca.cert_pem())
    assert tls.trust_anchor(chain) == ca.cert_pem()
    chain.write_bytes(leaf.cert_pem())  # ends below a root: the system's CAs vouch
    assert tls.trust_anchor(chain) is None


def test_write_private_is_0600_and_replaces_whole(tmp_path: Path) -> None:
    path = tmp_path / "secret"
    path.write_text("old")
    path.chmod(0o644)
    tls.write_private(path, b"new")
    assert path.read_bytes() == b"new"
    assert path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["secret"]


async def test_a_running_podd_reissues_and_serves_the_new_certificate(tmp_path: Path) -> None:
    from podd.config import Settings
    from podd.server import renew

    names = tls.server_names("")
    files = tls.tls_files(tmp_path)
    tls.ensure_own(files, names, tls.now_utc() - dt.timedelta(days=340))  # 25 days left
    ctx = _server_ctx(files)
    client = _client_ctx(files.ca_cert.read_bytes(), None, tmp_path)

    def served_until() -> dt.datetime:
        der = _handshake_both(ctx, client, "127.0.0.1")[1].getpeercert(binary_form=True)
        assert der is not None
        return x509.load_der_x509_certificate(der).not_valid_after_utc

    old = served_until()
    assert old - tls.now_utc() < dt.timedelta(days=26)
    await renew(Settings(data_dir=str(tmp_path)), ctx, names)
    new = served_until()
    assert new - tls.now_utc() > dt.timedelta(days=364)
    await renew(Settings(data_dir=str(tmp_path)), ctx, names)  # nothing due: unchanged
    assert served_until() == new
