"""The Registry: spec dirs with CDI priority, bad files recorded, device
nodes stat-filled at load, resolve with "all", info."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from podd.cdi import CDIError, ContainerEdits, Device, DeviceNode, Registry, Spec


def _write(directory: Path, name: str, kind: str, devices: dict[str, dict], **top: object) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    body = {
        "cdiVersion": "0.5.0",
        "kind": kind,
        "devices": [{"name": n, "containerEdits": e} for n, e in devices.items()],
        **top,
    }
    (directory / name).write_text(json.dumps(body))


def _node(path: str, host: str | None = None) -> dict[str, str]:
    return {"path": path, **({"hostPath": host} if host else {})}


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path]:
    etc, run = tmp_path / "etc-cdi", tmp_path / "run-cdi"
    _write(
        etc,
        "fake.json",
        "podd.test/fake",
        {
            "one": {"deviceNodes": [_node("/dev/fake0", "/dev/null")], "env": ["WHICH=etc"]},
            "two": {"deviceNodes": [_node("/dev/fake1", "/dev/zero")]},
        },
        containerEdits={"env": ["FAKE=1"], "mounts": [{"hostPath": "/l", "containerPath": "/l"}]},
    )
    etc.joinpath("gpu.yaml").write_text(
        "cdiVersion: 0.3.0\nkind: vendor.com/gpu\ndevices:\n"
        + "".join(f"- name: '{i}'\n  containerEdits: {{env: [G{i}=1]}}\n" for i in (0, 1, 2, 10))
    )
    etc.joinpath("notes.txt").write_text("not a spec")  # not *.json/*.yaml/*.yml: not read
    etc.joinpath("broken.yml").write_text("cdiVersion: 0.5.0\nkind: bad\ndevices: []\n")
    _write(
        run,
        "override.json",
        "podd.test/fake",
        {"one": {"deviceNodes": [_node("/dev/null")], "env": ["WHICH=run"]}},
    )
    return etc, run


def test_load_priority_errors_and_natural_order(dirs: tuple[Path, Path], tmp_path: Path) -> None:
    etc, run = dirs
    reg = Registry.load([etc, tmp_path / "missing", run])
    assert reg.kinds() == ["podd.test/fake", "vendor.com/gpu"]
    assert reg.devices("vendor.com/gpu") == [f"vendor.com/gpu={i}" for i in (0, 1, 2, 10)]
    assert reg.devices("podd.test/fake") == ["podd.test/fake=one", "podd.test/fake=two"]
    assert reg.devices("nobody.com/x") == []
    [error] = reg.errors
    assert error.startswith(f"{etc}/broken.yml: kind: invalid kind 'bad'")
    # the later dir's "one" replaces the earlier's; "two" still comes from etc
    edits = reg.resolve(["podd.test/fake=one"])
    assert edits.env == ["WHICH=run"]
    assert reg.resolve(["podd.test/fake=two"]).env == ["FAKE=1"]
    info = reg.info()
    assert info["specDirs"] == [str(etc), str(tmp_path / "missing"), str(run)]
    assert info["kinds"]["podd.test/fake"] == ["podd.test/fake=one", "podd.test/fake=two"]
    assert info["errors"] == reg.errors


def test_nodes_are_filled_from_stat_at_load(dirs: tuple[Path, Path]) -> None:
    etc, _ = dirs
    reg = Registry.load([etc])
    edits = reg.resolve(["podd.test/fake=one", "podd.test/fake=two"])
    assert edits.device_nodes == [
        DeviceNode(path="/dev/fake0", host_path="/dev/null", type="c", major=1, minor=3),
        DeviceNode(path="/dev/fake1", host_path="/dev/zero", type="c", major=1, minor=5),
    ]
    # spec edits once, first; then each device's
    assert edits.env == ["FAKE=1", "WHICH=etc"]
    assert [m.container_path for m in edits.mounts] == ["/l"]


def test_unstatable_or_wrong_nodes_drop_the_device(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.write_text("")
    _write(
        tmp_path / "d",
        "x.json",
        "podd.test/x",
        {
            "ok": {"deviceNodes": [_node("/dev/null")]},
            "gone": {"deviceNodes": [_node("/dev/podd-no-such-node")]},
            "file": {"deviceNodes": [_node("/dev/f", str(plain))]},
            "block": {"deviceNodes": [{"path": "/dev/null", "type": "b"}]},
        },
    )
    reg = Registry.load([tmp_path / "d"])
    assert reg.devices("podd.test/x") == ["podd.test/x=ok"]
    src = f"{tmp_path}/d/x.json"
    assert sorted(reg.errors) == sorted(
        [
            f"{src}: device podd.test/x=gone: device node /dev/podd-no-such-node: "
            "No such file or directory",
            f"{src}: device podd.test/x=file: device node {plain}: not a device node",
            f"{src}: device podd.test/x=block: device node /dev/null: is type 'c', spec says 'b'",
        ]
    )


def test_known_numbers_are_not_stat_ed(tmp_path: Path) -> None:
    node = {"path": "/dev/podd-no-such", "type": "c", "major": 195, "minor": 7}
    _write(tmp_path / "d", "x.json", "podd.test/x", {"g": {"deviceNodes": [node]}})
    reg = Registry.load([tmp_path / "d"])
    assert reg.errors == []
    [n] = reg.resolve(["podd.test/x=g"]).device_nodes
    assert (n.host_path, n.type, n.major, n.minor) == ("/dev/podd-no-such", "c", 195, 7)


def test_same_dir_conflict_drops_the_device(tmp_path: Path) -> None:
    d = tmp_path / "d"
    _write(d, "a.json", "podd.test/x", {"dup": {"env": ["A=1"]}, "a": {"env": ["A=1"]}})
    _write(d, "b.json", "podd.test/x", {"dup": {"env": ["B=1"]}})
    reg = Registry.load([d])
    assert reg.devices("podd.test/x") == ["podd.test/x=a"]
    assert reg.errors == [f"{d}/b.json: conflicting device podd.test/x=dup (also in {d}/a.json)"]


def test_resolve_all_and_unknown(dirs: tuple[Path, Path]) -> None:
    etc, _ = dirs
    reg = Registry.load([etc])
    every = reg.resolve(["vendor.com/gpu=all"])
    assert every.env == ["G0=1", "G1=1", "G2=1", "G10=1"]
    # asking twice (by "all" and by name) applies each device once
    assert reg.resolve(["vendor.com/gpu=1", "vendor.com/gpu=all"]).env == [
        "G1=1",
        "G0=1",
        "G2=1",
        "G10=1",
    ]
    with pytest.raises(CDIError) as err:
        reg.resolve(["vendor.com/gpu=0", "vendor.com/gpu=7", "nvidia.com/gpu=all"])
    assert str(err.value) == "unresolvable CDI devices vendor.com/gpu=7, nvidia.com/gpu=all"
    with pytest.raises(CDIError, match="invalid CDI device 'gpu'"):
        reg.resolve(["gpu"])
    assert reg.resolve([]) == ContainerEdits()


def test_a_spec_all_device_is_used_as_is(tmp_path: Path) -> None:
    _write(
        tmp_path / "d", "x.json", "podd.test/x", {"a": {"env": ["A=1"]}, "all": {"env": ["ALL=1"]}}
    )
    reg = Registry.load([tmp_path / "d"])
    assert reg.devices("podd.test/x") == ["podd.test/x=a"]
    assert reg.resolve(["podd.test/x=all"]).env == ["ALL=1"]


def _generated(kind: str) -> Spec:
    edits = ContainerEdits(device_nodes=[DeviceNode(path="/dev/null")])
    return Spec(
        cdi_version="0.5.0",
        kind=kind,
        devices=[
            Device(name="0", container_edits=edits),
            Device(name="GPU-abc", container_edits=edits),
            Device(name="1", container_edits=ContainerEdits(env=["X=1"])),
        ],
    )


def test_generated_specs_only_for_kinds_no_file_provides(dirs: tuple[Path, Path]) -> None:
    etc, _ = dirs
    reg = Registry.load(
        [etc], generated=[_generated("nvidia.com/gpu"), _generated("vendor.com/gpu")]
    )
    assert reg.devices("nvidia.com/gpu") == [
        "nvidia.com/gpu=0",
        "nvidia.com/gpu=1",
        "nvidia.com/gpu=GPU-abc",
    ]
    # aliases (same nodes) count once
    assert reg.allocatable("nvidia.com/gpu") == ["nvidia.com/gpu=0", "nvidia.com/gpu=1"]
    assert reg.devices("vendor.com/gpu")[-1] == "vendor.com/gpu=10"  # the file's, not generated
    [node] = reg.resolve(["nvidia.com/gpu=GPU-abc"]).device_nodes
    assert (node.type, node.major, node.minor) == ("c", 1, 3)


def test_empty_registry() -> None:
    reg = Registry.load([])
    assert (reg.kinds(), reg.errors, reg.info()) == (
        [],
        [],
        {"specDirs": [], "kinds": {}, "errors": []},
    )
