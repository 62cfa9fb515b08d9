"""Plan a sync: per subscribed pack, nothing / a chain of deltas / the full pack.

Whichever moves fewer bytes wins; a delta chain must start at the installed version and
end at the catalog's version (cheapest chain by total size).
"""

from __future__ import annotations

import heapq
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from kbclient.core.sync.catalog import Catalog, CatalogDelta, CatalogEntry


@dataclass(frozen=True)
class Step:
    """One file to fetch and install."""

    pack: str
    path: str
    size: int
    sha256: str
    version: int
    base: int | None  # None: a full pack


@dataclass(frozen=True)
class PackPlan:
    pack: str
    installed: int | None
    target: int
    steps: tuple[Step, ...]

    @property
    def bytes(self) -> int:
        return sum(s.size for s in self.steps)


@dataclass(frozen=True)
class Plan:
    packs: tuple[PackPlan, ...]
    missing: tuple[str, ...]  # subscribed but not in the catalog

    @property
    def steps(self) -> tuple[Step, ...]:
        return tuple(s for p in self.packs for s in p.steps)

    @property
    def bytes(self) -> int:
        return sum(p.bytes for p in self.packs)


def _full(entry: CatalogEntry) -> Step:
    return Step(entry.pack, entry.path, entry.size, entry.sha256, entry.version, None)


def cheapest_chain(entry: CatalogEntry, installed: int) -> tuple[CatalogDelta, ...] | None:
    """The cheapest delta chain from `installed` to `entry.version`, or None."""
    edges: dict[int, list[CatalogDelta]] = {}
    for d in entry.deltas:
        edges.setdefault(d.base, []).append(d)
    best: dict[int, int] = {installed: 0}
    prev: dict[int, CatalogDelta] = {}
    heap = [(0, installed)]
    while heap:
        cost, at = heapq.heappop(heap)
        if at == entry.version:
            break
        if cost > best.get(at, cost):
            continue
        for d in edges.get(at, ()):
            c = cost + d.size
            if c < best.get(d.version, c + 1):
                best[d.version] = c
                prev[d.version] = d
                heapq.heappush(heap, (c, d.version))
    if entry.version not in prev:
        return None
    chain: list[CatalogDelta] = []
    at = entry.version
    while at != installed:
        d = prev[at]
        chain.append(d)
        at = d.base
    return tuple(reversed(chain))


def plan_pack(entry: CatalogEntry, installed: int | None) -> PackPlan:
    if installed is not None and installed >= entry.version:
        return PackPlan(entry.pack, installed, entry.version, ())
    steps: tuple[Step, ...] = (_full(entry),)
    if installed is not None:
        chain = cheapest_chain(entry, installed)
        if chain is not None and sum(d.size for d in chain) < entry.size:
            steps = tuple(
                Step(entry.pack, d.path, d.size, d.sha256, d.version, d.base) for d in chain
            )
    return PackPlan(entry.pack, installed, entry.version, steps)


def make_plan(
    catalog: Catalog,
    installed: Mapping[str, int],
    subscriptions: Collection[str] | None = None,
) -> Plan:
    """`subscriptions` None means every pack in the catalog."""
    wanted = [e.pack for e in catalog.packs] if subscriptions is None else sorted(subscriptions)
    plans, missing = [], []
    for pack_id in wanted:
        entry = catalog.entry(pack_id)
        if entry is None:
            missing.append(pack_id)
            continue
        plans.append(plan_pack(entry, installed.get(pack_id)))
    return Plan(tuple(plans), tuple(missing))
