"""Settings: defaults ← TOML file ← environment (PODD_*) ← command-line flags.

Every setting has one name; the TOML key is that name, the environment
variable is ``PODD_`` + the name upper-cased, the flag is ``--`` + the name
with dashes. Sizes in bytes (``log_max_size``) also take Kubernetes
quantities, as the kubelet's ``containerLogMaxSize`` does: ``64Ki``,
``10Mi``, ``1M``.
"""

from __future__ import annotations

import ipaddress
import os
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec

from podd.logs.rotate import MIN_MAX_FILES, MIN_MAX_SIZE
from podd.model.quantity import QuantityError, to_bytes


def _xdg(var: str, fallback: str) -> Path:
    value = os.environ.get(var)
    if value:
        return Path(value)
    return Path.home() / fallback


def default_runtime_dir() -> Path:
    base = os.environ.get("XDG_RUNTIME_DIR")
    if base:
        return Path(base) / "podd"
    # No XDG_RUNTIME_DIR (no logind session): a private per-user dir in /tmp.
    return Path(f"/tmp/podd-{os.getuid()}")


class Settings(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """podd's configuration; paths are resolved by :func:`load_settings`."""

    socket: str = ""
    listen: str = ""  # HOST:PORT served over TLS
    token_file: str = ""  # empty: <data_dir>/token, generated on first start
    tls_cert: str = ""  # with tls_key: the server's certificate instead of podd's own
    tls_key: str = ""
    client_ca: str = ""  # CA of accepted client certificates (default: podd's own CA)
    insecure_plaintext_listen: str = ""  # HOST:PORT served over plain HTTP (kubectl can't use it)
    data_dir: str = ""
    runtime_dir: str = ""
    log_level: str = "info"
    log_format: str = "kv"  # kv | json
    max_body_bytes: int = 3 * 1024 * 1024
    watch_history: int = 10_000  # changes kept for watches from an old resourceVersion
    insecure_registries: list[str] = msgspec.field(default_factory=list)
    runtime: str = ""  # "crun" | "runc" | a path; empty = detect
    cgroup_root: str = ""  # empty = detect the delegated subtree podd runs in
    cdi_spec_dirs: list[str] = msgspec.field(default_factory=list)  # after /etc/cdi, /var/run/cdi
    cdi_nvidia: bool = True  # generate nvidia.com/gpu from the host when no spec names it
    allow_host_loopback: bool = False  # pods reach the host's 127.0.0.1 via 10.0.2.2
    memory_qos: bool = True  # memory.min/memory.high as the kubelet's MemoryQoS
    pod_pids_limit: int = 4096  # pids.max of each pod (the kubelet's podPidsLimit); <= 0: none
    log_max_size: int = 10 * 1024 * 1024  # container log rotation, as the kubelet's (bytes)
    log_max_files: int = 5  # per container instance, the current one included
    backoff_initial: float = 10.0
    backoff_max: float = 300.0
    backoff_reset: float = 600.0
    service_cidr: str = "10.96.0.0/16"  # Services' clusterIPs (the apiserver's default range)
    # "bridge": podd's pod network (an address per pod, pods reach each other);
    # "slirp": a slirp4netns per pod, every pod 10.0.2.100, isolated.
    network: str = "bridge"
    pod_cidr: str = "10.88.0.0/16"  # the pod network's addresses (network = "bridge")

    @property
    def socket_path(self) -> Path:
        return Path(self.socket)

    @property
    def data_path(self) -> Path:
        return Path(self.data_dir)

    @property
    def runtime_path(self) -> Path:
        return Path(self.runtime_dir)

    @property
    def db_path(self) -> Path:
        return self.data_path / "podd.db"


class ConfigError(Exception):
    """A configuration file, variable or flag is invalid."""


_FIELDS = {f.name: f for f in msgspec.structs.fields(Settings)}
SETTING_NAMES = tuple(_FIELDS)
_BYTE_SIZES = {"log_max_size"}  # bytes, or a quantity


def _byte_size(value: Any) -> int:
    """Bytes from an integer or a quantity ("64Ki", "10Mi", "1M", "65536")."""
    if isinstance(value, str):
        value = value.strip()
    try:
        size = to_bytes(value)
    except QuantityError:
        raise ValueError(f"{value!r} is not a size: bytes, or a quantity such as 64Ki") from None
    if size < 0:
        raise ValueError(f"{value!r} is negative")
    return size


def _coerce_env(name: str, raw: str) -> Any:
    if name in _BYTE_SIZES:
        return _byte_size(raw)
    default = _FIELDS[name].default
    if isinstance(default, bool):
        return raw.lower() in ("1", "true", "yes", "on")
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, float):
        return float(raw)
    if _FIELDS[name].default_factory is list:
        return [p for p in raw.replace(",", " ").split() if p]
    return raw


