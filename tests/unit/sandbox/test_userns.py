from pathlib import Path

import pytest

from podd.sandbox.userns import (
    IdMap,
    IdMapTools,
    SubIdRange,
    build_maps,
    explain_idmap_error,
    map_file_text,
    newidmap_argv,
    parse_subid,
    plan_mapping,
    ranges_for,
    read_subid,
)

SUBUID = """\
# comment
alice:100000:65536
bob:165536:65536

1001:231072:1000
broken-line
carol:x:5
alice:300000:131072
dave:400000:0
"""

OK_TOOLS = IdMapTools("/usr/bin/newuidmap", "/usr/bin/newgidmap", True, True)


def test_parse_skips_comments_blank_and_malformed_lines() -> None:
    entries = parse_subid(SUBUID)
    assert entries == [
        SubIdRange("alice", 100000, 65536),
        SubIdRange("bob", 165536, 65536),
        SubIdRange("1001", 231072, 1000),
        SubIdRange("alice", 300000, 131072),
    ]


def test_ranges_by_name_and_by_uid() -> None:
    entries = parse_subid(SUBUID)
    assert [r.start for r in ranges_for(entries, "alice", 1000)] == [100000, 300000]
    assert ranges_for(entries, None, 1001) == [SubIdRange("1001", 231072, 1000)]
    assert ranges_for(entries, "nobody", 5) == []


def test_read_subid_missing_file_is_empty(tmp_path: Path) -> None:
    assert read_subid(tmp_path / "nope", "alice", 1000) == []
    f = tmp_path / "subuid"
    f.write_text(SUBUID)
    assert read_subid(f, "bob", 1) == [SubIdRange("bob", 165536, 65536)]


def test_build_maps_first_big_range() -> None:
    ranges = [SubIdRange("a", 5000, 10), SubIdRange("a", 100000, 65536)]
    assert build_maps(1000, ranges) == [IdMap(0, 1000, 1), IdMap(1, 100000, 65536)]


def test_build_maps_uses_largest_when_none_is_big_enough() -> None:
    ranges = [SubIdRange("a", 5000, 10), SubIdRange("a", 9000, 1000)]
    assert build_maps(1000, ranges) == [IdMap(0, 1000, 1), IdMap(1, 9000, 1000)]


def test_build_maps_caps_at_size_and_skips_range_holding_own_id() -> None:
    ranges = [SubIdRange("a", 900, 200), SubIdRange("a", 300000, 131072)]
    assert build_maps(1000, ranges) == [IdMap(0, 1000, 1), IdMap(1, 300000, 65536)]


def test_plan_full_mapping() -> None:
    subs = [SubIdRange("alice", 100000, 65536)]
    plan = plan_mapping(1000, 1000, subs, subs, OK_TOOLS)
    assert plan.helpers and not plan.single and plan.warnings == []
    assert plan.uid_maps == [IdMap(0, 1000, 1), IdMap(1, 100000, 65536)]


def test_plan_without_ranges_is_single_with_warnings() -> None:
    plan = plan_mapping(1000, 1000, [], [], OK_TOOLS)
    assert plan.single and not plan.helpers
    assert any("no /etc/subuid range" in w for w in plan.warnings)
    assert any("no /etc/subgid range" in w for w in plan.warnings)


@pytest.mark.parametrize(
    ("tools", "needle"),
    [
        (IdMapTools(None, None, False, False), "not found"),
        (IdMapTools("/x/newuidmap", "/x/newgidmap", False, True), "neither setuid"),
    ],
)
def test_plan_without_usable_helpers_falls_back(tools: IdMapTools, needle: str) -> None:
    subs = [SubIdRange("alice", 100000, 65536)]
    plan = plan_mapping(1000, 1000, subs, subs, tools)
    assert plan.single and not plan.helpers
    assert any(needle in w for w in plan.warnings)


def test_newidmap_argv() -> None:
    maps = [IdMap(0, 1001, 1), IdMap(1, 100000, 65536)]
    assert newidmap_argv("/usr/bin/newuidmap", 4242, maps) == [
        "/usr/bin/newuidmap",
        "4242",
        "0",
        "1001",
        "1",
        "1",
        "100000",
        "65536",
    ]
    assert map_file_text(maps) == "0 1001 1\n1 100000 65536\n"


@pytest.mark.parametrize(
    ("stderr", "needle"),
    [
        ("newuidmap: uid range [1-65537) -> [200000-265536) not allowed\n", "not delegated"),
        ("newuidmap: write to uid_map failed: Operation not permitted\n", "setuid"),
        ("newuidmap: Could not open proc directory for target 99\n", "gone"),
        ("newgidmap: Target process 5 is owned by a different user\n", "another user"),
        ("something odd\n", "something odd"),
        ("", "no output"),
    ],
)
def test_explain_idmap_error(stderr: str, needle: str) -> None:
    text = explain_idmap_error("/usr/bin/newuidmap", stderr)
    assert text.startswith("newuidmap: ")
    assert needle in text
