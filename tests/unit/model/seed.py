"""The seed pod every validation/defaults test mutates (one change per case)."""

from __future__ import annotations

from podd.model.codec import decode_body
from podd.model.pod import Pod

SEED_YAML = b"""\
apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: default
  labels: {app: web, tier: frontend}
spec:
  shareProcessNamespace: true
  initContainers:
  - name: init
    image: busybox:1.36
    command: [sh, -c, "echo hello > /work/index.html"]
    volumeMounts: [{name: data, mountPath: /work}]
  containers:
  - name: web
    image: nginx:1.25
    ports:
    - {name: http, containerPort: 80, hostPort: 8080}
    resources:
      requests: {cpu: 250m, memory: 64Mi}
      limits: {cpu: "1", memory: 512Mi}
    volumeMounts: [{name: data, mountPath: /usr/share/nginx/html, readOnly: true}]
    readinessProbe: {httpGet: {path: /, port: http}, periodSeconds: 5}
    livenessProbe: {tcpSocket: {port: 80}, initialDelaySeconds: 3}
    startupProbe: {exec: {command: [cat, /etc/nginx/nginx.conf]}, failureThreshold: 30}
  - name: sidecar
    image: busybox
    command: [sh, -c, "while true; do sleep 5; done"]
    env:
    - name: POD_NAME
      valueFrom: {fieldRef: {fieldPath: metadata.name}}
    volumeMounts: [{name: data, mountPath: /data}]
  volumes:
  - name: data
    emptyDir: {sizeLimit: 64Mi}
"""


def seed_pod() -> Pod:
    """A fresh, valid, not yet defaulted copy of the seed pod."""
    pod, warnings = decode_body(SEED_YAML, "application/yaml", Pod)
    assert warnings == []
    return pod
