"""Calibrated confidence (kg/link/confidence.py): how an argument was reached and how sure
the attribution is, and that every rule kind's evidence gets the calibrated precision."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SEEDS
from kg.run.build import BuildOptions, build
from kg.link.calibration import Calibration, Estimate, load_calibration
from kg.link.confidence import attribution, calibrated, evidence_confidence, shifted
from kg.link.rules import load_rules
from kg.model import Assertion, Evidence, Mention

CAL = Calibration("test", 0.5, Estimate(8, 2, 0.8), {"reference": 0.75, "voice": 0.9}, {},
                  {"born_in": Estimate(9, 1, 0.9)}, {})


def mention(text: str, origin: str = "model", certainty: float = 1.0, type_: str = "PERSON") -> Mention:
    return Mention("d-1", "d.txt", 0, len(text), text, type_, 0, origin=origin, name=text,
                   certainty=certainty)


def assertion(subject: Mention, obj: Mention | str, evidence: Evidence | None = None) -> Assertion:
    kind = "entity" if isinstance(obj, Mention) else "literal"
    ev = evidence or Evidence("d-1", "d.txt", "He was born in Tver.", 0, 20, "born_in.verb.v1", 0.8)
    return Assertion(subject, "born_in", obj, kind, ev)


TVER = mention("Tver", type_="PLACE")


@pytest.mark.parametrize("subject,obj,via,certainty", [
    (mention("Ivan Petrov"), TVER, "name", 1.0),
    (mention("Ivan Petrov", "gazetteer"), TVER, "name", 1.0),
    (mention("Ivan Petrov", "metadata"), TVER, "name", 1.0),       # a letter's header names him
    (mention("I", "voice"), TVER, "voice", 1.0),                     # a letter's I
    (mention("he", "reference", 0.6), TVER, "reference", 0.6),       # a pronoun, unsure
    (mention("he", "reference", 0.6), mention("she", "reference", 0.5), "reference", 0.3),
    (mention("I", "voice"), mention("he", "reference", 0.9), "reference", 0.9),  # the least direct
    (mention("he", "reference", 0.8), "a printer", "reference", 0.8),  # a literal object is sure
])
def test_attribution_is_the_least_direct_argument_and_the_product_of_certainties(
        subject, obj, via, certainty) -> None:
    assert attribution(assertion(subject, obj)) == (via, certainty)


@pytest.mark.parametrize("subject,expected", [
    (mention("Ivan Petrov"), 0.9),                       # predicate born_in: 0.9
    (mention("I", "voice"), 0.81),                       # x voice factor 0.9
    (mention("he", "reference", 0.5), 0.45),             # as named, x certainty 0.5 (no factor: the
])                                                       # certainty is the attribution's probability
def test_confidence_is_the_calibrated_precision_times_the_certainty(subject, expected) -> None:
    [a] = calibrated([assertion(subject, TVER)], CAL)
    assert a.evidence.confidence == expected and a.evidence.via == attribution(a)[0]


@pytest.mark.parametrize("certainty,shift,expected", [
    (0.5, 0.0, 0.45), (0.5, 1.0, 0.658), (0.5, -1.0, 0.242), (1.0, 2.0, 0.9),
])
def test_a_pronouns_certainty_is_moved_in_log_odds_by_the_calibrated_shift(certainty, shift, expected) -> None:
    from dataclasses import replace

    cal = replace(CAL, reference_shift=shift)
    [a] = calibrated([assertion(mention("he", "reference", certainty), TVER)], cal)
    assert a.evidence.confidence == expected
    assert shifted(certainty, 0.0) == certainty


def test_assertions_sharing_evidence_each_get_their_own() -> None:
    shared = Evidence("d-1", "d.txt", "He and Ivan Petrov were born in Tver.", 0, 36, "born_in.verb.v1", 0.8)
    named, pronoun = calibrated([assertion(mention("Ivan Petrov"), TVER, shared),
                                 assertion(mention("he", "reference", 0.5), TVER, shared)], CAL)
    assert (named.evidence.confidence, pronoun.evidence.confidence) == (0.9, 0.45)
    assert shared.confidence == 0.8 and named.evidence is not pronoun.evidence


LIST_TEXT = ("The tribunal met at Kazan in 1921. Three printers were sentenced to hard labour: "
             "Pavel Sorokin, a compositor, for eight years; Ilya Gromov, six years.\n")


@pytest.fixture(scope="module")
def graphs(seed_build: Path, tmp_path_factory) -> list:
    folder = tmp_path_factory.mktemp("confidence-list")
    (folder / "tribunal.txt").write_text(LIST_TEXT, encoding="utf-8")
    seeds = build([str(SEEDS)], BuildOptions(cache_dir=str(seed_build / ".cache"), min_confidence=0.0))
    return [seeds, build([str(folder)], BuildOptions(min_confidence=0.0))]


def test_every_rule_kind_gets_the_calibrated_confidence(graphs) -> None:
    calibration, kinds = load_calibration(), {r.id: r.kind for r in load_rules()}
    seen = set()
    for graph in graphs:
        for rel in graph.relations:
            for ev in rel.evidence:
                expected = evidence_confidence(calibration, ev.rule, rel.predicate, ev.via, ev.certainty)
                assert ev.confidence == expected, (rel, ev)
                seen.add(kinds[ev.rule])
    assert seen == {"dependency", "list", "lifespan", "gloss", "nested", "metadata"}


def test_kg_rules_explain_says_how_an_argument_was_reached() -> None:
    from kg.link.explain_view import relation_lines

    [a] = calibrated([assertion(mention("he", "reference", 0.5), TVER)], CAL)
    assert "(asserted, confidence 0.45, through a reference (certainty 0.50))" in relation_lines(a)[0]
    [b] = calibrated([assertion(mention("Ivan Petrov"), TVER)], CAL)
    assert relation_lines(b)[0].endswith("(asserted, confidence 0.90)")
