"""The runtime's exception tree.

Every error podd.runtime raises is a :class:`ContainerError`. Each carries a
``reason``: the Kubernetes word the controller puts in a container's
``waiting``/``terminated`` state (``CreateContainerConfigError``,
``CreateContainerError``, ``StartError``, ``RunContainerError``)::

    ContainerError                       reason RunContainerError unless below
    ├── RuntimeNotFoundError             no usable OCI runtime, conmon or helper tool
    ├── CreateContainerConfigError       the pod spec cannot be turned into a
    │                                    config: a missing ConfigMap/Secret key,
    │                                    runAsNonRoot with a root user, a bad
    │                                    subPath, an unknown volume
    ├── CreateContainerError             the container could not be created
    │   ├── RootfsError                  mounting, copying or removing a rootfs
    │   ├── ConmonError                  conmon died, timed out or broke protocol
    │   └── SeccompError                 the seccomp profile cannot be used
    ├── OCIRuntimeError                  the OCI runtime refused (see oci.classify)
    │   ├── ContainerNotFoundError       "container does not exist"
    │   ├── ContainerExistsError         "container with id exists"
    │   ├── ContainerNotRunningError     kill/exec on a stopped container
    │   ├── StartError                   the process could not be executed
    │   │   ├── ExecutableNotFoundError  "executable file not found in $PATH"
    │   │   └── PermissionDeniedError    "permission denied"
    │   └── CgroupsError                 the runtime failed on cgroups
    ├── ExecError                        an exec could not run
    │   └── ExecTimeoutError             it outlived its timeout (killed)
    ├── StopError                        a container would not stop
    └── StateError                       a persisted container state is unreadable
"""

from __future__ import annotations


class ContainerError(Exception):
    """Base of every error raised by podd.runtime."""

    reason = "RunContainerError"

    def __init__(self, message: str, *, reason: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if reason is not None:
            self.reason = reason


class RuntimeNotFoundError(ContainerError):
    """An OCI runtime, conmon or a helper tool is missing or unusable."""


class CreateContainerConfigError(ContainerError):
    """The container's configuration cannot be generated (Kubernetes reason)."""

    reason = "CreateContainerConfigError"


class CreateContainerError(ContainerError):
    """Creating the container failed after its config was generated."""

    reason = "CreateContainerError"


class RootfsError(CreateContainerError):
    """The container rootfs could not be mounted, copied or removed."""


class ConmonError(CreateContainerError):
    """conmon exited early, missed its deadline or sent an unexpected message."""


class SeccompError(CreateContainerError):
    """The seccomp profile is unreadable or cannot be converted."""


class OCIRuntimeError(ContainerError):
    """The OCI runtime failed; ``stderr`` is what it said."""

    def __init__(self, message: str, *, stderr: str = "", reason: str | None = None) -> None:
        super().__init__(message, reason=reason)
        self.stderr = stderr


class ContainerNotFoundError(OCIRuntimeError):
    """The runtime does not know the container."""


class ContainerExistsError(OCIRuntimeError):
    """A container with that id already exists in the runtime root."""


class ContainerNotRunningError(OCIRuntimeError):
    """The operation needs a running container."""


class StartError(OCIRuntimeError):
    """The container process could not be started (Kubernetes ``StartError``,
    exit code 128 in the terminated state)."""

    reason = "StartError"
    exit_code = 128


class ExecutableNotFoundError(StartError):
    """The command does not exist in the container."""


class PermissionDeniedError(StartError):
    """The command (or its working directory) is not accessible."""


class KeyQuotaError(StartError):
    """The user's kernel key quota is used up (runc keeps a session keyring
    per container: ``kernel.keys.maxkeys`` caps the containers of one user)."""


class CgroupsError(OCIRuntimeError):
    """The runtime could not set up cgroups."""


class ExecError(ContainerError):
    """An exec in a container could not be run."""


class ExecTimeoutError(ExecError):
    """The exec'd process was still running at its deadline and was killed."""


class StopError(ContainerError):
    """The container did not stop (even SIGKILL and its cgroup did not end it)."""


class StateError(ContainerError):
    """A persisted container state file is missing or corrupt."""
