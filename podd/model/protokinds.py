"""The protobuf messages of the kinds podd reads in protobuf: those kubectl
>= 1.32 creates through its typed clients (``create configmap``, ``create
secret``, ``create namespace``, ``create service``) and the reviews of ``auth can-i`` and ``auth
whoami``. Field numbers as in k8s.io/api's ``generated.proto``; a kind
without a table here is a 415, as before.
"""

from __future__ import annotations

from podd.model.protowire import (
    BOOL,
    BYTES_MAP,
    INT,
    INT_OR_STRING,
    MESSAGE,
    OBJECT_META,
    STRING,
    STRING_MAP,
    TIME,
    Field,
    Message,
)

__all__ = ["MESSAGES", "message_for"]

_META = Field("metadata", MESSAGE, OBJECT_META)

# -- core/v1

CONFIG_MAP: Message = {
    1: _META,
    2: Field("data", STRING_MAP),
    3: Field("binaryData", BYTES_MAP),
    4: Field("immutable", BOOL),
}
SECRET: Message = {
    1: _META,
    2: Field("data", BYTES_MAP),
    3: Field("type", STRING),
    4: Field("stringData", STRING_MAP),
    5: Field("immutable", BOOL),
}
_NAMESPACE_CONDITION: Message = {
    1: Field("type", STRING),
    2: Field("status", STRING),
    4: Field("lastTransitionTime", TIME),
    5: Field("reason", STRING),
    6: Field("message", STRING),
}
NAMESPACE: Message = {
    1: _META,
    2: Field("spec", MESSAGE, {1: Field("finalizers", STRING, repeated=True)}),
    3: Field(
        "status",
        MESSAGE,
        {
            1: Field("phase", STRING),
            2: Field("conditions", MESSAGE, _NAMESPACE_CONDITION, repeated=True),
        },
    ),
}

_SERVICE_PORT: Message = {
    1: Field("name", STRING),
    2: Field("protocol", STRING),
    3: Field("port", INT),
    4: Field("targetPort", INT_OR_STRING),
    5: Field("nodePort", INT),
    6: Field("appProtocol", STRING),
}
_SERVICE_SPEC: Message = {
    1: Field("ports", MESSAGE, _SERVICE_PORT, repeated=True),
    2: Field("selector", STRING_MAP),
    3: Field("clusterIP", STRING),
    4: Field("type", STRING),
    5: Field("externalIPs", STRING, repeated=True),
    7: Field("sessionAffinity", STRING),
    8: Field("loadBalancerIP", STRING),
    9: Field("loadBalancerSourceRanges", STRING, repeated=True),
    10: Field("externalName", STRING),
    11: Field("externalTrafficPolicy", STRING),
    12: Field("healthCheckNodePort", INT),
    13: Field("publishNotReadyAddresses", BOOL),
    14: Field(
        "sessionAffinityConfig",
        MESSAGE,
        {1: Field("clientIP", MESSAGE, {1: Field("timeoutSeconds", INT)})},
    ),
    17: Field("ipFamilyPolicy", STRING),
    18: Field("clusterIPs", STRING, repeated=True),
    19: Field("ipFamilies", STRING, repeated=True),
    20: Field("allocateLoadBalancerNodePorts", BOOL),
    21: Field("loadBalancerClass", STRING),
    22: Field("internalTrafficPolicy", STRING),
    23: Field("trafficDistribution", STRING),
}
_LOAD_BALANCER_INGRESS: Message = {
    1: Field("ip", STRING),
    2: Field("hostname", STRING),
    3: Field("ipMode", STRING),
    4: Field(
        "ports",
        MESSAGE,
        {1: Field("port", INT), 2: Field("protocol", STRING), 3: Field("error", STRING)},
        repeated=True,
    ),
}
_CONDITION: Message = {  # meta/v1 Condition
    1: Field("type", STRING),
    2: Field("status", STRING),
    3: Field("observedGeneration", INT),
    4: Field("lastTransitionTime", TIME),
    5: Field("reason", STRING),
    6: Field("message", STRING),
}
SERVICE: Message = {
    1: _META,
    2: Field("spec", MESSAGE, _SERVICE_SPEC),
    3: Field(
        "status",
        MESSAGE,
        {
            1: Field(
                "loadBalancer",
                MESSAGE,
                {1: Field("ingress", MESSAGE, _LOAD_BALANCER_INGRESS, repeated=True)},
            ),
            2: Field("conditions", MESSAGE, _CONDITION, repeated=True),
        },
    ),
}

