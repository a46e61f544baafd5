"""Precision guards of kg/data/predicates.toml: argument types, literal heads, suicides."""

from __future__ import annotations

import pytest

from kg.link.guards import Guards
from kg.model import Assertion, Evidence, Mention


def _mention(name: str, type_: str) -> Mention:
    return Mention("d", "d.txt", 0, len(name), name, type_, 0, name=name)


def _assertion(predicate: str, obj, kind: str = "entity", quote: str = "q",
               subject_type: str = "PERSON", subject: str = "Ivan Smirnov") -> Assertion:
    ev = Evidence("d", "d.txt", quote, 0, len(quote), "r.x.v1", 0.8, "asserted", "body")
    return Assertion(_mention(subject, subject_type), predicate, obj, kind, ev)


@pytest.mark.parametrize("assertion,reason", [
    (_assertion("sentenced_to", "ten years", "literal"), None),
    (_assertion("sentenced_to", "death", "literal"), None),
    (_assertion("sentenced_to", "the court", "literal"), "sentenced_to:literal_head"),
    (_assertion("accused", "five years", "literal"), "accused:literal_not"),
    (_assertion("imprisoned_in", _mention("Perm", "PLACE")), None),
    (_assertion("imprisoned_in", _mention("Pravda", "WORK")), "imprisoned_in:object_type"),
    (_assertion("head_of", _mention("Kazan", "PLACE")), "head_of:object_type"),
    (_assertion("born_in", _mention("Kazan", "PLACE"), subject_type="ORG"), "born_in:subject_type"),
    (_assertion("killed_by", _mention("Anna", "PERSON"), quote="She shot herself."), "killed_by:evidence"),
    (_assertion("killed_by", _mention("Anna", "PERSON"), quote="Anna shot him."), None),
    # a talk at a distance is no meeting
    (_assertion("met_with", _mention("Anna Weber", "PERSON"),
                quote="He had a long talk over the direct wire with Anna Weber."), "met_with:evidence"),
    (_assertion("met_with", _mention("Anna Weber", "PERSON"), quote="He had a long talk with Anna Weber."), None),
    (_assertion("nickname", "the trial of the sixteen", "literal"), "nickname:proper_name"),
    (_assertion("position_held", "Italian Ambassador", "literal", subject_type="PLACE",
                subject="Bollati"), None),
    (_assertion("position_held", "commander", "literal", subject_type="PLACE",
                subject="the Solovetsky camp"), "position_held:subject_name"),
    (_assertion("position_held", "Italian Ambassador", "literal", subject_type="WORK"),
     "position_held:subject_type"),
    (_assertion("position_held", "editor", "literal"), "position_held:literal_not"),
    # typed literals (kg/data/literals.toml): the grammar's name is the reason
    (_assertion("accused", "having no ideals", "literal"), "accused:charge"),
    (_assertion("accused", "having betrayed the fleet", "literal"), None),
    (_assertion("position_held", "leaders of the party", "literal"), "position_held:office"),
    (_assertion("position_held", "chief of the secret police", "literal"), None),
    (_assertion("imprisoned_in", "exile", "literal"), "imprisoned_in:prison"),
    (_assertion("imprisoned_in", "prison", "literal"), None),
    (_assertion("nickname", "Trial of the Sixteen", "literal"), "nickname:nickname"),
    (_assertion("nickname", "Smirnov", "literal"), "nickname:literal_in_subject"),
    (_assertion("nickname", "Koba", "literal"), None),
    # a body "called" something is named, not nicknamed; a part of a hyphenated name is no other name
    (_assertion("nickname", "Red Committees", "literal", subject_type="ORG", subject="Red-Guard Committees"),
     "nickname:subject_type"),
    (_assertion("nickname", "Guard Committees", "literal", subject="Red-Guard Committees"),
     "nickname:literal_in_subject"),
])
def test_guard_keeps_or_drops_and_counts(assertion, reason):
    guards = Guards()
    kept = guards.apply([assertion])
    assert (kept == []) == (reason is not None)
    assert dict(guards.dropped) == ({reason: 1} if reason else {})


def test_build_report_counts_dropped_candidates(tmp_path):
    from kg.run.build import BuildOptions, build

    (tmp_path / "a.txt").write_text(
        "Ivan Smirnov, who was director of the newspaper, was condemned to death by court-martial for treason.\n", encoding="utf-8")
    options = BuildOptions(cache_dir=str(tmp_path / "cache"))
    graph = build([tmp_path / "a.txt"], options)
    assert graph.report["guards"]["dropped"] == {"sentenced_to:literal_head": 1}
    again = build([tmp_path / "a.txt"], options)  # from the cache: the counts are kept
    assert again.report["cache"]["link_hits"] == 1
    assert again.report["guards"] == graph.report["guards"]
    assert {r.predicate for r in graph.relations} >= {"sentenced_to", "accused"}


def test_an_unknown_literal_grammar_names_the_guard():
    from kg.errors import DataFileError

    with pytest.raises(DataFileError) as err:
        Guards({"guard": {"accused": {"literal_grammar": "verdict"}}})
    assert err.value.item == "guard.accused" and "verdict" in err.value.problem
