import pytest

from podd.sandbox import errors


@pytest.mark.parametrize(
    ("cls", "parent"),
    [
        (errors.BinaryNotFoundError, errors.SandboxError),
        (errors.SubIdError, errors.UserNamespaceError),
        (errors.IdMapError, errors.UserNamespaceError),
        (errors.UserNamespaceError, errors.SandboxError),
        (errors.PauseStartError, errors.PauseError),
        (errors.PauseStopError, errors.PauseError),
        (errors.SlirpStartError, errors.NetworkError),
        (errors.SlirpAPIError, errors.NetworkError),
        (errors.PortInUseError, errors.PortForwardError),
        (errors.PortPrivilegedError, errors.PortForwardError),
        (errors.PortForwardError, errors.NetworkError),
        (errors.NetInfoError, errors.NetworkError),
        (errors.CgroupUnavailableError, errors.CgroupError),
        (errors.CgroupKillTimeoutError, errors.CgroupError),
        (errors.HelperError, errors.SandboxError),
        (errors.SandboxTeardownError, errors.SandboxError),
    ],
)
def test_tree(cls: type[Exception], parent: type[Exception]) -> None:
    assert issubclass(cls, parent)


def test_every_error_is_in_the_docstring_tree() -> None:
    doc = errors.__doc__ or ""
    names = [n for n, v in vars(errors).items() if isinstance(v, type) and issubclass(v, Exception)]
    assert names and all(n in doc for n in names)


def test_teardown_error_lists_failures() -> None:
    err = errors.SandboxTeardownError(["stop pause: x", "remove cgroup: y"])
    assert err.failures == ["stop pause: x", "remove cgroup: y"]
    assert str(err) == "sandbox teardown incomplete: stop pause: x; remove cgroup: y"
    assert errors.PauseStartError("m", step="fork").step == "fork"
