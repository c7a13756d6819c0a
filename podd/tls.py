"""TLS on TCP: podd's own CA and server certificate, and the server's context.

kubectl sends a bearer token only over TLS, so TCP is always TLS. Unless the
user brings a certificate (``--tls-cert``/``--tls-key``), podd makes a CA on
first start and issues itself a server certificate for 127.0.0.1, ::1,
localhost, the host name and the ``--listen`` host. Both live under
``<data>/tls`` (dir 0700, every file 0600) and are re-issued before they
expire: the server certificate with under 30 days left, the CA with under a
year left (so a server certificate never outlives its CA).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import socket
import ssl
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

CA_LIFETIME = dt.timedelta(days=3650)
CA_RENEW_BEFORE = dt.timedelta(days=366)
SERVER_LIFETIME = dt.timedelta(days=365)
SERVER_RENEW_BEFORE = dt.timedelta(days=30)
# Clocks of clients a little behind ours still accept a fresh certificate.
BACKDATE = dt.timedelta(minutes=5)

# Key of the verified client certificate's subject in a connection's ASGI state.
CLIENT_CERT = "podd.client_cert"
FIRST = "none yet"  # the reason for issuing a certificate there was none of

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Usage = Literal["server", "client"]


class TLSError(Exception):
    """A certificate or key cannot be read, written or used; the message says which."""


@dataclass(frozen=True)
class Issued:
    """A certificate and its private key."""

    cert: x509.Certificate
    key: ec.EllipticCurvePrivateKey

    def cert_pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    def key_pem(self) -> bytes:
        return self.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )


@dataclass(frozen=True)
class TLSFiles:
    """Where podd keeps its CA and server certificate."""

    dir: Path

    @property
    def ca_cert(self) -> Path:
        return self.dir / "ca.crt"

    @property
    def ca_key(self) -> Path:
        return self.dir / "ca.key"

    @property
    def server_cert(self) -> Path:
        return self.dir / "server.crt"

    @property
    def server_key(self) -> Path:
        return self.dir / "server.key"


@dataclass(frozen=True)
class Names:
    """The subject alternative names a server certificate must carry."""

    dns: tuple[str, ...]
    ips: tuple[IPAddress, ...]


def tls_files(data_dir: Path) -> TLSFiles:
    return TLSFiles(data_dir / "tls")


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def server_names(listen_host: str = "", hostname: str | None = None) -> Names:
    """Loopback, localhost, the host name, and the listen host if it is a specific one."""
    dns = ["localhost"]
    ips: list[IPAddress] = [ipaddress.ip_address("127.0.0.1"), ipaddress.ip_address("::1")]
    for name in (hostname if hostname is not None else socket.gethostname(), listen_host):
        try:
            ip = ipaddress.ip_address(name)
        except ValueError:
            if name and name.isascii() and name not in dns:
                dns.append(name)
            continue
        if not ip.is_unspecified and ip not in ips:
            ips.append(ip)
    return Names(tuple(dns), tuple(ips))


def _new_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def _key_usage(*, signs_certs: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=signs_certs,
        crl_sign=signs_certs,
        encipher_only=False,
        decipher_only=False,
    )


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "podd"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def new_ca(now: dt.datetime | None = None, lifetime: dt.timedelta = CA_LIFETIME) -> Issued:
    """A self-signed CA that may sign end-entity certificates only (path length 0)."""
    now = now or now_utc()
    key = _new_key()
    name = _name(f"podd CA ({socket.gethostname()})")
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - BACKDATE)
        .not_valid_after(now + lifetime)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            _key_usage(signs_certs=True),
            critical=True,
        )
        .add_extension(ski, critical=False)
        .sign(key, hashes.SHA256())
    )
    return Issued(cert, key)


def issue(
    ca: Issued,
    common_name: str,
    usage: Usage,
    *,
    names: Names | None = None,
    now: dt.datetime | None = None,
    lifetime: dt.timedelta = SERVER_LIFETIME,
) -> Issued:
    """An end-entity certificate signed by ``ca``, for a TLS server or a TLS client."""
    now = now or now_utc()
    key = _new_key()
    not_after = min(now + lifetime, ca.cert.not_valid_after_utc)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(ca.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - BACKDATE)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            _key_usage(signs_certs=False),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage(
                [
                    ExtendedKeyUsageOID.SERVER_AUTH
                    if usage == "server"
                    else ExtendedKeyUsageOID.CLIENT_AUTH
                ]
            ),
            critical=False,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()), critical=False
        )
    )
    if names is not None:
        general: list[x509.GeneralName] = [x509.DNSName(n) for n in names.dns]
        general += [x509.IPAddress(ip) for ip in names.ips]
        builder = builder.add_extension(x509.SubjectAlternativeName(general), critical=False)
    return Issued(builder.sign(ca.key, hashes.SHA256()), key)


def renewal_reason(
    cert: x509.Certificate,
    renew_before: dt.timedelta,
    *,
    now: dt.datetime | None = None,
    ca: x509.Certificate | None = None,
    names: Names | None = None,
) -> str | None:
    """Why ``cert`` must be re-issued now, or None while it is good."""
    now = now or now_utc()
    if cert.not_valid_after_utc - now < renew_before:
        return f"expires {cert.not_valid_after_utc:%Y-%m-%d}"
    if cert.not_valid_before_utc > now:
        return f"not valid before {cert.not_valid_before_utc:%Y-%m-%d %H:%M}"
    if ca is not None and not issued_by(cert, ca):
        return "not issued by the current CA"
    if names is not None:
        dns, ips = _sans(cert)
        missing = sorted(set(names.dns) - dns) + sorted(str(ip) for ip in set(names.ips) - ips)
        if missing:
            return "does not name " + ", ".join(missing)
    return None


def issued_by(cert: x509.Certificate, ca: x509.Certificate) -> bool:
    """Whether ``ca`` signed ``cert`` (names and signature)."""
    try:
        cert.verify_directly_issued_by(ca)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def _sans(cert: x509.Certificate) -> tuple[set[str], set[IPAddress]]:
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return set(), set()
    ips = {ip for ip in san.get_values_for_type(x509.IPAddress) if isinstance(ip, IPAddress)}
    return set(san.get_values_for_type(x509.DNSName)), ips


def write_private(path: Path, data: bytes) -> None:
    """Replace ``path`` whole with a file that is 0600 from its birth."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC | os.O_NOFOLLOW, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)


