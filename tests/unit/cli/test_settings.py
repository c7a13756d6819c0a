"""Settings layers: the config file, PODD_* variables and flags, sizes as quantities."""

from __future__ import annotations

from pathlib import Path

import pytest

from podd.config import ConfigError, load_settings


def _toml(tmp_path: Path, text: str) -> str:
    path = tmp_path / "podd.toml"
    path.write_text(text)
    return str(path)


def test_sizes_from_each_layer(tmp_path: Path) -> None:
    conf = _toml(tmp_path, 'log_max_size = "64Ki"\nlog_max_files = 3\n')
    assert load_settings(conf, environ={}).log_max_size == 65536
    assert (
        load_settings(_toml(tmp_path, "log_max_size = 70000\n"), environ={}).log_max_size == 70000
    )
    env = {"PODD_LOG_MAX_SIZE": "1M", "PODD_LOG_MAX_FILES": "4"}
    s = load_settings(conf, environ=env)
    assert (s.log_max_size, s.log_max_files) == (1_000_000, 4)  # the environment wins
    s = load_settings(conf, {"log_max_size": "2Mi"}, environ=env)
    assert (s.log_max_size, s.log_max_files) == (2 * 1024 * 1024, 4)  # a flag wins
    assert load_settings(None, environ={}).log_max_size == 10 * 1024 * 1024  # the kubelet's
    assert load_settings(None, {"log_max_size": "1.5Ki"}, environ={}).log_max_size == 1536


def test_a_bad_size_names_where_it_was_given(tmp_path: Path) -> None:
    conf = _toml(tmp_path, 'log_max_size = "ten megs"\n')
    with pytest.raises(ConfigError, match=r"^config file .*podd.toml: log_max_size: 'ten megs'"):
        load_settings(conf, environ={})
    with pytest.raises(ConfigError, match=r"^PODD_LOG_MAX_SIZE: '10MB' is not a size"):
        load_settings(None, environ={"PODD_LOG_MAX_SIZE": "10MB"})
    with pytest.raises(ConfigError, match=r"^--log-max-size: True is not a size"):
        load_settings(None, {"log_max_size": True}, environ={})
    with pytest.raises(ConfigError, match="log_max_size must be at least 1024 bytes"):
        load_settings(_toml(tmp_path, "log_max_size = 100\n"), environ={})
    with pytest.raises(ConfigError, match="log_max_files must be at least 2"):
        load_settings(None, environ={"PODD_LOG_MAX_FILES": "1"})


def test_booleans_from_the_environment() -> None:
    assert load_settings(None, environ={"PODD_ALLOW_HOST_LOOPBACK": "true"}).allow_host_loopback
    assert not load_settings(None, environ={"PODD_ALLOW_HOST_LOOPBACK": "0"}).allow_host_loopback


def test_cgroup_settings_from_each_layer(tmp_path: Path) -> None:
    default = load_settings(None, environ={})
    assert default.memory_qos is True and default.pod_pids_limit == 4096
    conf = _toml(tmp_path, "memory_qos = false\npod_pids_limit = 0\n")
    from_file = load_settings(conf, environ={})
    assert from_file.memory_qos is False and from_file.pod_pids_limit == 0
    env = {"PODD_MEMORY_QOS": "0", "PODD_POD_PIDS_LIMIT": "256"}
    from_env = load_settings(None, environ=env)
    assert from_env.memory_qos is False and from_env.pod_pids_limit == 256
    flags = load_settings(conf, {"memory_qos": True, "pod_pids_limit": 100}, environ={})
    assert flags.memory_qos is True and flags.pod_pids_limit == 100
