"""The kubelet's Service variables, and how a container's own meet them."""

from __future__ import annotations

from typing import Any

import msgspec

from podd.model.container import Container
from podd.model.pod import Pod
from podd.model.service import Service, default_service
from podd.model.serviceenv import service_env
from podd.runtime.envvars import PodEnvSources, make_env


def svc(name: str, ip: str | None, ns: str = "app", **spec: Any) -> Service:
    if ip is not None:
        spec["clusterIP"] = ip
    body = {"metadata": {"name": name, "namespace": ns}, "spec": spec}
    return default_service(msgspec.convert(body, Service))


MASTER = svc("kubernetes", "10.96.0.1", "default", ports=[{"name": "https", "port": 443}])


def test_the_variables_of_one_service() -> None:
    db = svc(
        "my-db",
        "10.96.3.4",
        ports=[{"name": "sql", "port": 5432}, {"port": 53, "protocol": "UDP", "name": "dns"}],
    )
    assert service_env("app", [db], None) == {
        "MY_DB_SERVICE_HOST": "10.96.3.4",
        "MY_DB_SERVICE_PORT": "5432",
        "MY_DB_SERVICE_PORT_SQL": "5432",
        "MY_DB_SERVICE_PORT_DNS": "53",
        "MY_DB_PORT": "tcp://10.96.3.4:5432",
        "MY_DB_PORT_5432_TCP": "tcp://10.96.3.4:5432",
        "MY_DB_PORT_5432_TCP_PROTO": "tcp",
        "MY_DB_PORT_5432_TCP_PORT": "5432",
        "MY_DB_PORT_5432_TCP_ADDR": "10.96.3.4",
        "MY_DB_PORT_53_UDP": "udp://10.96.3.4:53",
        "MY_DB_PORT_53_UDP_PROTO": "udp",
        "MY_DB_PORT_53_UDP_PORT": "53",
        "MY_DB_PORT_53_UDP_ADDR": "10.96.3.4",
    }


def test_links_off_headless_and_external_names_give_nothing_but_the_master() -> None:
    services = [
        svc("a", "10.96.0.9", ports=[{"port": 80}]),
        svc("h", "None", ports=[{"port": 80}]),
        svc("e", None, type="ExternalName", externalName="example.com"),
    ]
    got = service_env("app", services, True, MASTER)
    assert {k.split("_")[0] for k in got} == {"A", "KUBERNETES"}
    off = service_env("app", services, False, MASTER)
    assert off["KUBERNETES_SERVICE_HOST"] == "10.96.0.1" and "A_SERVICE_HOST" not in off


def test_a_containers_own_variables_win_and_may_refer_to_them() -> None:
    pod = msgspec.convert({"metadata": {"name": "p", "namespace": "app"}}, Pod)
    ctr = msgspec.convert(
        {
            "name": "c",
            "env": [
                {"name": "DB_URL", "value": "postgres://$(DB_SERVICE_HOST):$(DB_SERVICE_PORT)/x"},
                {"name": "DB_SERVICE_PORT", "value": "1"},
            ],
        },
        Container,
    )
    services = service_env("app", [svc("db", "10.96.0.7", ports=[{"port": 5432}])], None)
    env, _ = make_env(ctr, PodEnvSources(pod, services=services), "app")
    assert env["DB_URL"] == "postgres://10.96.0.7:5432/x"  # declared later: not yet its own
    assert env["DB_SERVICE_PORT"] == "1" and env["DB_SERVICE_HOST"] == "10.96.0.7"
    assert list(env)[:2] == ["DB_URL", "DB_SERVICE_PORT"]  # the container's come first
