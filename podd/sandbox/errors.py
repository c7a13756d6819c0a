"""The sandbox's exception tree.

Every error the sandbox package raises is a :class:`SandboxError`; callers
(the controller, the API's error mapping) catch the branch they care about::

    SandboxError
    ├── BinaryNotFoundError        a helper program (podd-pause, newuidmap,
    │                              slirp4netns) is missing
    ├── UserNamespaceError
    │   ├── SubIdError             /etc/subuid or /etc/subgid unusable
    │   └── IdMapError             newuidmap/newgidmap (or the direct write) failed
    ├── PauseError
    │   ├── PauseStartError        the launcher reported "error <step>: …", died
    │   │                          or missed its deadline
    │   └── PauseStopError         the pause would not die
    ├── NetworkError
    │   ├── SlirpStartError        slirp4netns died or was not ready in time;
    │   │                          the message is its log
    │   ├── SlirpAPIError          the API socket answered {"error": …}
    │   ├── PortForwardError       a host port cannot be forwarded
    │   │   ├── PortInUseError     "127.0.0.1:8080/TCP: address already in use"
    │   │   └── PortPrivilegedError  below net.ipv4.ip_unprivileged_port_start
    │   └── NetInfoError           reading the pod netns (pod IP) failed
    ├── CgroupError
    │   ├── CgroupUnavailableError  no usable cgroup v2 delegation
    │   └── CgroupKillTimeoutError  the pod cgroup did not empty in time
    ├── HelperError                a `podd-pause --join` helper failed
    └── SandboxTeardownError       destroy finished, but some parts resisted
"""

from __future__ import annotations


class SandboxError(Exception):
    """Base of every error raised by podd.sandbox."""


class BinaryNotFoundError(SandboxError):
    """A program the sandbox needs is not installed or not executable."""


class UserNamespaceError(SandboxError):
    """Setting up the pod user namespace failed."""


class SubIdError(UserNamespaceError):
    """/etc/subuid or /etc/subgid cannot be read or has no usable range."""


class IdMapError(UserNamespaceError):
    """Writing the uid/gid maps failed (newuidmap/newgidmap or direct write)."""


class PauseError(SandboxError):
    """The pause process could not be started or stopped."""


class PauseStartError(PauseError):
    """The sandbox launcher failed; ``step`` names the step when it said so."""

    def __init__(self, message: str, step: str | None = None) -> None:
        super().__init__(message)
        self.step = step


class PauseStopError(PauseError):
    """The pause did not die after SIGTERM and SIGKILL."""


class NetworkError(SandboxError):
    """Pod networking (slirp4netns, port forwards) failed."""


class SlirpStartError(NetworkError):
    """slirp4netns exited or was not ready before its deadline."""


class SlirpAPIError(NetworkError):
    """The slirp4netns API socket returned an error or could not be reached."""


class PortForwardError(NetworkError):
    """A host port forward cannot be set up."""


class PortInUseError(PortForwardError):
    """The host address:port is already taken."""


class PortPrivilegedError(PortForwardError):
    """The host port is privileged for this unprivileged user."""


class NetInfoError(NetworkError):
    """Reading links/addresses inside the pod netns failed."""


class CgroupError(SandboxError):
    """A cgroup operation failed."""


class CgroupUnavailableError(CgroupError):
    """There is no cgroup v2 subtree this process may manage."""


class CgroupKillTimeoutError(CgroupError):
    """The pod cgroup still had processes after cgroup.kill and the deadline."""


class HelperError(SandboxError):
    """A helper run inside the pod's namespaces failed."""


class SandboxTeardownError(SandboxError):
    """destroy_sandbox ran every step, but some of them failed."""

    def __init__(self, failures: list[str]) -> None:
        super().__init__("sandbox teardown incomplete: " + "; ".join(failures))
        self.failures = failures
