import pytest

from podd.model.event import Event, EventSource, ObjectReference
from podd.model.meta import ObjectMeta
from podd.model.namespace import Namespace, NamespaceStatus
from podd.model.pod import Pod, PodSpec
from podd.model.podstatus import PodStatus
from podd.model.selectors import (
    EVENT_FIELDS,
    NAMESPACE_FIELDS,
    POD_FIELD_LABELS,
    POD_FIELDS,
    SelectorError,
    event_fields,
    namespace_fields,
    parse_field_selector,
    parse_label_selector,
    pod_fields,
)

LABELS = {"app": "web", "tier": "frontend", "env": "prod", "replicas": "3", "empty": ""}


@pytest.mark.parametrize(
    ("selector", "matches"),
    [
        ("", True),
        ("   ", True),
        ("app=web", True),
        ("app==web", True),
        ("app=db", False),
        ("app!=db", True),
        ("app!=web", False),
        ("missing!=x", True),
        ("missing=x", False),
        ("env in (prod,staging)", True),
        ("env in (staging)", False),
        ("env notin (prod)", False),
        ("env notin (dev, test)", True),
        ("missing notin (a)", True),
        ("missing in (a)", False),
        ("app", True),
        ("missing", False),
        ("!missing", True),
        ("!app", False),
        ("empty=", True),
        ("empty in ()", True),
        ("replicas>2", True),
        ("replicas<2", False),
        ("app>2", False),
        ("missing>2", False),
        ("app=web,tier=frontend", True),
        ("app=web,tier=backend", False),
        ("  app = web ,  env in ( prod , dev ) , !legacy ", True),
        ("example.com/role=x", False),
        ("app=web,example.com/role notin (x)", True),
    ],
)
def test_label_selector_matches(selector: str, matches: bool) -> None:
    assert parse_label_selector(selector).matches(LABELS) is matches


def test_label_selector_none_labels() -> None:
    assert parse_label_selector("app!=x").matches(None)
    assert not parse_label_selector("app").matches(None)
    assert parse_label_selector("").matches(None)


@pytest.mark.parametrize(
    ("selector", "message"),
    [
        ("app in web", "found 'web', expected: '('"),
        ("=web", "found '=', expected: !, identifier, or 'end of string'"),
        ("app=web db", "found 'db', expected: ',' or 'end of string'"),
        ("app in (a b)", "found 'b', expected: ',', ')' or identifier"),
        ("app=web,", "found 'EOS', expected: !, identifier, or 'end of string'"),
        ("!app=web", "found '=', expected: ',' or 'end of string'"),
        ("app in (a", "found 'EOS', expected: ',', ')' or identifier"),
        ("app>x", "the value must be an integer"),
        ("Bad_Key-=x", 'key: Invalid value: "Bad_Key-": name part must consist'),
        ("app=bad value", "found 'value', expected: ',' or 'end of string'"),
        ("app=-bad", 'values[0][value]: Invalid value: "-bad": a valid label must be'),
        ("a/b/c=x", "a qualified name must consist of"),
    ],
)
def test_label_selector_errors(selector: str, message: str) -> None:
    with pytest.raises(SelectorError) as exc:
        parse_label_selector(selector)
    assert message in str(exc.value)
    assert exc.value.code == 400


def test_label_selector_equalities_and_str() -> None:
    sel = parse_label_selector("app==web, env in (prod), tier in (a,b), x!=y, gpu")
    assert sel.equalities() == {"app": "web", "env": "prod"}
    assert str(sel) == "app=web,env in (prod),tier in (a,b),x!=y,gpu"
    assert parse_label_selector(str(sel)) == sel
    assert parse_label_selector("").empty


POD = Pod(
    metadata=ObjectMeta(name="web", namespace="default"),
    spec=PodSpec(node_name="node1", restart_policy="Always", host_network=True),
    status=PodStatus(phase="Running", pod_ip="10.0.2.100"),
)


@pytest.mark.parametrize(
    ("selector", "matches"),
    [
        ("", True),
        ("metadata.name=web", True),
        ("metadata.name==web", True),
        ("metadata.name!=web", False),
        ("metadata.namespace=default,status.phase=Running", True),
        ("status.phase!=Failed,status.phase!=Succeeded", True),
        ("spec.nodeName=node2", False),
        ("spec.restartPolicy=Always", True),
        ("spec.hostNetwork=true", True),
        ("status.podIP=10.0.2.100", True),
        ("spec.schedulerName=", True),
        ("spec.serviceAccountName!=", False),
    ],
)
def test_field_selector_matches_pods(selector: str, matches: bool) -> None:
    assert parse_field_selector(selector, POD_FIELDS).matches(pod_fields(POD)) is matches


@pytest.mark.parametrize(
    ("selector", "message"),
    [
        ("spec.foo=bar", "field label not supported: spec.foo"),
        ("metadata.labels=x", "field label not supported: metadata.labels"),
        ("metadata.name", "invalid selector: 'metadata.name'; can't understand 'metadata.name'"),
        ("metadata.name=a=b", "unescaped '='"),
        ("metadata.name=a\\x", "invalid escape sequence"),
    ],
)
def test_field_selector_errors(selector: str, message: str) -> None:
    with pytest.raises(SelectorError) as exc:
        parse_field_selector(selector, POD_FIELDS)
    assert message in str(exc.value)


def test_field_selector_escapes_and_helpers() -> None:
    sel = parse_field_selector(r"metadata.name=a\,b\=c\\d,status.phase!=Failed")
    assert sel.equalities() == {"metadata.name": "a,b=c\\d"}
    assert sel.keys() == ["metadata.name", "status.phase"]
    assert parse_field_selector(str(sel)) == sel
    assert parse_field_selector(None).empty
    assert POD_FIELD_LABELS is POD_FIELDS


def test_event_and_namespace_fields() -> None:
    ev = Event(
        metadata=ObjectMeta(name="web.1", namespace="default"),
        involved_object=ObjectReference(kind="Pod", name="web", namespace="default", uid="u1"),
        reason="Pulled",
        type="Normal",
        source=EventSource(component="podd"),
    )
    fields = event_fields(ev)
    assert set(fields) == EVENT_FIELDS
    sel = parse_field_selector(
        "involvedObject.kind=Pod,involvedObject.name=web,involvedObject.uid=u1,"
        "reason=Pulled,type=Normal,source=podd",
        EVENT_FIELDS,
    )
    assert sel.matches(fields)
    assert not parse_field_selector("type=Warning", EVENT_FIELDS).matches(fields)
    ns = Namespace(metadata=ObjectMeta(name="prod"), status=NamespaceStatus(phase="Active"))
    assert set(namespace_fields(ns)) == NAMESPACE_FIELDS
    assert parse_field_selector("status.phase=Active", NAMESPACE_FIELDS).matches(
        namespace_fields(ns)
    )
    assert set(pod_fields(POD)) == POD_FIELDS