def load_settings(
    config_file: str | None = None,
    overrides: dict[str, Any] | None = None,
    environ: dict[str, str] | None = None,
) -> Settings:
    """Merge the layers and fill in the XDG defaults for paths."""
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    path = config_file or env.get("PODD_CONFIG")
    if not path:
        candidate = _xdg("XDG_CONFIG_HOME", ".config") / "podd" / "podd.toml"
        path = str(candidate) if candidate.is_file() else None
    if path:
        try:
            with open(path, "rb") as fh:
                values.update(tomllib.load(fh))
        except OSError as exc:
            raise ConfigError(f"config file {path}: {exc.strerror}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"config file {path}: {exc}") from exc
        _sizes(values, lambda name: f"config file {path}: {name}")
    for name in _FIELDS:
        raw = env.get("PODD_" + name.upper())
        if raw is not None:
            try:
                values[name] = _coerce_env(name, raw)
            except ValueError as exc:
                raise ConfigError(f"PODD_{name.upper()}: {exc}") from exc
    flags = {k: v for k, v in (overrides or {}).items() if v is not None and v != []}
    _sizes(flags, lambda name: "--" + name.replace("_", "-"))
    values.update(flags)
    try:
        settings = msgspec.convert(values, Settings)
    except msgspec.ValidationError as exc:
        raise ConfigError(f"invalid setting: {exc}") from exc
    if not settings.runtime_dir:
        settings.runtime_dir = str(default_runtime_dir())
    if not settings.data_dir:
        settings.data_dir = str(_xdg("XDG_DATA_HOME", ".local/share") / "podd")
    if not settings.socket:
        settings.socket = str(Path(settings.runtime_dir) / "podd.sock")
    if settings.log_format not in ("kv", "json"):
        raise ConfigError("log_format must be 'kv' or 'json'")
    if settings.log_max_size < MIN_MAX_SIZE:
        raise ConfigError(
            f"log_max_size must be at least {MIN_MAX_SIZE} bytes (1Ki), not {settings.log_max_size}"
        )
    _check_service_cidr(settings.service_cidr)
    _check_network(settings)
    if settings.log_max_files < MIN_MAX_FILES:
        raise ConfigError(
            f"log_max_files must be at least {MIN_MAX_FILES}, not {settings.log_max_files}"
        )
    return settings


def _sizes(values: dict[str, Any], where: Callable[[str], str]) -> None:
    """Byte sizes given as quantities, in bytes; the error names where it was given."""
    for name in _BYTE_SIZES & values.keys():
        try:
            values[name] = _byte_size(values[name])
        except ValueError as exc:
            raise ConfigError(f"{where(name)}: {exc}") from None


def _check_network(settings: Settings) -> None:
    from podd.network.config import check_cidr

    if settings.network not in ("bridge", "slirp"):
        raise ConfigError(f"network must be 'bridge' or 'slirp', not {settings.network!r}")
    if (why := check_cidr(settings.pod_cidr)) is not None:
        raise ConfigError(f"pod_cidr: {why}")
    pods = ipaddress.ip_network(settings.pod_cidr)
    if pods.overlaps(ipaddress.ip_network(settings.service_cidr)):
        raise ConfigError(
            f"pod_cidr {settings.pod_cidr} overlaps service_cidr {settings.service_cidr}"
        )


def _check_service_cidr(cidr: str) -> None:
    """One IPv4 range with room for Services (podd's pod network is single-stack IPv4)."""
    try:
        net = ipaddress.ip_network(cidr, strict=True)
    except ValueError as exc:
        raise ConfigError(f"service_cidr: {exc}") from None
    if net.version != 4 or net.prefixlen > 30:
        raise ConfigError(f"service_cidr must be an IPv4 range of at least 4 addresses, not {cidr}")
