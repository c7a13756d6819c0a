"""CDI edits with the real runtime (issue 15): a spec dir whose device
``podd.test/fake=one`` maps the host's /dev/null to /dev/fake0 (a node whose
hostPath differs: a bind mount), whose device ``podd.test/fake=tun`` is the
host's /dev/net/tun at its own path (a ``linux.devices`` entry, which the
runtime in the pod's user namespace bind-mounts), with a "library" file and
env -- loaded by podd.cdi.Registry, resolved, applied by apply_edits inside
create_container. The container sees both as character devices with the
host's numbers, can write to /dev/fake0, reads the file, has the env."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest

from podd.cdi import Registry
from podd.runtime import PodEnvSources, create_container, start_container

from .conftest import Harness, log_lines, make_pod

pytestmark = pytest.mark.integration

SCRIPT = """\
set -e
stat -c '%F %t:%T' /dev/fake0
echo written > /dev/fake0 && echo wrote
cat /usr/lib/fake/libfake.so.1
echo "$FAKE_DRIVER $FAKE_DEVICE"
stat -c '%F %t:%T' /dev/net/tun
"""


def _write_spec(spec_dir: Path, library: Path) -> None:
    spec = {
        "cdiVersion": "0.6.0",
        "kind": "podd.test/fake",
        "containerEdits": {
            "env": ["FAKE_DRIVER=1.0"],
            "mounts": [
                {
                    "hostPath": str(library),
                    "containerPath": "/usr/lib/fake/libfake.so.1",
                    "options": ["ro", "nosuid", "nodev", "rbind"],
                }
            ],
        },
        "devices": [
            {
                "name": "one",
                "containerEdits": {
                    "env": ["FAKE_DEVICE=one"],
                    "deviceNodes": [{"path": "/dev/fake0", "hostPath": "/dev/null"}],
                },
            },
            {"name": "tun", "containerEdits": {"deviceNodes": [{"path": "/dev/net/tun"}]}},
        ],
    }
    (spec_dir / "fake.json").write_text(json.dumps(spec))


async def test_cdi_device_library_and_env_in_a_real_container(harness: Harness) -> None:
    if not os.path.exists("/dev/net/tun"):
        pytest.skip("this host has no /dev/net/tun")
    box = await harness.sandbox("cdi")
    work = Path(tempfile.mkdtemp(prefix="podd-rt-cdi-", dir=box.runtime_dir))
    library = work / "libfake.so.1.0"
    library.write_text("not really a library\n")
    (work / "cdi").mkdir()
    _write_spec(work / "cdi", library)
    registry = Registry.load([work / "cdi"])
    assert registry.errors == []
    edits = registry.resolve(["podd.test/fake=one", "podd.test/fake=tun"])

    pod = make_pod(
        box.uid, "cdi", [{"name": "gpu", "image": "busybox", "command": ["sh", "-c", SCRIPT]}]
    )
    container = pod.spec.containers[0]
    handle = await create_container(
        harness.rt,
        box,
        pod,
        container,
        harness.image.config,
        harness.image.layers,
        sources=PodEnvSources(pod, pod_ip=box.pod_ip),
        log_path=harness.log_path(box, "gpu"),
        devices=edits,
    )
    harness.handles.append(handle)
    started = await start_container(harness.rt, handle)
    harness.handles[harness.handles.index(handle)] = started
    status = await harness.wait_exit(started)
    lines = log_lines(Path(started.log_path))
    assert status.exit_code == 0, (status, lines)
    assert [text for _, text in lines] == [
        "character special file 1:3",
        "wrote",
        "not really a library",
        "1.0 one",
        "character special file a:c8",
    ]
    config = json.loads((Path(started.bundle) / "config.json").read_text())
    assert config["linux"]["devices"] == [
        {"path": "/dev/net/tun", "type": "c", "major": 10, "minor": 200}
    ]
    fake = [m for m in config["mounts"] if m["destination"] == "/dev/fake0"]
    assert fake == [
        {"destination": "/dev/fake0", "type": "bind", "source": "/dev/null", "options": ["bind"]}
    ]
