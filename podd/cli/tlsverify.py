"""Whom ``podd --server https://...`` trusts for the server's certificate, as
kubectl decides it.

In this order:

1. ``--insecure-skip-tls-verify``: nothing is checked (a CA given with it is
   refused, as kubectl refuses it);
2. ``--certificate-authority FILE``;
3. the kubeconfig cluster whose ``server`` is the ``--server`` URL (kubectl's
   files: ``--kubeconfig``, else each of ``$KUBECONFIG``, else
   ``~/.kube/config``, where ``podd kubeconfig --merge`` writes): its
   ``certificate-authority-data``, ``certificate-authority`` (relative to its
   file) or ``insecure-skip-tls-verify``;
4. podd's own CA, ``DATA_DIR/tls/ca.crt`` (``--data-dir``, default
   ``$XDG_DATA_HOME/podd``): this user's podd;
5. the system's trust store.

A certificate that is not signed by what is trusted is refused, with a
message naming what was trusted and how to trust podd's CA.
:func:`choose_trust` is the pure decision; :func:`trust_for` reads the files.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import os
import ssl
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "Trust",
    "TrustError",
    "add_tls_args",
    "choose_trust",
    "context_for",
    "explain",
    "refusal_message",
    "ssl_context",
    "trust_for",
    "verify_failure",
]


class TrustError(ValueError):
    """The TLS options cannot be used (the message is for the user)."""


@dataclass(frozen=True)
class Trust:
    """What the client trusts: a CA (PEM), the system's store, or nothing."""

    source: str  # for messages: where the trust comes from
    verify: bool = True
    ca_pem: bytes | None = None  # None while verifying: the system's store


def add_tls_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--certificate-authority",
        metavar="FILE",
        help="CA (PEM) that signed podd's certificate (default: the kubeconfig cluster"
        " of --server, else podd's own CA in the data dir, else the system's)",
    )
    p.add_argument(
        "--insecure-skip-tls-verify",
        action="store_true",
        help="do not check podd's certificate (its connection is then not private)",
    )
    p.add_argument("--kubeconfig", metavar="FILE", help="kubeconfig whose cluster CA to trust")
    p.add_argument("--data-dir", help="podd's data dir, for its CA (default $XDG_DATA_HOME/podd)")


def _same_server(a: str, b: str) -> bool:
    return a.rstrip("/").lower() == b.rstrip("/").lower()


def _cluster_trust(server: str, path: Path, doc: Any) -> Trust | None:
    """The trust of ``doc``'s cluster serving ``server`` (None: no such cluster)."""
    clusters = doc.get("clusters") if isinstance(doc, dict) else None
    for entry in clusters if isinstance(clusters, list) else []:
        cluster = entry.get("cluster") if isinstance(entry, dict) else None
        if not isinstance(cluster, dict) or not _same_server(str(cluster.get("server")), server):
            continue
        source = f"the kubeconfig {path} (cluster {entry.get('name')!s})"
        if cluster.get("insecure-skip-tls-verify") is True:
            return Trust(source, verify=False)
        data = cluster.get("certificate-authority-data")
        if isinstance(data, str) and data:
            try:
                return Trust(source, ca_pem=base64.b64decode(data, validate=True))
            except binascii.Error:
                raise TrustError(f"{source}: certificate-authority-data is not base64") from None
        file = cluster.get("certificate-authority")
        if isinstance(file, str) and file:
            return Trust(f"{source}: {file}", ca_pem=_read(path.parent / file))
        return Trust(source)  # a cluster without a CA: the system's store, as kubectl
    return None


def choose_trust(
    server: str,
    *,
    ca_file: str | None,
    insecure: bool,
    kubeconfigs: list[tuple[Path, Any]],
    own_ca: tuple[Path, bytes] | None,
) -> Trust:
    """The decision, from what the flags, kubeconfigs and data dir hold."""
    if insecure and ca_file:
        raise TrustError(
            "specifying a root certificates file with the insecure flag is not allowed"
        )
    if insecure:
        return Trust("--insecure-skip-tls-verify", verify=False)
    if ca_file:
        return Trust(f"--certificate-authority {ca_file}", ca_pem=_read(Path(ca_file)))
    for path, doc in kubeconfigs:
        found = _cluster_trust(server, path, doc)
        if found is not None:
            return found
    if own_ca is not None:
        return Trust(f"podd's CA {own_ca[0]}", ca_pem=own_ca[1])
    return Trust("the system's trust store")


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise TrustError(f"cannot read the CA {path}: {exc.strerror}") from None


