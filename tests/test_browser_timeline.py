"""The time slider of graph.html (timeline.js) in real headless Chromium, network cut.

A relation is shown when the time of the fact (its own date, or a letter's date for writing
it; EDTF bounds) overlaps the range; relations with no date of their own are undated, whatever
their source's date, and follow a check box; people not alive are greyed out; no slider when
every dated relation falls in one year.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from kg.export.html import write_html
from kg.model import Document, Entity, KnowledgeGraph, Relation
from test_browser_network import _ISOLATED, _ev, _open


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def time_kg() -> KnowledgeGraph:
    """Relations dated by a qualifier, by their letter (an uncertain "1937?"), a decade, or
    not at all (one stated in a source of 1950); a person who died in 1930."""
    names = {"A": "Ada Dead", "B": "Boris", "C": "Clara", "D": "Dmitrii", "E": "Party", "F": "Fedor"}
    entities = {k: Entity(k, "ORG" if k == "E" else "PERSON", v) for k, v in names.items()}
    docs = [Document("d1", "d1.txt", "/d1.txt", "1", date="1950"),
            Document("d2", "d2.txt", "/d2.txt", "2", date="1937?", kind="letter"),
            Document("d3", "d3.txt", "/d3.txt", "3")]
    relations = [
        Relation("B", "met_with", "C", "entity", [_ev("d1")], {"date": "1936"}),
        Relation("B", "wrote_to", "D", "entity", [_ev("d2")]),
        Relation("B", "member_of", "E", "entity", [_ev("d1")]),
        Relation("C", "allied_with", "F", "entity", [_ev("d3")]),
        Relation("A", "spouse", "B", "entity", [_ev("d3")], {"date": "193X"}),
        Relation("F", "accused_by", "E", "entity", [_ev("d3")], {"date": "1940"}),
        Relation("A", "died_on", "1930", "date", [_ev("d3")]),
        Relation("A", "born_on", "1880", "date", [_ev("d3")]),
    ]
    return KnowledgeGraph(documents=docs, entities=entities, relations=relations)


_SHOWN = "histkg.edgeView.get().map(e => e.from + ' ' + e.predicate + ' ' + e.to).sort()"


def test_time_slider_shows_relations_of_the_range_and_undated_by_toggle(browser: Any, tmp_path: Path) -> None:
    write_html(time_kg(), tmp_path / "graph.html")
    page, watch = _open(browser, tmp_path / "graph.html")
    assert page.evaluate("[+document.getElementById('kg-from').min, +document.getElementById('kg-to').max]") \
        == [1930, 1940]  # the source of 1950 dates nothing
    assert len(page.evaluate(_SHOWN)) == 6
    page.fill("#kg-from", "1936")
    page.fill("#kg-to", "1937")
    assert page.text_content("#kg-years") == "1936 – 1937"
    assert page.evaluate(_SHOWN) == ["A spouse B", "B member_of E", "B met_with C", "B wrote_to D",
                                     "C allied_with F"]
    page.uncheck("#kg-undated")
    assert page.evaluate(_SHOWN) == ["A spouse B", "B met_with C", "B wrote_to D"]
    assert sorted(page.evaluate("histkg.network.body.nodeIndices")) == ["A", "B", "C", "D"]
    assert page.evaluate("histkg.nodes.get('A').grey") is True  # died 1930: greyed out
    assert page.evaluate("!!histkg.nodes.get('B').grey") is False
    assert page.evaluate(_ISOLATED) == []
    watch.assert_clean()


def test_no_slider_when_every_dated_relation_falls_in_one_year(browser: Any, tmp_path: Path) -> None:
    graph = time_kg()
    graph.relations = [r for r in graph.relations if r.predicate in {"met_with", "member_of", "allied_with"}]
    write_html(graph, tmp_path / "graph.html")
    page, watch = _open(browser, tmp_path / "graph.html")
    assert page.evaluate("document.getElementById('kg-time').hidden") is True
    assert len(page.evaluate(_SHOWN)) == 3  # the dated one and the undated ones
    watch.assert_clean()


_SET_YEARS = """([a, b]) => ['kg-from', 'kg-to'].forEach((id, i) => {
  const input = document.getElementById(id);
  input.value = String(i ? b : a);  // the browser clamps to the slider's own range
  input.dispatchEvent(new Event('input', {bubbles: true}));
})"""


_POSITIONS = "() => { const p = histkg.network.getPositions(); return Object.keys(p).sort().map(id => [id, Math.round(p[id].x), Math.round(p[id].y)]); }"


def test_time_slider_on_the_seeds_keeps_1936_1937(browser: Any, seed_build: Path) -> None:
    page, watch = _open(browser, seed_build / "graph.html")
    before = page.evaluate(_POSITIONS)
    page.evaluate(_SET_YEARS, [1936, 1937])
    spans = page.evaluate("histkg.edgeView.get().map(e => e.t)")
    assert spans and all(any(s[0] <= "1937-12-31" and s[1] >= "1936-01-01" for s in t) or not t
                         for t in spans)
    shown = set(page.evaluate("histkg.edgeView.get().map(e => e.from + ' ' + e.predicate + ' ' + e.to)"))
    dates: dict[str, set[str]] = {}
    for r in _rows(seed_build / "relations.csv"):
        if r["object_kind"] == "entity":
            own = json.loads(r["qualifiers"] or "{}").get("date", "")
            dates.setdefault(f"{r['subject']} {r['predicate']} {r['object']}", set()).add(own)
    assert any(d[:4] == "1938" for ds in dates.values() for d in ds)  # Mekhlis's letter
    for triple, own in dates.items():
        if any(d[:4] in ("1936", "1937") for d in own):
            assert triple in shown
        elif "" not in own:  # dated by the text, outside the range
            assert triple not in shown, (triple, own)
    assert page.evaluate(_ISOLATED) == []
    page.evaluate(_SET_YEARS, [1000, 3000])
    assert page.evaluate(_POSITIONS) == before  # nodes come back where they were
    watch.assert_clean()
