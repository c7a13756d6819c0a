"""The NVIDIA spec generator on a host view (pure), and the registry using it."""

from __future__ import annotations

import json

import msgspec

from podd.cdi import DeviceNode, Mount, Registry
from podd.cdi.nvidia import Gpu, NvidiaHost, generate_spec
from podd.cdi.spec import validate_spec

LIB = "/usr/lib/x86_64-linux-gnu"
HOST = NvidiaHost(
    gpus=[Gpu(0, "GPU-aaaa", 1, "NVIDIA H200"), Gpu(1, "GPU-bbbb", 0, "NVIDIA H200")],
    control_nodes=["/dev/nvidiactl", "/dev/nvidia-uvm"],
    libraries=[f"{LIB}/libcuda.so.550.54.15", f"{LIB}/libnvidia-ml.so.550.54.15"],
    binaries=["/usr/bin/nvidia-smi"],
    firmware=["/lib/firmware/nvidia/550.54.15/gsp_ga10x.bin"],
    ipc=["/run/nvidia-persistenced/socket"],
    driver_version="550.54.15",
    library_links={f"{LIB}/libcuda.so.550.54.15": [f"{LIB}/libcuda.so.1"]},
)
FILE = ["ro", "nosuid", "nodev", "rbind"]


def test_devices_by_index_uuid_and_all() -> None:
    spec = validate_spec(generate_spec(HOST))
    assert (spec.kind, spec.cdi_version) == ("nvidia.com/gpu", "0.5.0")
    nodes = {d.name: [n.path for n in d.container_edits.device_nodes] for d in spec.devices}
    assert nodes == {
        "0": ["/dev/nvidia1"],
        "GPU-aaaa": ["/dev/nvidia1"],
        "1": ["/dev/nvidia0"],
        "GPU-bbbb": ["/dev/nvidia0"],
        "all": ["/dev/nvidia1", "/dev/nvidia0"],
    }
    # host paths are the container paths on a real host: no hostPath written
    assert all(n.host_path is None for d in spec.devices for n in d.container_edits.device_nodes)


def test_spec_level_edits() -> None:
    edits = generate_spec(HOST).container_edits
    assert edits.env == ["NVIDIA_VISIBLE_DEVICES=void"]
    assert edits.device_nodes == [
        DeviceNode(path="/dev/nvidiactl"),
        DeviceNode(path="/dev/nvidia-uvm"),
    ]
    assert edits.mounts == [
        Mount(f"{LIB}/libcuda.so.550.54.15", f"{LIB}/libcuda.so.550.54.15", options=FILE),
        Mount(f"{LIB}/libcuda.so.550.54.15", f"{LIB}/libcuda.so.1", options=FILE),
        Mount(f"{LIB}/libnvidia-ml.so.550.54.15", f"{LIB}/libnvidia-ml.so.550.54.15", options=FILE),
        Mount("/usr/bin/nvidia-smi", "/usr/bin/nvidia-smi", options=FILE),
        Mount(
            "/lib/firmware/nvidia/550.54.15/gsp_ga10x.bin",
            "/lib/firmware/nvidia/550.54.15/gsp_ga10x.bin",
            options=FILE,
        ),
        Mount(
            "/run/nvidia-persistenced/socket",
            "/run/nvidia-persistenced/socket",
            options=[*FILE, "noexec"],
        ),
    ]
    # never nodev on a device node: device nodes are not mounts of the spec
    assert not any(m.container_path.startswith("/dev/") for m in edits.mounts)


def test_fake_tree_nodes_carry_their_host_path() -> None:
    host = msgspec.structs.replace(HOST, dev="/tmp/x/dev", control_nodes=["/tmp/x/dev/nvidiactl"])
    spec = generate_spec(host)
    assert spec.container_edits.device_nodes == [
        DeviceNode(path="/dev/nvidiactl", host_path="/tmp/x/dev/nvidiactl")
    ]
    assert spec.devices[0].container_edits.device_nodes == [
        DeviceNode(path="/dev/nvidia1", host_path="/tmp/x/dev/nvidia1")
    ]


def test_the_generated_spec_as_json_is_a_cdi_file() -> None:
    body = json.loads(msgspec.json.encode(generate_spec(HOST)))
    assert body["cdiVersion"] == "0.5.0" and body["kind"] == "nvidia.com/gpu"
    assert body["containerEdits"]["deviceNodes"][0] == {"path": "/dev/nvidiactl"}
    assert body["containerEdits"]["mounts"][0]["hostPath"].endswith("libcuda.so.550.54.15")
    assert body["devices"][0] == {
        "name": "0",
        "containerEdits": {"deviceNodes": [{"path": "/dev/nvidia1"}]},
    }


def test_registry_with_a_generated_spec_on_real_char_devices() -> None:
    # /dev/null and /dev/zero stand in for two GPUs' nodes (stat-filled by the registry)
    host = NvidiaHost(
        gpus=[Gpu(0, "GPU-aaaa", 0, "x"), Gpu(1, "GPU-bbbb", 1, "x")],
        control_nodes=["/dev/full"],
        libraries=[],
        binaries=[],
        firmware=[],
        ipc=[],
        driver_version="1.0",
    )
    spec = generate_spec(host)
    for d in spec.devices[:2]:
        d.container_edits.device_nodes[0] = DeviceNode(path="/dev/null")
    for d in spec.devices[2:4]:
        d.container_edits.device_nodes[0] = DeviceNode(path="/dev/zero")
    spec.devices[4].container_edits.device_nodes[:] = [
        DeviceNode(path="/dev/null"),
        DeviceNode(path="/dev/zero"),
    ]
    reg = Registry.load([], generated=[spec])
    assert reg.errors == []
    assert reg.allocatable("nvidia.com/gpu") == ["nvidia.com/gpu=0", "nvidia.com/gpu=1"]
    edits = reg.resolve(["nvidia.com/gpu=all"])
    assert [(n.path, n.major, n.minor) for n in edits.device_nodes] == [
        ("/dev/full", 1, 7),
        ("/dev/null", 1, 3),
        ("/dev/zero", 1, 5),
    ]
    assert edits.env == ["NVIDIA_VISIBLE_DEVICES=void"]