def kubeconfig_paths(flag: str | None) -> list[Path]:
    """kubectl's files: the flag, else each of $KUBECONFIG, else ~/.kube/config."""
    if flag:
        return [Path(flag)]
    env = os.environ.get("KUBECONFIG", "")
    if env:
        return [Path(p) for p in env.split(os.pathsep) if p]
    return [Path.home() / ".kube" / "config"]


def _load(path: Path, required: bool) -> Any:
    try:
        return yaml.safe_load(path.read_text())
    except FileNotFoundError:
        if required:
            raise TrustError(f"cannot read the kubeconfig {path}: no such file") from None
        return None
    except (OSError, yaml.YAMLError) as exc:
        raise TrustError(f"cannot read the kubeconfig {path}: {exc}") from None


def _own_ca(data_dir: str | None) -> tuple[Path, bytes] | None:
    base = Path(data_dir) if data_dir else _default_data_dir()
    path = base / "tls" / "ca.crt"
    try:
        return path, path.read_bytes()
    except OSError:
        return None  # not this user's podd: the next source


def _default_data_dir() -> Path:
    xdg = os.environ.get("XDG_DATA_HOME")
    return (Path(xdg) if xdg else Path.home() / ".local" / "share") / "podd"


def trust_for(args: argparse.Namespace) -> Trust:
    """The trust for ``args.server`` from the flags and the files they point at."""
    flag = getattr(args, "kubeconfig", None)
    docs = [(p, _load(p, required=bool(flag))) for p in kubeconfig_paths(flag)]
    return choose_trust(
        args.server,
        ca_file=getattr(args, "certificate_authority", None),
        insecure=bool(getattr(args, "insecure_skip_tls_verify", False)),
        kubeconfigs=[(p, d) for p, d in docs if d is not None],
        own_ca=_own_ca(getattr(args, "data_dir", None)),
    )


def ssl_context(trust: Trust) -> ssl.SSLContext:
    """A client context (TLS 1.2+, the host name checked) trusting only
    ``trust``'s CA, or the system's store, or with nothing checked."""
    try:
        ctx = ssl.create_default_context(
            cadata=trust.ca_pem.decode("ascii", "replace") if trust.ca_pem else None
        )
    except ssl.SSLError as exc:
        raise TrustError(f"{trust.source}: not a PEM certificate ({exc.reason})") from None
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    if not trust.verify:
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
    return ctx


def context_for(args: argparse.Namespace) -> ssl.SSLContext | None:
    """The context for ``--server`` (None: no TLS, a plain http:// URL)."""
    if not str(args.server or "").lower().startswith("https://"):
        return None
    return ssl_context(trust_for(args))


def explain(exc: BaseException, args: argparse.Namespace) -> str:
    """What to tell the user about a connection that failed with ``exc``."""
    err = verify_failure(exc)
    if err is None or not getattr(args, "server", None):
        return f"cannot reach podd: {exc}"
    try:
        trust = trust_for(args)
    except TrustError as bad:
        return str(bad)
    return refusal_message(args.server, trust, err)


def verify_failure(exc: BaseException) -> ssl.SSLCertVerificationError | None:
    """The certificate check that failed somewhere in ``exc``'s chain."""
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        if isinstance(cur, ssl.SSLCertVerificationError):
            return cur
        seen.add(id(cur))
        cur = cur.__cause__ or cur.__context__
    return None


def refusal_message(server: str, trust: Trust, err: ssl.SSLCertVerificationError) -> str:
    reason = err.verify_message or err.reason or str(err)
    return (
        f"the certificate of {server} is not trusted ({reason}; trusted: {trust.source}): "
        "give podd's CA with --certificate-authority (it is in `podd kubeconfig`), "
        "or --insecure-skip-tls-verify"
    )