def load(cert_path: Path, key_path: Path) -> Issued | None:
    """A stored certificate and key; None when either is missing or unreadable as such."""
    try:
        cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
    except (OSError, ValueError):
        return None
    if not isinstance(key, ec.EllipticCurvePrivateKey) or key.public_key() != cert.public_key():
        return None
    return Issued(cert, key)


def _store(issued: Issued, cert_path: Path, key_path: Path) -> None:
    write_private(key_path, issued.key_pem())
    write_private(cert_path, issued.cert_pem())


def _private_dir(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.chmod(0o700)


@dataclass(frozen=True)
class Renewal:
    """What :func:`ensure_own` did; the reasons are for the log."""

    ca_reason: str | None  # why the CA was (re-)issued; None when kept
    server_reason: str | None  # why the server certificate was (re-)issued


def _missing(cert: Path) -> str:
    return FIRST if not cert.exists() else "unreadable, or not the pair of its key"


def ensure_own(files: TLSFiles, names: Names, now: dt.datetime | None = None) -> Renewal:
    """podd's CA and server certificate on disk, each (re-)issued when needed.

    Blocking (files, key generation): run it off the event loop.
    """
    now = now or now_utc()
    _private_dir(files.dir)
    ca = load(files.ca_cert, files.ca_key)
    if ca is None:
        ca_reason: str | None = _missing(files.ca_cert)
    else:
        ca_reason = renewal_reason(ca.cert, CA_RENEW_BEFORE, now=now)
    if ca is None or ca_reason is not None:
        ca = new_ca(now)
        _store(ca, files.ca_cert, files.ca_key)
    server = load(files.server_cert, files.server_key)
    if server is None:
        server_reason: str | None = _missing(files.server_cert)
    else:
        server_reason = renewal_reason(
            server.cert, SERVER_RENEW_BEFORE, now=now, ca=ca.cert, names=names
        )
    if server is None or server_reason is not None:
        server = issue(ca, "podd", "server", names=names, now=now)
        _store(server, files.server_cert, files.server_key)
    for path in (files.ca_cert, files.ca_key, files.server_cert, files.server_key):
        path.chmod(0o600)  # files from an older podd or a copy made wider
    return Renewal(ca_reason, server_reason)


def server_context(cert: Path, key: Path, client_ca: Path | None = None) -> ssl.SSLContext:
    """TLS 1.2+; with ``client_ca``, a client certificate is asked for and, when
    one is sent, must be signed by that CA or the handshake fails."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.set_alpn_protocols(["http/1.1"])
    try:
        ctx.load_cert_chain(cert, key)
    except (OSError, ssl.SSLError) as exc:
        raise TLSError(f"certificate {cert} with key {key}: {exc}") from None
    if client_ca is not None:
        try:
            ctx.load_verify_locations(cafile=client_ca)
        except (OSError, ssl.SSLError) as exc:
            raise TLSError(f"client CA {client_ca}: {exc}") from None
        ctx.verify_mode = ssl.CERT_OPTIONAL
    return ctx


def subject_text(peercert: dict[str, object]) -> str:
    """``CN=…,O=…`` of a certificate as ``SSLSocket.getpeercert()`` gives it."""
    parts: list[str] = []
    for rdn in peercert.get("subject", ()):  # type: ignore[attr-defined]
        for key, value in rdn:
            parts.append(f"{key}={value}")
    return ",".join(parts) or "?"


def trust_anchor(cert_chain: Path) -> bytes | None:
    """The self-signed root at the end of a brought certificate chain, PEM; None
    when the chain ends below a root (the system's CAs must then vouch for it)."""
    try:
        chain = x509.load_pem_x509_certificates(cert_chain.read_bytes())
    except (OSError, ValueError):
        return None
    last = chain[-1]
    if not issued_by(last, last):
        return None
    return last.public_bytes(serialization.Encoding.PEM)
