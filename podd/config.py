"""Settings: defaults ← TOML file ← environment (PODD_*) ← command-line flags.

Every setting has one name; the TOML key is that name, the environment
variable is ``PODD_`` + the name upper-cased, the flag is ``--`` + the name
with dashes.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

import msgspec


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
    listen: str = ""
    token_file: str = ""
    data_dir: str = ""
    runtime_dir: str = ""
    log_level: str = "info"
    log_format: str = "kv"  # kv | json
    max_body_bytes: int = 3 * 1024 * 1024
    watch_history: int = 10_000  # changes kept for watches from an old resourceVersion
    insecure_registries: list[str] = msgspec.field(default_factory=list)
    runtime: str = ""  # "crun" | "runc" | a path; empty = detect
    cgroup_root: str = ""  # empty = detect the delegated subtree podd runs in
    allow_host_loopback: bool = False  # pods reach the host's 127.0.0.1 via 10.0.2.2
    log_max_size: int = 10 * 1024 * 1024  # container log rotation, as the kubelet's
    log_max_files: int = 5
    backoff_initial: float = 10.0
    backoff_max: float = 300.0
    backoff_reset: float = 600.0

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


def _coerce_env(name: str, raw: str) -> Any:
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
    for name in _FIELDS:
        raw = env.get("PODD_" + name.upper())
        if raw is not None:
            try:
                values[name] = _coerce_env(name, raw)
            except ValueError as exc:
                raise ConfigError(f"PODD_{name.upper()}: {exc}") from exc
    for key, value in (overrides or {}).items():
        if value is not None and value != []:
            values[key] = value
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
    if settings.listen and not settings.token_file:
        raise ConfigError("--listen needs --token-file: TCP is served only with a bearer token")
    if settings.log_format not in ("kv", "json"):
        raise ConfigError("log_format must be 'kv' or 'json'")
    return settings
