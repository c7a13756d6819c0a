"""How a Services ruleset (:mod:`proxyrules`) reaches the kernel: ``nft -f``
texts, each one atomic transaction (pure).

Without a previous ruleset (podd just started, or the last load failed) the
table is replaced whole: a restarted podd leaves no duplicate, and no chain
of a Service deleted meanwhile. With one, only the difference is loaded, as
kube-proxy's partial syncs do: map elements removed or added one by one,
changed chains flushed and refilled, chains and sets no longer rendered
deleted; the affinity sets stay with their clients. A readiness change thus
costs a few statements, whatever the number of Services.

The texts are cut to at most ``budget`` bytes: nft < 1.0.7 cannot raise its
netlink send buffer without CAP_NET_ADMIN on the host (SO_SNDBUFFORCE, no
SO_SNDBUF fallback), so rootless it fails with "Message too long" past
roughly 200 KB of netlink: about 60 Services of 3 endpoints loaded at once,
or 85 KiB of the statements written here. A cut never falls inside a
chain's flush-and-refill, and the statements come in an order where every
prefix is a working table: element removals, new sets, new (empty) chains,
chains refilled (endpoint chains before the Service chains that go to
them), element additions, then deletions of chains (referring ones first)
and of sets. Only a whole-table replacement larger than ``budget`` is not
atomic: its first text replaces the table and holds new connections to
every Service address (dropped, so the client sends again) until the last
one has put all in place.
"""

from __future__ import annotations

from collections.abc import Iterable

from podd.network.proxyrules import MAPS, TABLE, Ruleset, set_type, skeleton

__all__ = ["BUDGET", "transaction"]

BUDGET = 24 * 1024  # bytes of nft text per load: a third of what nft 1.0.6 takes rootless
ELEMENTS_PER_STATEMENT = 100
_T = f"ip {TABLE}"
_EMPTY = Ruleset(maps={m: () for m in MAPS}, chains={}, sets={})
_DELETE_ORDER = ("external-", "service-", "endpoint-")  # who refers to whom


def transaction(new: Ruleset, old: Ruleset | None, *, budget: int = BUDGET) -> list[str]:
    """The ``nft -f`` texts that make the kernel's table ``new``, given it
    holds ``old`` (None: unknown, replace it whole); [] when nothing changes."""
    if old is not None and old.service_cidr == new.service_cidr:
        return _pack(_difference(new, old), budget)
    texts = _pack([skeleton(new.service_cidr), *_difference(new, _EMPTY)], budget)
    if len(texts) == 1:
        return texts
    # Not atomic: until its chains are in, a new connection to a Service
    # waits (its SYN dropped, sent again) instead of leaving by slirp4netns.
    held = {m: [_key(e) for e in new.maps[m]] for m in ("service-ips", "service-nodeports")}
    hold = [f"{k} : drop" for k in held["service-ips"]]
    hold_np = [f"{k} : drop" for k in held["service-nodeports"]]
    units = [skeleton(new.service_cidr), *_elements("add", "no-endpoint-services", hold)]
    units += _elements("add", "no-endpoint-nodeports", hold_np)
    units += _difference(new, _EMPTY)
    units += _elements("delete", "no-endpoint-services", held["service-ips"])
    units += _elements("delete", "no-endpoint-nodeports", held["service-nodeports"])
    return _pack(units, budget)


def _difference(new: Ruleset, old: Ruleset) -> list[str]:
    units: list[str] = []
    for m in MAPS:
        want = set(new.maps.get(m, ()))
        gone = [_key(e) for e in old.maps.get(m, ()) if e not in want]
        units += _elements("delete", m, gone)
    for name, timeout in new.sets.items():
        if name not in old.sets:
            units.append(f"add set {_T} {name} {{ {set_type(timeout)} }}\n")
    units += [f"add chain {_T} {c}\n" for c in new.chains if c not in old.chains]
    changed = [c for c, rules in new.chains.items() if old.chains.get(c) != rules]
    for prefix in reversed(_DELETE_ORDER):  # a chain is filled before those that go to it
        for name in (c for c in changed if c.startswith(prefix)):
            lines = [f"flush chain {_T} {name}"]
            lines += [f"add rule {_T} {name} {r}" for r in new.chains[name]]
            units.append("\n".join(lines) + "\n")
    for m in MAPS:
        have = set(old.maps.get(m, ()))
        units += _elements("add", m, [e for e in new.maps.get(m, ()) if e not in have])
    gone_chains = [c for c in old.chains if c not in new.chains]
    for prefix in _DELETE_ORDER:
        units += [f"delete chain {_T} {c}\n" for c in gone_chains if c.startswith(prefix)]
    units += [f"delete set {_T} {s}\n" for s in old.sets if s not in new.sets]
    return units


def _key(element: str) -> str:
    return element.split(" : ", 1)[0]


def _elements(verb: str, m: str, items: list[str]) -> Iterable[str]:
    for i in range(0, len(items), ELEMENTS_PER_STATEMENT):
        part = ", ".join(items[i : i + ELEMENTS_PER_STATEMENT])
        yield f"{verb} element {_T} {m} {{ {part} }}\n"


def _pack(units: list[str], budget: int) -> list[str]:
    """Consecutive units joined into texts of at most ``budget`` bytes (a
    larger unit goes alone)."""
    texts: list[str] = []
    current: list[str] = []
    size = 0
    for unit in units:
        if current and size + len(unit) > budget:
            texts.append("".join(current))
            current, size = [], 0
        current.append(unit)
        size += len(unit)
    if current:
        texts.append("".join(current))
    return texts
