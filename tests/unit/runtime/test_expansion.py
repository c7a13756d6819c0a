"""$(VAR) expansion: the cases of Kubernetes' expansion_test.go."""

from __future__ import annotations

import pytest

from podd.runtime.expansion import expand, mapping_for

CONTEXT = {"VAR_A": "A", "VAR_B": "B", "VAR_C": "C", "VAR_REF": "$(VAR_A)", "VAR_EMPTY": ""}

CASES = [
    ("whole string", "$(VAR_A)", "A"),
    ("repeat", "$(VAR_A)-$(VAR_A)", "A-A"),
    ("beginning", "$(VAR_A)-1", "A-1"),
    ("middle", "___$(VAR_B)___", "___B___"),
    ("end", "___$(VAR_C)", "___C"),
    ("compound", "$(VAR_A)_$(VAR_B)_$(VAR_C)", "A_B_C"),
    ("escape & expand", "$$(VAR_B)_$(VAR_A)", "$(VAR_B)_A"),
    ("compound escape", "$$(VAR_A)_$$(VAR_B)", "$(VAR_A)_$(VAR_B)"),
    ("mixed in escapes", "f000-$$VAR_A", "f000-$VAR_A"),
    ("backslash escape ignored", "foo\\$(VAR_C)bar", "foo\\Cbar"),
    ("backslashes", "foo\\\\$(VAR_C)bar", "foo\\\\Cbar"),
    ("nested var references", "$(VAR_A$(VAR_B))", "$(VAR_A$(VAR_B))"),
    ("nested, unclosed", "$(VAR_A$(VAR_B)", "$(VAR_A$(VAR_B)"),
    ("value is a reference", "$(VAR_REF)", "$(VAR_A)"),
    ("value is a reference x 2", "%%$(VAR_REF)--$(VAR_REF)%%", "%%$(VAR_A)--$(VAR_A)%%"),
    ("empty var", "foo$(VAR_EMPTY)bar", "foobar"),
    ("unterminated expression", "foo$(VAR_Awhoops!", "foo$(VAR_Awhoops!"),
    ("expression without operator", "f00__(VAR_A)__", "f00__(VAR_A)__"),
    ("shell special vars pass through", "$?_boo_$!", "$?_boo_$!"),
    ("bare operators are ignored", "$VAR_A", "$VAR_A"),
    ("undefined vars are passed through", "$(VAR_DNE)", "$(VAR_DNE)"),
    ("multiple undefined vars", "$(VAR_DNE1)$(VAR_DNE2)", "$(VAR_DNE1)$(VAR_DNE2)"),
    ("escaped operator then var", "$$$(VAR_A)", "$A"),
    ("two escaped operators", "$$$$(VAR_A)", "$$(VAR_A)"),
    ("trailing operator", "foo$", "foo$"),
    ("lone operator", "$", "$"),
    ("lone escape", "$$", "$"),
    ("opener only", "$(", "$("),
    ("empty reference", "$()", "$()"),
    ("no references", "plain text", "plain text"),
    ("empty", "", ""),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_expand(name: str, text: str, expected: str) -> None:
    assert expand(text, mapping_for(CONTEXT)) == expected


def test_first_context_wins() -> None:
    lookup = mapping_for({"X": "1"}, {"X": "2", "Y": "3"})
    assert expand("$(X)$(Y)$(Z)", lookup) == "13$(Z)"
