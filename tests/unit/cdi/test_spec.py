"""CDI spec files: JSON and YAML, validation with clear errors, merging."""

from __future__ import annotations

import json
import re
from pathlib import Path

import msgspec
import pytest

from podd.cdi import CDIError, ContainerEdits, DeviceNode, Hook, Mount, merge_edits
from podd.cdi.spec import decode_spec, read_spec

YAML = """\
cdiVersion: 0.6.0
kind: podd.test/fake
annotations: {owner: tests}
containerEdits:
  env: [FAKE=1]
  mounts:
    - hostPath: /opt/lib/libfake.so.1
      containerPath: /usr/lib/libfake.so.1
      options: [ro, nosuid, nodev, rbind]
  hooks:
    - hookName: createContainer
      path: /usr/bin/true
      args: ["true", --x]
      timeout: 5
devices:
  - name: one
    containerEdits:
      deviceNodes:
        - path: /dev/fake0
          hostPath: /dev/null
          permissions: rw
          fileMode: 438
      additionalGids: [44]
"""


def test_yaml_spec_decodes_camel_case() -> None:
    spec = decode_spec(YAML, "fake.yaml")
    assert (spec.cdi_version, spec.kind, spec.annotations) == (
        "0.6.0",
        "podd.test/fake",
        {"owner": "tests"},
    )
    assert spec.container_edits.env == ["FAKE=1"]
    [mount] = spec.container_edits.mounts
    assert mount == Mount(
        host_path="/opt/lib/libfake.so.1",
        container_path="/usr/lib/libfake.so.1",
        options=["ro", "nosuid", "nodev", "rbind"],
    )
    [hook] = spec.container_edits.hooks
    assert hook == Hook("createContainer", "/usr/bin/true", ["true", "--x"], [], 5)
    [dev] = spec.devices
    assert dev.name == "one" and dev.container_edits.additional_gids == [44]
    assert dev.container_edits.device_nodes == [
        DeviceNode(path="/dev/fake0", host_path="/dev/null", permissions="rw", file_mode=438)
    ]


def test_json_spec_and_encoding_round_trip(tmp_path: Path) -> None:
    body = {
        "cdiVersion": "1.0.0",
        "kind": "vendor.com/dev",
        "devices": [{"name": "a", "containerEdits": {"env": ["A=1"]}}],
        "intelRdt": {"closID": "x"},  # newer field podd does not apply: ignored
    }
    path = tmp_path / "v.json"
    path.write_text(json.dumps(body))
    spec = read_spec(path)
    assert spec.devices[0].container_edits.env == ["A=1"]
    encoded = json.loads(msgspec.json.encode(spec))
    assert encoded == {
        "cdiVersion": "1.0.0",
        "kind": "vendor.com/dev",
        "devices": [{"name": "a", "containerEdits": {"env": ["A=1"]}}],
        "containerEdits": {},
    }


def _spec(**fields: object) -> str:
    body = {
        "cdiVersion": "0.5.0",
        "kind": "vendor.com/dev",
        "devices": [{"name": "a", "containerEdits": {}}],
        **fields,
    }
    return json.dumps(body)


@pytest.mark.parametrize(
    ("fields", "says"),
    [
        ({"cdiVersion": "0.2.0"}, "unsupported cdiVersion '0.2.0'"),
        ({"kind": "vendor.com"}, "kind: invalid kind 'vendor.com'"),
        ({"kind": "vendor.com/cl.ass"}, "kind: invalid class"),
        ({"devices": []}, "no devices"),
        ({"devices": [{"name": "-a", "containerEdits": {}}]}, "invalid device name '-a'"),
        (
            {"devices": [{"name": "a", "containerEdits": {}}, {"name": "a", "containerEdits": {}}]},
            "device 'a' defined twice",
        ),
        ({"containerEdits": {"env": ["NOEQUALS"]}}, "containerEdits: invalid env 'NOEQUALS'"),
        (
            {"devices": [{"name": "a", "containerEdits": {"deviceNodes": [{"path": "dev/x"}]}}]},
            "device a: deviceNodes path 'dev/x' must be absolute",
        ),
        (
            {
                "devices": [
                    {
                        "name": "a",
                        "containerEdits": {"deviceNodes": [{"path": "/dev/x", "type": "z"}]},
                    }
                ]
            },
            "invalid type 'z'",
        ),
        (
            {
                "devices": [
                    {
                        "name": "a",
                        "containerEdits": {"deviceNodes": [{"path": "/x", "permissions": "rx"}]},
                    }
                ]
            },
            "invalid permissions 'rx'",
        ),
        (
            {"containerEdits": {"hooks": [{"hookName": "prestop", "path": "/x"}]}},
            "invalid hookName 'prestop'",
        ),
        ({"containerEdits": {"mounts": [{"hostPath": "/x"}]}}, "containerPath"),
        ({"cdiVersion": 5}, "Expected `str`, got `int` - at `$.cdiVersion`"),
    ],
)
def test_invalid_specs_name_file_and_field(fields: dict[str, object], says: str) -> None:
    with pytest.raises(CDIError) as err:
        decode_spec(_spec(**fields), "/etc/cdi/v.json")
    assert str(err.value).startswith("/etc/cdi/v.json: ")
    assert says in str(err.value)


def test_not_a_spec_at_all(tmp_path: Path) -> None:
    with pytest.raises(CDIError, match=re.escape("x.yaml: not YAML or JSON")):
        decode_spec("a: [b", "x.yaml")
    with pytest.raises(CDIError, match="must be a mapping"):
        decode_spec("- a", "x.yaml")
    with pytest.raises(CDIError, match="No such file"):
        read_spec(tmp_path / "missing.json")


def test_merge_keeps_order_later_env_wins_and_dedups() -> None:
    node0 = DeviceNode(path="/dev/nvidia0")
    lib = Mount(host_path="/l", container_path="/l")
    a = ContainerEdits(
        env=["A=1", "B=1"],
        device_nodes=[node0],
        mounts=[lib],
        hooks=[Hook("prestart", "/h")],
        additional_gids=[5],
    )
    b = ContainerEdits(
        env=["A=2", "C=3"],
        device_nodes=[DeviceNode(path="/dev/nvidia1"), DeviceNode(path="/dev/nvidia0", minor=9)],
        mounts=[lib, Mount(host_path="/m", container_path="/m")],
        hooks=[Hook("prestart", "/h"), Hook("poststop", "/p")],
        additional_gids=[5, 6],
    )
    merged = merge_edits(a, b)
    assert merged.env == ["A=2", "B=1", "C=3"]
    assert [n.path for n in merged.device_nodes] == ["/dev/nvidia0", "/dev/nvidia1"]
    assert merged.device_nodes[0] is node0
    assert [m.container_path for m in merged.mounts] == ["/l", "/m"]
    assert [h.path for h in merged.hooks] == ["/h", "/p"]
    assert merged.additional_gids == [5, 6]
    assert merge_edits() == ContainerEdits()
    assert a.env == ["A=1", "B=1"]  # inputs untouched
