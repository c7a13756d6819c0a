"""Field descriptions: ``"Type.field"`` for one type's field, a bare name for a
field that means the same wherever it appears (see :mod:`.docs`)."""

from __future__ import annotations

__all__ = ["FIELDS"]

_OPTIONAL_REF = "Specify whether the referenced object or its key must be defined."

FIELDS: dict[str, str] = {
    # shared by many types
    "metadata": "Standard object's metadata.",
    "spec": "Specification of the desired behavior of the object.",
    "status": "Most recently observed status of the object. Read-only.",
    "items": "The keys to project as files; when set, keys not listed are not projected.",
    "optional": _OPTIONAL_REF,
    "message": "A human readable message indicating details about the last transition.",
    "reason": "A brief CamelCase reason for the condition's last transition.",
    "lastTransitionTime": "Last time the condition transitioned from one status to another.",
    "defaultMode": "Mode bits used to set permissions on created files by default "
    "(octal 0000-0777 or decimal 0-511).",
    "mode": "Mode bits used to set permissions on this file (0000-0777 or 0-511).",
    "seLinuxOptions": "The SELinux context to be applied to the container.",
    "seccompProfile": "The seccomp options to use by the containers in this pod.",
    "appArmorProfile": "The AppArmor options to use by the containers in this pod.",
    "windowsOptions": "Windows specific settings (accepted, not used by podd).",
    "runAsUser": "The UID to run the entrypoint of the container process.",
    "runAsGroup": "The GID to run the entrypoint of the container process.",
    "runAsNonRoot": "Indicates that the container must run as a non-root user.",
    "localhostProfile": "A profile defined in a file on the node; only when type is Localhost.",
    # ObjectMeta
    "ObjectMeta.name": "Name must be unique within a namespace. Required when creating "
    "resources, although some resources may allow a client to request the generation "
    "of an appropriate name automatically. Cannot be updated.",
    "ObjectMeta.generateName": "An optional prefix, used by the server, to generate a "
    "unique name ONLY IF the Name field has not been provided.",
    "ObjectMeta.namespace": "Namespace defines the space within which each name must be "
    'unique. An empty namespace is equivalent to the "default" namespace.',
    "ObjectMeta.selfLink": "Deprecated: selfLink is a legacy read-only field that is no "
    "longer populated by the system.",
    "ObjectMeta.uid": "UID is the unique in time and space value for this object. "
    "Populated by the system. Read-only.",
    "ObjectMeta.resourceVersion": "An opaque value that represents the internal version "
    "of this object, used for optimistic concurrency, change detection and watches.",
    "ObjectMeta.generation": "A sequence number representing a specific generation of "
    "the desired state. Populated by the system. Read-only.",
    "ObjectMeta.creationTimestamp": "A timestamp representing the server time when this "
    "object was created (RFC3339). Populated by the system. Read-only.",
    "ObjectMeta.deletionTimestamp": "RFC 3339 date and time at which this resource will "
    "be deleted; set by the server when a graceful deletion is requested. Read-only.",
    "ObjectMeta.deletionGracePeriodSeconds": "Number of seconds allowed for this object "
    "to gracefully terminate before it will be removed from the system.",
    "ObjectMeta.labels": "Map of string keys and values that can be used to organize and "
    "categorize (scope and select) objects.",
    "ObjectMeta.annotations": "An unstructured key value map stored with a resource that "
    "may be set by external tools to store and retrieve arbitrary metadata.",
    "ObjectMeta.ownerReferences": "List of objects depended by this object.",
    "ObjectMeta.finalizers": "Must be empty before the object is deleted from the "
    "registry. Each entry is an identifier for the responsible component.",
    "ObjectMeta.managedFields": "Maps workflow-id and version to the set of fields that "
    "are managed by that workflow (accepted; podd does not track it).",
    "ListMeta.resourceVersion": "The version of the list: a watch from it sees every "
    "change after the list was read.",
    "ListMeta.continue": "Set when the list was limited: pass it as continue to get the next page.",
    "ListMeta.remainingItemCount": "The number of items after this page, when known.",
    "ListMeta.selfLink": "Deprecated: no longer populated by the system.",
    # PodSpec
    "PodSpec.volumes": "List of volumes that can be mounted by containers belonging to the pod.",
    "PodSpec.initContainers": "List of initialization containers belonging to the pod, "
    "run in order before the app containers; restartPolicy Always makes one a sidecar.",
    "PodSpec.containers": "List of containers belonging to the pod. There must be at "
    "least one container in a Pod. Cannot be updated.",
    "PodSpec.ephemeralContainers": "List of ephemeral containers run in this pod, added "
    "for debugging (kubectl debug).",
    "PodSpec.restartPolicy": "Restart policy for all containers within the pod: Always, "
    "OnFailure, Never. Default to Always.",
    "PodSpec.terminationGracePeriodSeconds": "Optional duration in seconds the pod needs "
    "to terminate gracefully. Defaults to 30 seconds.",
    "PodSpec.activeDeadlineSeconds": "Optional duration in seconds the pod may be active "
    "before its containers are stopped and the pod fails.",
    "PodSpec.dnsPolicy": "Set DNS policy for the pod: ClusterFirst, Default, None, "
    "ClusterFirstWithHostNet. Defaults to ClusterFirst.",
    "PodSpec.nodeSelector": "A selector which must match a node's labels (accepted; podd "
    "runs every pod on its one node).",
    "PodSpec.serviceAccountName": "The name of the ServiceAccount to use to run this pod.",
    "PodSpec.serviceAccount": "Deprecated alias for serviceAccountName.",
    "PodSpec.automountServiceAccountToken": "Whether a service account token should be "
    "automatically mounted.",
    "PodSpec.nodeName": "The node the pod runs on; podd sets its own node.",
    "PodSpec.hostNetwork": "Host networking requested for this pod.",
    "PodSpec.hostPID": "Use the host's pid namespace.",
    "PodSpec.hostIPC": "Use the host's ipc namespace.",
    "PodSpec.shareProcessNamespace": "Share a single process namespace between all of "
    "the containers in a pod.",
    "PodSpec.securityContext": "Pod-level security attributes and common container settings.",
    "PodSpec.imagePullSecrets": "References to secrets in the same namespace to use for "
    "pulling any of the images used by this pod.",
    "PodSpec.hostname": "Specifies the hostname of the Pod. If not specified, the pod's "
    "hostname will be set to a system-defined value.",
    "PodSpec.subdomain": "The fully qualified hostname is <hostname>.<subdomain>.<ns>.svc"
    ".<cluster domain> when set.",
    "PodSpec.setHostnameAsFQDN": "The pod's hostname is its FQDN rather than the leaf name.",
    "PodSpec.affinity": "The pod's scheduling constraints (accepted; podd has one node).",
    "PodSpec.schedulerName": "The scheduler to dispatch the pod (accepted; podd has one node).",
    "PodSpec.tolerations": "The pod's tolerations (accepted; podd has one node).",
    "PodSpec.hostAliases": "Entries added to the pod's hosts file.",
    "PodSpec.priorityClassName": "The pod's priority class (accepted, not used).",
    "PodSpec.priority": "The priority value (accepted, not used).",
    "PodSpec.dnsConfig": "DNS parameters of a pod, merged with those from dnsPolicy.",
    "PodSpec.readinessGates": "Conditions evaluated for pod readiness besides the "
    "containers' readiness.",
    "PodSpec.runtimeClassName": "RuntimeClass used to run this pod.",
    "PodSpec.enableServiceLinks": "Whether information about services should be "
    "injected into pod's environment variables.",
    "PodSpec.preemptionPolicy": "Policy for preempting pods with lower priority.",
    "PodSpec.overhead": "Resource overhead associated with running a pod for a given RuntimeClass.",
    "PodSpec.topologySpreadConstraints": "How a group of pods ought to spread across "
    "topology domains (accepted; podd has one node).",
    "PodSpec.os": "The OS of the containers in the pod.",
    "PodSpec.hostUsers": "Use the host's user namespace (podd always runs pods in a user "
    "namespace of their own).",
    "PodSpec.schedulingGates": "Gates that block scheduling the pod while present.",
    "PodSpec.resourceClaims": "Resource claims of the pod (dynamic resource allocation).",
    "PodSpec.resources": "Total resources of the pod, shared by its containers.",
    # Container
    "Container.name": "Name of the container specified as a DNS_LABEL. Each container in "
    "a pod must have a unique name. Cannot be updated.",
    "Container.image": "Container image name (e.g. busybox:1.36, registry:5000/app@sha256:...).",
    "Container.command": "Entrypoint array. Not executed within a shell. The image's "
    "ENTRYPOINT is used if this is not provided. $(VAR) references are expanded.",
    "Container.args": "Arguments to the entrypoint. The image's CMD is used if this is "
    "not provided. $(VAR) references are expanded.",
    "Container.workingDir": "Container's working directory. Defaults to the image's.",
    "Container.ports": "List of ports to expose from the container.",
    "Container.envFrom": "List of sources to populate environment variables in the "
    "container; env entries win over them.",
    "Container.env": "List of environment variables to set in the container.",
    "Container.resources": "Compute Resources required by this container (requests and "
    "limits of cpu, memory ...).",
    "Container.resizePolicy": "Resources resize policy for the container.",
    "Container.restartPolicy": "Restart policy of an init container: Always makes it a "
    "sidecar that keeps running beside the app containers.",
    "Container.volumeMounts": "Pod volumes to mount into the container's filesystem.",
    "Container.volumeDevices": "List of block devices to be used by the container.",
    "Container.livenessProbe": "Periodic probe of container liveness; the container is "
    "restarted if the probe fails.",
    "Container.readinessProbe": "Periodic probe of container service readiness.",
    "Container.startupProbe": "Indicates that the Pod has successfully initialized; "
    "other probes start after it succeeds.",
    "Container.lifecycle": "Actions that the management system should take in response "
    "to container lifecycle events.",
    "Container.terminationMessagePath": "Path at which the file to which the container's "
    "termination message will be written is mounted. Defaults to /dev/termination-log.",
    "Container.terminationMessagePolicy": "How the termination message is populated: "
    "File or FallbackToLogsOnError.",
    "Container.imagePullPolicy": "Image pull policy: Always, Never, IfNotPresent.",
    "Container.securityContext": "Security options the container should be run with.",
    "Container.stdin": "Whether this container should allocate a buffer for stdin in "
    "the container runtime.",
    "Container.stdinOnce": "Whether the runtime should close the stdin channel after it "
    "has been opened by a single attach.",
    "Container.tty": "Whether this container should allocate a TTY for itself.",
    "EphemeralContainer.targetContainerName": "The container whose namespaces this "
    "ephemeral container targets.",
    "ContainerPort.name": "A unique IANA_SVC_NAME for the port within the pod.",
    "ContainerPort.hostPort": "Number of port to expose on the host (podd forwards it "
    "from the host).",
    "ContainerPort.containerPort": "Number of port to expose on the pod's IP address.",
    "ContainerPort.protocol": "Protocol for port: UDP, TCP, or SCTP. Defaults to TCP.",
    "ContainerPort.hostIP": "What host IP to bind the external port to.",
    "EnvVar.name": "Name of the environment variable.",
    "EnvVar.value": "Value of the variable; $(VAR) references are expanded.",
    "EnvVar.valueFrom": "Source for the environment variable's value.",
    "EnvVarSource.fieldRef": "Selects a field of the pod: metadata.name, "
    "metadata.namespace, metadata.labels['<KEY>'], status.podIP ...",
    "EnvVarSource.resourceFieldRef": "Selects a resource of the container: limits.cpu, "
    "requests.memory ...",
    "EnvVarSource.configMapKeyRef": "Selects a key of a ConfigMap.",
    "EnvVarSource.secretKeyRef": "Selects a key of a secret in the pod's namespace.",
    "EnvFromSource.prefix": "A prefix to prepend to each key.",
    "EnvFromSource.configMapRef": "The ConfigMap to select from.",
    "EnvFromSource.secretRef": "The Secret to select from.",
    "ResourceRequirements.limits": "The maximum amount of compute resources allowed.",
    "ResourceRequirements.requests": "The minimum amount of compute resources required; "
    "defaults to limits when omitted.",
    "ResourceRequirements.claims": "The resource claims used by this container.",
    "VolumeMount.name": "This must match the Name of a Volume.",
    "VolumeMount.readOnly": "Mounted read-only if true, read-write otherwise.",
    "VolumeMount.recursiveReadOnly": "Whether read-only mounts are read-only recursively.",
    "VolumeMount.mountPath": "Path within the container at which the volume should be "
    "mounted. Must not contain ':'.",
    "VolumeMount.subPath": "Path within the volume from which the container's volume "
    "should be mounted. Defaults to the volume's root.",
    "VolumeMount.mountPropagation": "How mounts are propagated from the host to container "
    "and the other way around.",
    "VolumeMount.subPathExpr": "Like subPath, with $(VAR) references expanded from the "
    "container's environment.",
    # probes and hooks
    "Probe.exec": "Exec specifies a command to execute in the container.",
    "Probe.httpGet": "HTTPGet specifies an HTTP GET request to perform.",
    "Probe.tcpSocket": "TCPSocket specifies a connection to a TCP port.",
    "Probe.grpc": "GRPC specifies a GRPC HealthCheckRequest.",
    "Probe.initialDelaySeconds": "Number of seconds after the container has started "
    "before probes are initiated.",
    "Probe.timeoutSeconds": "Number of seconds after which the probe times out. "
    "Defaults to 1 second.",
    "Probe.periodSeconds": "How often (in seconds) to perform the probe. Default to 10 seconds.",
    "Probe.successThreshold": "Minimum consecutive successes for the probe to be "
    "considered successful after having failed. Defaults to 1.",
    "Probe.failureThreshold": "Minimum consecutive failures for the probe to be "
    "considered failed after having succeeded. Defaults to 3.",
    "Probe.terminationGracePeriodSeconds": "Grace period for the pod to terminate when "
    "the probe fails.",
    "HTTPGetAction.port": "Number or name of the port to access on the container.",
    "HTTPGetAction.path": "Path to access on the HTTP server.",
    "HTTPGetAction.host": "Host name to connect to, defaults to the pod IP.",
    "HTTPGetAction.scheme": "Scheme to use for connecting to the host: HTTP or HTTPS.",
    "HTTPGetAction.httpHeaders": "Custom headers to set in the request.",
    "TCPSocketAction.port": "Number or name of the port to access on the container.",
    "ExecAction.command": "Command line to execute inside the container, not in a shell.",
    "Lifecycle.postStart": "Called immediately after a container is created.",
    "Lifecycle.preStop": "Called immediately before a container is terminated.",
    "Lifecycle.stopSignal": "The signal used to stop the container.",
    # volumes
    "Volume.name": "Name of the volume. Must be a DNS_LABEL and unique within the pod.",
    "Volume.hostPath": "A pre-existing file or directory on the host, exposed to the container.",
    "Volume.emptyDir": "A temporary directory that shares a pod's lifetime.",
    "Volume.secret": "A secret that should populate this volume.",
    "Volume.persistentVolumeClaim": "A reference to a PersistentVolumeClaim.",
    "Volume.downwardAPI": "Downward API about the pod that should populate this volume.",
    "Volume.configMap": "A configMap that should populate this volume.",
    "Volume.projected": "Items for all in one resources secrets, configmaps, and downward API.",
    "Volume.image": "An OCI image mounted read-only.",
    "EmptyDirVolumeSource.medium": "What type of storage medium should back this "
    'directory: "" (disk) or Memory (tmpfs).',
    "EmptyDirVolumeSource.sizeLimit": "Total amount of local storage required for this "
    "EmptyDir volume.",
    "HostPathVolumeSource.path": "Path of the directory on the host.",
    "HostPathVolumeSource.type": 'Type for HostPath Volume: "", DirectoryOrCreate, '
    "Directory, FileOrCreate, File, Socket ...",
    "DownwardAPIVolumeSource.items": "The files of the volume, each one a field of the pod.",
    "DownwardAPIProjection.items": "The files projected, each one a field of the pod.",
    "ProjectedVolumeSource.sources": "The volume projections: configMap, secret, "
    "downwardAPI or serviceAccountToken.",
    "KeyToPath.key": "The key to project.",
    "KeyToPath.path": "The relative path of the file to map the key to.",
    # status
    "PodStatus.phase": "The phase of a Pod: Pending, Running, Succeeded, Failed or Unknown.",
    "PodStatus.conditions": "Current service state of pod.",
    "PodStatus.hostIP": "IP address of the host to which the pod is assigned.",
    "PodStatus.podIP": "IP address allocated to the pod.",
    "PodStatus.podIPs": "IP addresses allocated to the pod.",
    "PodStatus.startTime": "RFC 3339 date and time at which the pod was acknowledged.",
    "PodStatus.containerStatuses": "Statuses of the app containers, one per container.",
    "PodStatus.initContainerStatuses": "Statuses of the init containers.",
    "PodStatus.qosClass": "The Quality of Service class: Guaranteed, Burstable or BestEffort.",
    "ContainerStatus.state": "Details about the container's current condition.",
    "ContainerStatus.lastState": "Details about the container's last termination.",
    "ContainerStatus.ready": "Whether the container passed its readiness probe.",
    "ContainerStatus.restartCount": "The number of times the container has been restarted.",
    "ContainerStatus.imageID": "The image ID of the container's image.",
    "ContainerStatus.containerID": "The ID of the container in the format "
    "'<type>://<container_id>'.",
    "ContainerStateTerminated.exitCode": "Exit status from the last termination of the container.",
    # other kinds
    "ConfigMap.data": "Configuration data as UTF-8 strings.",
    "ConfigMap.binaryData": "Binary configuration data (base64 in JSON).",
    "ConfigMap.immutable": "If true, the data cannot be updated.",
    "Secret.data": "Secret data; values are base64-encoded in JSON.",
    "Secret.stringData": "Write-only string data merged into data on write.",
    "Secret.type": "Used to facilitate programmatic handling of secret data. Defaults to Opaque.",
    "Secret.immutable": "If true, the data cannot be updated.",
    "Event.involvedObject": "The object that this event is about.",
    "Event.count": "The number of times this event has occurred.",
    "Event.type": "Type of this event (Normal, Warning).",
    "Event.source": "The component reporting this event.",
    "Status.status": "Status of the operation: Success or Failure.",
    "Status.code": "Suggested HTTP return code for this status, 0 if not set.",
    "Status.details": "Extended data associated with the reason.",
    "Status.reason": "A machine-readable description of why this operation is in the "
    '"Failure" status.',
    "Status.message": "A human-readable description of the status of this operation.",
    "StatusCause.field": "The field of the resource that has caused this error.",
    "DeleteOptions.gracePeriodSeconds": "The duration in seconds before the object "
    "should be deleted; zero means delete immediately.",
    "DeleteOptions.propagationPolicy": "Whether and how garbage collection will be "
    "performed: Orphan, Background or Foreground.",
    "DeleteOptions.dryRun": "When present (All), the deletion is checked and not persisted.",
    "Table.columnDefinitions": "The columns of each row; only in the first of a watch.",
    "Table.rows": "One row per object, its cells in column order.",
    "TableRow.cells": "The cells of the row, one per column definition.",
    "TableRow.object": "The object of the row, as includeObject asks.",
    "WatchEvent.type": "ADDED, MODIFIED, DELETED, BOOKMARK or ERROR.",
    "WatchEvent.object": "The object: the resource for ADDED/MODIFIED/DELETED, a Status for ERROR.",
    # authorization.k8s.io, authentication.k8s.io (the reviews)
    "SelfSubjectAccessReviewSpec.resourceAttributes": "The request on a resource to check; "
    "exactly one of this and nonResourceAttributes.",
    "SelfSubjectAccessReviewSpec.nonResourceAttributes": "The request on a URL path to check; "
    "exactly one of this and resourceAttributes.",
    "SubjectAccessReviewStatus.allowed": "Whether the action is allowed. Required.",
    "SubjectAccessReviewStatus.denied": "Whether the action is denied outright.",
    "SubjectAccessReviewStatus.reason": "Why the action is allowed or denied.",
    "evaluationError": "An error met while evaluating the review; the answer may still stand.",
    "ResourceAttributes.verb": "A resource verb: get, list, watch, create, update, patch, "
    "delete, deletecollection; * is every verb.",
    "ResourceAttributes.resource": "One of the resource types; * is every one.",
    "ResourceAttributes.namespace": "The namespace of the action; empty means every "
    "namespace (for namespaced resources).",
    "NonResourceAttributes.path": "The URL path of the request.",
    "NonResourceAttributes.verb": "The HTTP verb of the request.",
    "SelfSubjectRulesReviewSpec.namespace": "The namespace to evaluate the rules in. Required.",
    "incomplete": "True when the rules may be incomplete (not every rule could be evaluated).",
    "UserInfo.username": "The name that identifies the user among all users.",
    "UserInfo.groups": "The groups the user belongs to.",
    "SelfSubjectReviewStatus.userInfo": "The user the request was made as.",
}
