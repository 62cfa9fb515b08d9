"""The item models pass qtmodeltester and give back their dataclasses' data."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kbclient.core.search.model import SearchHit
from kbclient.gui.models import FacetListModel, Heading, HitListModel, OutlineModel

HITS = [
    SearchHit(
        "a",
        "Alpha 监管沙盒",
        "research-note",
        1.0,
        "x <mark>沙盒</mark> y",
        org="Org A",
        updated="2024-01-01",
    ),
    SearchHit("b", "Beta", "standard-draft", 0.5, "", status="withdrawn"),
]


def test_hit_model(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = HitListModel()
    qtmodeltester.check(model)
    model.set_hits(HITS)
    qtmodeltester.check(model)
    index = model.index(0, 0)
    assert model.rowCount() == 2
    assert index.data() == "Alpha 监管沙盒"
    assert index.data(HitListModel.IdRole) == "a"
    assert index.data(HitListModel.KindRole) == "research-note"
    assert index.data(HitListModel.OrgRole) == "Org A"
    assert index.data(HitListModel.DateRole) == "2024-01-01"
    assert "<mark>" in index.data(HitListModel.SnippetRole)
    assert index.data(HitListModel.HitRole) is HITS[0]
    assert model.index(1, 0).data(HitListModel.StatusRole) == "withdrawn"
    assert model.hit(5) is None


def test_facet_model(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = FacetListModel("kind")
    qtmodeltester.check(model)
    model.set_counts(
        {"research-note": 3, "standard-draft": 7, "other": 0}, active=["research-note"]
    )
    qtmodeltester.check(model)
    values = model.values()
    assert [v.value for v in values] == ["standard-draft", "research-note", "other"]
    assert model.index(0, 0).data() == "Standard draft  (7)"
    assert model.index(1, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert model.index(0, 0).data(FacetListModel.CountRole) == 7


def test_facet_model_keeps_active_values_beyond_limit(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = FacetListModel("tag")
    counts = {f"t{i}": 100 - i for i in range(30)}
    model.set_counts(counts, active=["t29"], limit=5)
    qtmodeltester.check(model)
    assert [v.value for v in model.values()] == ["t0", "t1", "t2", "t3", "t4", "t29"]


def test_outline_model(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = OutlineModel()
    model.set_headings([Heading(1, "Title", 0), Heading(2, "Scope", 10)])
    qtmodeltester.check(model)
    assert model.index(1, 0).data() == "    Scope"
    assert model.index(1, 0).data(OutlineModel.PositionRole) == 10