# -- authorization.k8s.io/v1

# Field and label selector attributes (and their requirements) are written alike.
_REQUIREMENT: Message = {
    1: Field("key", STRING),
    2: Field("operator", STRING),
    3: Field("values", STRING, repeated=True),
}
_SELECTOR: Message = {
    1: Field("rawSelector", STRING),
    2: Field("requirements", MESSAGE, _REQUIREMENT, repeated=True),
}
_RESOURCE_ATTRIBUTES: Message = {
    1: Field("namespace", STRING),
    2: Field("verb", STRING),
    3: Field("group", STRING),
    4: Field("version", STRING),
    5: Field("resource", STRING),
    6: Field("subresource", STRING),
    7: Field("name", STRING),
    8: Field("fieldSelector", MESSAGE, _SELECTOR),
    9: Field("labelSelector", MESSAGE, _SELECTOR),
}
_NON_RESOURCE_ATTRIBUTES: Message = {1: Field("path", STRING), 2: Field("verb", STRING)}
SELF_SUBJECT_ACCESS_REVIEW: Message = {
    1: _META,
    2: Field(
        "spec",
        MESSAGE,
        {
            1: Field("resourceAttributes", MESSAGE, _RESOURCE_ATTRIBUTES),
            2: Field("nonResourceAttributes", MESSAGE, _NON_RESOURCE_ATTRIBUTES),
        },
    ),
    3: Field(
        "status",
        MESSAGE,
        {
            1: Field("allowed", BOOL),
            2: Field("reason", STRING),
            3: Field("evaluationError", STRING),
            4: Field("denied", BOOL),
        },
    ),
}
_RESOURCE_RULE: Message = {
    1: Field("verbs", STRING, repeated=True),
    2: Field("apiGroups", STRING, repeated=True),
    3: Field("resources", STRING, repeated=True),
    4: Field("resourceNames", STRING, repeated=True),
}
_NON_RESOURCE_RULE: Message = {
    1: Field("verbs", STRING, repeated=True),
    2: Field("nonResourceURLs", STRING, repeated=True),
}
SELF_SUBJECT_RULES_REVIEW: Message = {
    1: _META,
    2: Field("spec", MESSAGE, {1: Field("namespace", STRING)}),
    3: Field(
        "status",
        MESSAGE,
        {
            1: Field("resourceRules", MESSAGE, _RESOURCE_RULE, repeated=True),
            2: Field("nonResourceRules", MESSAGE, _NON_RESOURCE_RULE, repeated=True),
            3: Field("incomplete", BOOL),
            4: Field("evaluationError", STRING),
        },
    ),
}

# -- authentication.k8s.io/v1

_USER_INFO: Message = {
    1: Field("username", STRING),
    2: Field("uid", STRING),
    3: Field("groups", STRING, repeated=True),
}
SELF_SUBJECT_REVIEW: Message = {
    1: _META,
    2: Field("status", MESSAGE, {1: Field("userInfo", MESSAGE, _USER_INFO)}),
}

# (apiVersion, kind) → its message.
MESSAGES: dict[tuple[str, str], Message] = {
    ("v1", "ConfigMap"): CONFIG_MAP,
    ("v1", "Secret"): SECRET,
    ("v1", "Namespace"): NAMESPACE,
    ("v1", "Service"): SERVICE,
    ("authorization.k8s.io/v1", "SelfSubjectAccessReview"): SELF_SUBJECT_ACCESS_REVIEW,
    ("authorization.k8s.io/v1", "SelfSubjectRulesReview"): SELF_SUBJECT_RULES_REVIEW,
    ("authentication.k8s.io/v1", "SelfSubjectReview"): SELF_SUBJECT_REVIEW,
}


def message_for(api_version: str | None, kind: str | None) -> Message | None:
    return MESSAGES.get((api_version or "", kind or ""))
