"""The sections of kubectl's pod description (its ``describePod`` helpers):
a PrefixWriter, labels and annotations, tolerations, containers with their
states, probes, environment and mounts, volumes, the QoS class. Pure."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from podd.api.tables.duration import human_duration
from podd.model.timeutil import parse_rfc3339

__all__ = [
    "Writer",
    "annotation_lines",
    "containers",
    "multiline",
    "qos_class",
    "rfc1123z",
    "since",
    "timestamp",
    "tolerations",
    "volume",
]

Obj = dict[str, Any]


def timestamp(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return parse_rfc3339(value)
    except ValueError:
        return None


def rfc1123z(value: str | None) -> str:
    """Go's ``time.RFC1123Z`` in the local zone, as kubectl prints times."""
    t = timestamp(value)
    if t is None:
        return "Mon, 01 Jan 0001 00:00:00 +0000"
    return t.astimezone().strftime("%a, %d %b %Y %H:%M:%S %z")


def since(value: str | None, now: datetime) -> str:
    t = timestamp(value)
    return "<unknown>" if t is None else human_duration(now - t)


class Writer:
    """kubectl's PrefixWriter: two spaces a level, tabs split cells."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, level: int, text: str) -> None:
        self.parts.append("  " * level + text)

    def text(self) -> str:
        return "".join(self.parts)


def multiline(w: Writer, title: str, values: dict[str, str] | None, sep: str = "=") -> None:
    w.write(0, f"{title}:\t")
    if not values:
        w.write(0, "<none>\n")
        return
    for i, key in enumerate(sorted(values)):
        if i:
            w.write(0, "\t")
        w.write(0, f"{key}{sep}{values[key]}\n")


def annotation_lines(w: Writer, values: dict[str, str] | None) -> None:
    skip = "kubectl.kubernetes.io/last-applied-configuration"
    multiline(w, "Annotations", {k: v for k, v in (values or {}).items() if k != skip}, ": ")


def tolerations(w: Writer, tolerations: list[Obj] | None) -> None:
    w.write(0, "Tolerations:\t")
    if not tolerations:
        w.write(0, "<none>\n")
        return
    for i, t in enumerate(sorted(tolerations, key=lambda t: t.get("key") or "")):
        if i:
            w.write(0, "\t")
        text = t.get("key") or ""
        if t.get("value"):
            text += f"={t['value']}"
        if t.get("effect"):
            text += f":{t['effect']}"
        if t.get("operator") == "Exists" and not t.get("value"):
            text += " op=Exists" if t.get("key") or t.get("effect") else "op=Exists"
        if t.get("tolerationSeconds") is not None:
            text += f" for {t['tolerationSeconds']}s"
        w.write(0, text + "\n")


def _ports(ports: list[Obj], field: str) -> str:
    # kubectl 1.32's form (later ones add the port's name in parentheses).
    return ", ".join(f"{p.get(field, 0)}/{p.get('protocol', 'TCP')}" for p in ports)


def _state(w: Writer, title: str, state: Obj) -> None:
    if state.get("running") is not None:
        w.write(2, f"{title}:\tRunning\n")
        w.write(3, f"Started:\t{rfc1123z(state['running'].get('startedAt'))}\n")
    elif state.get("terminated") is not None:
        t = state["terminated"]
        w.write(2, f"{title}:\tTerminated\n")
        if t.get("reason"):
            w.write(3, f"Reason:\t{t['reason']}\n")
        if t.get("message"):
            w.write(3, f"Message:\t{t['message']}\n")
        w.write(3, f"Exit Code:\t{t.get('exitCode', 0)}\n")
        if t.get("signal"):
            w.write(3, f"Signal:\t{t['signal']}\n")
        w.write(3, f"Started:\t{rfc1123z(t.get('startedAt'))}\n")
        w.write(3, f"Finished:\t{rfc1123z(t.get('finishedAt'))}\n")
    else:
        w.write(2, f"{title}:\tWaiting\n")
        reason = (state.get("waiting") or {}).get("reason")
        if reason:
            w.write(3, f"Reason:\t{reason}\n")


def _probe(probe: Obj) -> str:
    attrs = (
        f"delay={probe.get('initialDelaySeconds', 0)}s timeout={probe.get('timeoutSeconds', 1)}s"
        f" period={probe.get('periodSeconds', 10)}s #success={probe.get('successThreshold', 1)}"
        f" #failure={probe.get('failureThreshold', 3)}"
    )
    if probe.get("exec"):
        return f"exec [{' '.join(probe['exec'].get('command') or [])}] {attrs}"
    if probe.get("httpGet"):
        h = probe["httpGet"]
        scheme = str(h.get("scheme") or "HTTP").lower()
        return f"http-get {scheme}://{h.get('host', '')}:{h.get('port')}{h.get('path', '')} {attrs}"
    if probe.get("tcpSocket"):
        t = probe["tcpSocket"]
        return f"tcp-socket {t.get('host', '')}:{t.get('port')} {attrs}"
    if probe.get("grpc"):
        g = probe["grpc"]
        return f"grpc <pod>:{g.get('port')} {g.get('service', '')} {attrs}"
    return f"unknown {attrs}"


def _env(w: Writer, env: list[Obj] | None) -> None:
    w.write(2, "Environment:" + ("\t<none>\n" if not env else "\n"))
    for e in env or []:
        source = e.get("valueFrom")
        if source is None:
            for i, line in enumerate(str(e.get("value", "")).split("\n")):
                w.write(3, f"{e['name']}:\t{line}\n" if i == 0 else f"\t{line}\n")
        elif source.get("fieldRef"):
            ref = source["fieldRef"]
            w.write(3, f"{e['name']}:\t ({ref.get('apiVersion', 'v1')}:{ref['fieldPath']})\n")
        elif source.get("resourceFieldRef"):
            w.write(3, f"{e['name']}:\t ({source['resourceFieldRef'].get('resource')})\n")
        elif source.get("secretKeyRef") or source.get("configMapKeyRef"):
            secret = source.get("secretKeyRef")
            ref = secret or source["configMapKeyRef"]
            where = (
                f"in secret '{ref.get('name')}'" if secret else f"of config map '{ref.get('name')}'"
            )
            optional = "true" if ref.get("optional") else "false"
            w.write(3, f"{e['name']}:\t<set to the key '{ref.get('key')}' {where}>\t")
            w.write(0, f"Optional: {optional}\n")


def _resources(w: Writer, resources: Obj | None, level: int) -> None:
    for title, key in (("Limits", "limits"), ("Requests", "requests")):
        values = (resources or {}).get(key) or {}
        if values:
            w.write(level, f"{title}:\n")
        for name in sorted(values):
            w.write(level + 1, f"{name}:\t{values[name]}\n")


def containers(w: Writer, title: str, specs: list[Obj], statuses: list[Obj] | None) -> None:
    by_name = {s["name"]: s for s in statuses or []}
    w.write(0, f"{title}:{' <none>' if not specs else ''}\n")
    for c in specs:
        st = by_name.get(c["name"])
        w.write(1, f"{c['name']}:\n")
        if st is not None:
            w.write(2, f"Container ID:\t{st.get('containerID', '')}\n")
        w.write(2, f"Image:\t{c.get('image', '')}\n")
        if st is not None:
            w.write(2, f"Image ID:\t{st.get('imageID', '')}\n")
        ports = c.get("ports") or []
        for label, field in (("Port", "containerPort"), ("Host Port", "hostPort")):
            text = _ports(ports, field)
            plural = "s" if "," in text else ""
            w.write(2, f"{label}{plural}:\t{text or '<none>'}\n")
        for label, key in (("Command", "command"), ("Args", "args")):
            if c.get(key):
                w.write(2, f"{label}:\n")
                for item in c[key]:
                    for line in str(item).split("\n"):
                        w.write(3, f"{line}\n")
        if st is not None:
            _state(w, "State", st.get("state") or {})
            if (st.get("lastState") or {}).get("terminated"):
                _state(w, "Last State", st["lastState"])
            w.write(2, f"Ready:\t{'True' if st.get('ready') else 'False'}\n")
            w.write(2, f"Restart Count:\t{st.get('restartCount', 0)}\n")
        _resources(w, c.get("resources"), 2)
        for label, key in (
            ("Liveness", "livenessProbe"),
            ("Readiness", "readinessProbe"),
            ("Startup", "startupProbe"),
        ):
            if c.get(key):
                w.write(2, f"{label}:\t{_probe(c[key])}\n")
        _env(w, c.get("env"))
        mounts = c.get("volumeMounts") or []
        w.write(2, "Mounts:" + ("\t<none>\n" if not mounts else "\n"))
        for m in sorted(mounts, key=lambda m: m.get("mountPath", "")):
            flags = ["ro" if m.get("readOnly") else "rw"]
            if m.get("subPath"):
                flags.append(f'path="{m["subPath"]}"')
            w.write(3, f"{m.get('mountPath')} from {m.get('name')} ({','.join(flags)})\n")


def volume(w: Writer, v: Obj) -> None:
    if v.get("hostPath") is not None:
        h = v["hostPath"]
        w.write(2, "Type:\tHostPath (bare host directory volume)\n")
        w.write(0, f"    Path:\t{h.get('path')}\n    HostPathType:\t{h.get('type') or '<none>'}\n")
    elif v.get("emptyDir") is not None:
        e = v["emptyDir"]
        w.write(2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n")
        limit = e.get("sizeLimit") or "<unset>"
        w.write(0, f"    Medium:\t{e.get('medium', '')}\n    SizeLimit:\t{limit}\n")
    elif v.get("secret") is not None:
        s = v["secret"]
        w.write(2, "Type:\tSecret (a volume populated by a Secret)\n")
        optional = "true" if s.get("optional") else "false"
        w.write(0, f"    SecretName:\t{s.get('secretName')}\n    Optional:\t{optional}\n")
    elif v.get("configMap") is not None:
        c = v["configMap"]
        w.write(2, "Type:\tConfigMap (a volume populated by a ConfigMap)\n")
        optional = "true" if c.get("optional") else "false"
        w.write(0, f"    Name:\t{c.get('name')}\n    Optional:\t{optional}\n")
    elif v.get("downwardAPI") is not None:
        w.write(2, "Type:\tDownwardAPI (a volume populated by information about the pod)\n")
        w.write(0, "    Items:\n")
        for item in v["downwardAPI"].get("items") or []:
            ref = item.get("fieldRef") or {}
            res = item.get("resourceFieldRef") or {}
            source = ref.get("fieldPath") or res.get("resource")
            w.write(3, f"{source} -> {item.get('path')}\n")
    elif v.get("projected") is not None:
        w.write(
            2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n"
        )
        for source in v["projected"].get("sources") or []:
            if source.get("secret") is not None:
                s = source["secret"]
                optional = "true" if s.get("optional") else "false"
                w.write(2, f"SecretName:\t{s.get('name')}\n    Optional:\t{optional}\n")
            elif source.get("downwardAPI") is not None:
                w.write(2, "DownwardAPI:\ttrue\n")
            elif source.get("configMap") is not None:
                c = source["configMap"]
                optional = "true" if c.get("optional") else "false"
                w.write(2, f"ConfigMapName:\t{c.get('name')}\n    Optional:\t{optional}\n")
            elif source.get("serviceAccountToken") is not None:
                seconds = source["serviceAccountToken"].get("expirationSeconds")
                w.write(2, f"TokenExpirationSeconds:\t{seconds}\n")
    else:
        w.write(1, "<unknown>\n")


def qos_class(pod: Obj) -> str:
    """status.qosClass as the kubelet set it; computed when absent."""
    given = (pod.get("status") or {}).get("qosClass")
    if given:
        return str(given)
    spec = pod.get("spec") or {}
    containers = (spec.get("containers") or []) + (spec.get("initContainers") or [])
    resources = [c.get("resources") or {} for c in containers]
    if not any(r.get("requests") or r.get("limits") for r in resources):
        return "BestEffort"
    for r in resources:
        limits, requests = r.get("limits") or {}, r.get("requests") or {}
        if not {"cpu", "memory"} <= set(limits):
            return "Burstable"
        if any(requests.get(k, limits[k]) != limits[k] for k in ("cpu", "memory")):
            return "Burstable"
    return "Guaranteed"
