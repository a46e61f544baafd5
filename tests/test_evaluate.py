"""Tests of the scorer (`kg.evaluate`): exact numbers for each metric family."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from collections.abc import Sequence
from typing import Any

import pytest

from kg.errors import GoldError, InputError
from kg.evaluate import evaluate, format_report
from kg.evaluate.gold import GoldRelation
from kg.evaluate.metrics import overlap_match
from kg.evaluate.output import PredFact
from kg.evaluate.relations import NameIndex, compatible

GOLD_DIR = Path(__file__).parent / "gold"
MENTION_HEADER = ["doc", "start", "end", "text", "type", "entity", "value"]
ENTITY_HEADER = ["id", "type", "label", "aliases", "wikidata"]
RELATION_HEADER = ["doc", "subject", "predicate", "object", "evidence", "start", "end",
                   "modality", "confidence", "rule"]


# -- helpers ----------------------------------------------------------------------------


def _write_csv(path: Path, header: list[str], rows: Sequence[Sequence[Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)


def write_out(root: Path, mentions: Sequence[Sequence[Any]] = (),
              entities: Sequence[Sequence[Any]] = (), relations: Sequence[Sequence[Any]] = (),
              report: dict[str, Any] | None = None,
              mention_header: list[str] = MENTION_HEADER) -> Path:
    """A fake `kg build` output dir; relation rows are (doc, subject, predicate, object)."""
    out = root / "out"
    out.mkdir()
    _write_csv(out / "mentions.csv", mention_header, [list(r) for r in mentions])
    _write_csv(out / "entities.csv", ENTITY_HEADER, [list(r) for r in entities])
    rel_rows = [list(r) + ["quote", 0, 5, "asserted", 0.9, "r1"] for r in relations]
    _write_csv(out / "relations.csv", RELATION_HEADER, rel_rows)
    if report is not None:
        (out / "report.json").write_text(json.dumps(report), encoding="utf-8")
    return out


def write_gold(root: Path, name: str, doc: str, **parts: Any) -> Path:
    path = root / name
    path.write_text(json.dumps({"doc": doc, **parts}), encoding="utf-8")
    return path


def ent(eid: str, etype: str, *names: str, canonical: str | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {"id": eid, "type": etype, "names": list(names)}
    if canonical:
        data["canonical"] = canonical
    return data


def men(entity: str, start: int, end: int, text: str = "x", **extra: Any) -> dict[str, Any]:
    return {"entity": entity, "text": text, "start": start, "end": end, **extra}


def prf(p: float, r: float, f: float, tp: int, fp: int, fn: int) -> dict[str, Any]:
    return {"precision": pytest.approx(p, abs=1e-4), "recall": pytest.approx(r, abs=1e-4),
            "f1": pytest.approx(f, abs=1e-4), "tp": tp, "fp": fp, "fn": fn}


# -- mentions ---------------------------------------------------------------------------

MENTION_GOLD = dict(
    entities=[ent("P1", "PERSON", "Bukharin"), ent("O1", "ORG", "Party"),
              ent("W1", "WORK", "Letter")],
    mentions=[men("P1", 0, 16), men("P1", 30, 38), men("O1", 50, 60),
              men("O1", 70, 75, nominal=True), men("W1", 100, 130),
              men("P1", 110, 118, nested_in="W1")],
)
MENTION_PRED = [
    ["a.txt", 0, 16, "x", "PERSON", "e1", ""],   # strict hit
    ["a.txt", 30, 40, "x", "PERSON", "e1", ""],  # overlap hit only
    ["a.txt", 50, 60, "x", "PERSON", "e2", ""],  # wrong type
    ["a.txt", 70, 75, "x", "ORG", "e2", ""],     # nominal in gold: spurious
    ["a.txt", 100, 125, "x", "WORK", "e3", ""],  # overlap hit only
    ["a.txt", 110, 118, "x", "PERSON", "e1", ""],  # nested mention: strict hit
    ["a.txt", 200, 210, "x", "DATE", "", "1937"],  # dates are not named mentions
    ["other.txt", 0, 16, "x", "PERSON", "e1", ""],  # no gold for this doc: ignored
]


@pytest.fixture()
def mention_result(tmp_path: Path) -> dict[str, Any]:
    gold = write_gold(tmp_path, "a.json", "a.txt", **MENTION_GOLD)
    return evaluate(write_out(tmp_path, MENTION_PRED), [gold])


@pytest.mark.parametrize("mode, label, expected", [
    ("strict", "ALL", prf(2 / 6, 2 / 5, 0.3636, 2, 4, 3)),
    ("strict", "PERSON", prf(0.5, 2 / 3, 0.5714, 2, 2, 1)),
    ("strict", "ORG", prf(0, 0, 0, 0, 1, 1)),
    ("strict", "WORK", prf(0, 0, 0, 0, 1, 1)),
    ("strict", "EVENT", prf(0, 0, 0, 0, 0, 0)),
    ("overlap", "ALL", prf(4 / 6, 0.8, 0.7273, 4, 2, 1)),
    ("overlap", "PERSON", prf(0.75, 1.0, 0.8571, 3, 1, 0)),
    ("overlap", "ORG", prf(0, 0, 0, 0, 1, 1)),
    ("overlap", "WORK", prf(1, 1, 1, 1, 0, 0)),
])
def test_mentions_strict_and_overlap(mention_result: dict[str, Any], mode: str, label: str,
                                     expected: dict[str, Any]) -> None:
    assert mention_result["mentions"][mode][label] == expected


def test_mentions_table_order_and_error_lists(mention_result: dict[str, Any]) -> None:
    strict = mention_result["mentions"]["strict"]
    assert list(strict) == ["PERSON", "ORG", "EVENT", "WORK", "PLACE", "GROUP", "ALL"]
    doc = mention_result["mentions"]["by_doc"]["a.txt"]
    assert [(m["start"], m["end"], m["type"]) for m in doc["missed"]] == [
        (30, 38, "PERSON"), (50, 60, "ORG"), (100, 130, "WORK")]
    assert len(doc["spurious"]) == 4


def test_overlap_matching_is_one_to_one_by_largest_overlap() -> None:
    gold = [(0, 10, "PERSON"), (5, 20, "PERSON")]
    assert overlap_match(gold, [(0, 20, "PERSON")]) == [(1, 0)]
    assert overlap_match(gold, [(0, 20, "ORG")]) == []


# -- dates ------------------------------------------------------------------------------

DATE_GOLD = dict(entities=[], mentions=[], dates=[
    {"text": "the 1930s", "value": "193X", "start": 0, "end": 4},
    {"text": "February 1937", "value": "1937-02", "start": 10, "end": 23},
    {"text": "February", "value": "1937-02", "start": 30, "end": 38, "in_name": True},
    {"text": "half a year", "value": "P6M", "start": 40, "end": 51, "type": "duration"},
    {"text": "1938", "value": "1938", "start": 60, "end": 64},
])
DATE_PRED = [
    ["a.txt", 0, 4, "the 1930s", "DATE", "", " 193x "],   # value equal after normalising
    ["a.txt", 10, 23, "February 1937", "DATE", "", "1937-03"],  # value mismatch
    ["a.txt", 30, 38, "February", "DATE", "", "1937-02"],  # in_name: ignored
    ["a.txt", 40, 51, "half a year", "DATE", "", "P6M"],  # duration: ignored
    ["a.txt", 70, 74, "1940", "DATE", "", "1940"],        # spurious
    ["a.txt", 10, 15, "Febr", "DATE", "", "1937-02"],     # partial span: spurious
]


def test_dates_span_and_value(tmp_path: Path) -> None:
    gold = write_gold(tmp_path, "a.json", "a.txt", **DATE_GOLD)
    dates = evaluate(write_out(tmp_path, DATE_PRED), [gold])["dates"]
    assert dates["span"] == prf(0.5, 2 / 3, 0.5714, 2, 2, 1)
    assert dates["value"] == prf(0.25, 1 / 3, 0.2857, 1, 3, 2)
    assert dates["ignored_predictions"] == 2
    assert dates["value_mismatches"] == [{"doc": "a.txt", "start": 10, "end": 23,
                                          "text": "February 1937", "gold": "1937-02",
                                          "predicted": "1937-03"}]


def test_dates_without_value_column(tmp_path: Path) -> None:
    gold = write_gold(tmp_path, "a.json", "a.txt", **DATE_GOLD)
    rows = [r[:6] for r in DATE_PRED]
    out = write_out(tmp_path, rows, mention_header=MENTION_HEADER[:6])
    dates = evaluate(out, [gold])["dates"]
    assert dates["span"]["tp"] == 2
    assert dates["value"] == prf(0, 0, 0, 0, 4, 3)


# -- relations --------------------------------------------------------------------------

REL_GOLD = dict(
    entities=[ent("Nikolai_Bukharin", "PERSON", "Nikolai Bukharin", "Bukharin's"),
              ent("Iosif_Stalin", "PERSON", "Koba", canonical="Iosif Stalin"),
              ent("Anna_Larina", "PERSON", "Anna Larina"),
              ent("Iurii_Larin", "PERSON", "Iurii Larin")],
    mentions=[men("Iosif_Stalin", 0, 6, "Stalin")],
    relations=[
        {"subject": "Nikolai_Bukharin", "predicate": "wrote_to", "object": "Iosif_Stalin",
         "object_type": "entity", "evidence": "."},
        {"subject": "Nikolai_Bukharin", "predicate": "spouse", "object": "Anna_Larina",
         "object_type": "entity", "evidence": "."},
        {"subject": "Anna_Larina", "predicate": "child_of", "object": "Iurii_Larin",
         "object_type": "entity", "evidence": "."},
        {"subject": "Nikolai_Bukharin", "predicate": "born_on", "object": "1888",
         "object_type": "date", "evidence": "."},
        {"subject": "Nikolai_Bukharin", "predicate": "nickname",
         "object": "the darling of the party", "object_type": "literal", "evidence": "."},
        {"subject": "Nikolai_Bukharin", "predicate": "position_held",
         "object": "editor of Izvestiia", "object_type": "literal", "evidence": ".",
         "optional": True},
        {"subject": "Nikolai_Bukharin", "predicate": "other:comrade_of",
         "object": "Iosif_Stalin", "object_type": "entity", "evidence": "."},
        {"subject": "Nikolai_Bukharin", "predicate": "arrested_on", "object": "1937-02",
         "object_type": "date", "evidence": "."},
        {"subject": "Iosif_Stalin", "predicate": "accused_by", "object": "Nikolai_Bukharin",
         "object_type": "entity", "evidence": "."},
    ],
)
REL_ENTITIES = [
    ["e1", "PERSON", "Nikolai Bukharin", "Bukharin|N. I.", ""],
    ["e2", "PERSON", "I. V. Stalin", "", "Q855"],  # matched via its mention text
    ["e3", "PERSON", "Anna Larina", "", ""],
    ["e4", "PERSON", "Iu. Larin", "Iurii Larin", ""],
]
REL_PRED = [
    ("a.txt", "e1", "wrote_to", "e2"),
    ("a.txt", "e1", "wrote_to", "e2"),           # second evidence row: same fact
    ("a.txt", "e3", "spouse", "e1"),             # symmetric, reversed
    ("a.txt", "e1", "spouse", "e3"),             # the same fact again
    ("a.txt", "e4", "parent_of", "e3"),          # inverse of child_of
    ("a.txt", "e3", "child_of", "e4"),           # the same fact again
    ("a.txt", "e1", "born_on", "1888"),
    ("a.txt", "e1", "nickname", "“darling of the party”"),  # literal containment
    ("a.txt", "e1", "position_held", "editor"),  # matches an optional fact: ignored
    ("a.txt", "e1", "other:comrade_of", "e2"),   # out of scope: dropped
    ("a.txt", "e1", "arrested_on", "1937-03"),   # wrong date
    ("a.txt", "e1", "accused_by", "e2"),         # wrong direction
    ("a.txt", "e2", "met_with", "e1"),           # not in gold
    ("b.txt", "e1", "arrested_on", "1937-02"),   # another document: not for a.txt
]


@pytest.fixture()
def relation_result(tmp_path: Path) -> dict[str, Any]:
    gold = write_gold(tmp_path, "a.json", "a.txt", **REL_GOLD)
    mentions = [["a.txt", 0, 8, "Stalin’s", "PERSON", "e2", ""]]
    return evaluate(write_out(tmp_path, mentions, REL_ENTITIES, REL_PRED), [gold])


@pytest.mark.parametrize("predicate, expected", [
    ("ALL", prf(0.625, 5 / 7, 0.6667, 5, 3, 2)),
    ("wrote_to", prf(1, 1, 1, 1, 0, 0)),
    ("spouse", prf(1, 1, 1, 1, 0, 0)),
    ("child_of", prf(1, 1, 1, 1, 0, 0)),
    ("born_on", prf(1, 1, 1, 1, 0, 0)),
    ("nickname", prf(1, 1, 1, 1, 0, 0)),
    ("arrested_on", prf(0, 0, 0, 0, 1, 1)),
    ("accused_by", prf(0, 0, 0, 0, 1, 1)),
    ("met_with", prf(0, 0, 0, 0, 1, 0)),
])
def test_relations_per_predicate(relation_result: dict[str, Any], predicate: str,
                                 expected: dict[str, Any]) -> None:
    assert relation_result["relations"]["per_predicate"][predicate] == expected


def test_relations_skipped_optional_and_lists(relation_result: dict[str, Any]) -> None:
    rel = relation_result["relations"]
    assert list(rel["per_predicate"])[-1] == "ALL"
    assert "position_held" not in rel["per_predicate"]
    assert "parent_of" not in rel["per_predicate"]
    assert (rel["skipped_other"], rel["optional_gold"], rel["ignored_predictions"]) == (1, 1, 1)
    doc = rel["by_doc"]["a.txt"]
    assert sorted(m["predicate"] for m in doc["missed"]) == ["accused_by", "arrested_on"]
    assert sorted(s["predicate"] for s in doc["spurious"]) == [
        "accused_by", "arrested_on", "met_with"]


def test_relations_per_rule_count_matched_and_spurious_facts(relation_result: dict[str, Any]) -> None:
    assert relation_result["relations"]["per_rule"] == {"r1": {"tp": 5, "fp": 3, "precision": 0.625}}


def test_relations_are_matched_one_to_one(tmp_path: Path) -> None:
    gold = write_gold(tmp_path, "a.json", "a.txt", **REL_GOLD)
    entities = REL_ENTITIES + [["e6", "PERSON", "Stalin", "", ""]]
    pred = [("a.txt", "e1", "wrote_to", "e2"), ("a.txt", "e1", "wrote_to", "e6")]
    mentions = [["a.txt", 0, 6, "Stalin", "PERSON", "e2", ""]]
    rel = evaluate(write_out(tmp_path, mentions, entities, pred), [gold])["relations"]
    assert rel["per_predicate"]["wrote_to"] == prf(0.5, 1, 2 / 3, 1, 1, 0)
    assert rel["per_predicate"]["ALL"] == prf(0.5, 1 / 7, 0.2222, 1, 1, 6)


NAMES = NameIndex(gold={"A": frozenset({"anna"}), "B": frozenset({"iurii"})},
                  pred={"a": frozenset({"anna"}), "b": frozenset({"iurii"})})


@pytest.mark.parametrize("gold, pred, expected", [
    (("A", "spouse", "B"), ("b", "spouse", "a"), True),
    (("A", "met_with", "B"), ("b", "met_with", "a"), True),
    (("A", "allied_with", "B"), ("b", "allied_with", "a"), True),
    (("A", "accused_by", "B"), ("b", "accused_by", "a"), False),
    (("A", "child_of", "B"), ("b", "parent_of", "a"), True),
    (("A", "parent_of", "B"), ("b", "child_of", "a"), True),
    (("A", "child_of", "B"), ("a", "parent_of", "b"), False),
    (("A", "child_of", "B"), ("a", "child_of", "b"), True),
    (("A", "child_of", "B"), ("b", "child_of", "a"), False),
])
def test_direction_rules(gold: tuple[str, str, str], pred: tuple[str, str, str],
                         expected: bool) -> None:
    fact = PredFact("a.txt", *pred)
    assert compatible(fact, GoldRelation(*gold, object_type="entity"), NAMES) is expected


# -- clusters ---------------------------------------------------------------------------


def test_clusters_pairwise_across_gold_files(tmp_path: Path) -> None:
    entities = [ent("S", "PERSON", "Stalin"), ent("B", "PERSON", "Bukharin")]
    gold_a = write_gold(tmp_path, "a.json", "a.txt", entities=entities, mentions=[
        men("S", 0, 6), men("S", 10, 16), men("B", 20, 28), men("B", 30, 38)])
    gold_b = write_gold(tmp_path, "b.json", "b.txt", entities=entities, mentions=[
        men("S", 0, 6), men("B", 10, 18), men("S", 50, 55), men("B", 60, 65, nominal=True)])
    pred = [["a.txt", 0, 6, "x", "PERSON", "e2", ""], ["a.txt", 10, 16, "x", "PERSON", "e2", ""],
            ["a.txt", 20, 28, "x", "PERSON", "e1", ""], ["a.txt", 30, 38, "x", "PERSON", "e2", ""],
            ["b.txt", 0, 6, "x", "ORG", "e2", ""], ["b.txt", 10, 18, "x", "PERSON", "e1", ""],
            ["b.txt", 60, 65, "x", "PERSON", "e1", ""]]
    result = evaluate(write_out(tmp_path, pred), [gold_a, gold_b])
    clusters = result["clusters"]
    assert clusters["pairwise"] == prf(4 / 7, 4 / 6, 0.6154, 4, 3, 2)
    assert {k: v for k, v in clusters.items() if k != "pairwise"} == {
        "gold_mentions": 7, "matched_mentions": 6, "gold_entities": 2, "pred_entities": 2,
        "pairs": 15, "gold_same_pairs": 6, "pred_same_pairs": 7}
    # micro-average of mentions over both files: a 4/4, b 1 (ORG vs PERSON) of 3
    assert result["mentions"]["strict"]["ALL"] == prf(5 / 7, 5 / 7, 5 / 7, 5, 2, 2)
    assert result["mentions"]["by_doc"]["b.txt"]["strict"]["ALL"]["tp"] == 1


# -- debris -----------------------------------------------------------------------------


def test_debris_character_level(tmp_path: Path) -> None:
    gold = write_gold(tmp_path, "a.json", "a.txt", debris=[
        {"start": 10, "end": 20}, {"start": 30, "end": 40}])
    report = {"debris": [{"doc": "a.txt", "start": 15, "end": 35},
                         {"doc": "z.txt", "start": 0, "end": 99}]}
    debris = evaluate(write_out(tmp_path, report=report), [gold])["debris"]
    assert debris["available"] is True
    assert debris["chars"] == prf(0.5, 0.5, 0.5, 10, 10, 10)


@pytest.mark.parametrize("report", [None, {"counts": {}}, {"debris": 3},
                                    {"debris": [{"doc": "a.txt", "start": "x", "end": 4}]}])
def test_debris_not_available(tmp_path: Path, report: dict[str, Any] | None) -> None:
    gold = write_gold(tmp_path, "a.json", "a.txt", debris=[{"start": 0, "end": 5}])
    debris = evaluate(write_out(tmp_path, report=report), [gold])["debris"]
    assert debris["available"] is False
    assert debris["reason"]


# -- errors -----------------------------------------------------------------------------


@pytest.mark.parametrize("text, problem", [
    ("{not json", "not valid JSON"),
    ("[1, 2]", "JSON object"),
    ('{"entities": []}', "missing 'doc'"),
    ('{"doc": "a.txt", "entities": [{"id": "X", "type": "PERSON"}],'
     ' "mentions": [{"entity": "X", "start": "0", "end": 4}]}', "'start'"),
    ('{"doc": "a.txt", "entities": [{"id": "X", "type": "PERSON"}], "relations": [{"subject":'
     ' "X", "predicate": "p", "object": "X", "object_type": "thing"}]}', "object_type"),
    ('{"doc": "a.txt", "entities": [], "mentions": [{"entity": "Y", "start": 0, "end": 1}]}',
     "unknown entity"),
    ('{"doc": "a.txt", "entities": [{"id": "X", "type": "ALIEN"}]}', "entity type"),
    ('{"doc": "a.txt", "dates": [{"value": "1937", "start": 5, "end": 2}]}', "bad span"),
])
def test_malformed_gold_raises_gold_error(tmp_path: Path, text: str, problem: str) -> None:
    gold = tmp_path / "broken.json"
    gold.write_text(text, encoding="utf-8")
    with pytest.raises(GoldError) as info:
        evaluate(write_out(tmp_path), [gold])
    assert info.value.path == str(gold)
    assert "broken.json" in str(info.value) and problem in str(info.value)


def test_missing_gold_file_raises_gold_error(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match="nope.json"):
        evaluate(write_out(tmp_path), [tmp_path / "nope.json"])


def test_missing_mentions_csv_raises_input_error(tmp_path: Path) -> None:
    gold = write_gold(tmp_path, "a.json", "a.txt")
    out = write_out(tmp_path)
    (out / "mentions.csv").unlink()
    with pytest.raises(InputError) as info:
        evaluate(out, [gold])
    assert info.value.path == str(out / "mentions.csv")


@pytest.mark.parametrize("header, row, problem", [
    (["doc", "start", "end", "text", "type"], ["a.txt", 0, 1, "x", "PERSON"], "entity"),
    (MENTION_HEADER, ["a.txt", "zero", 1, "x", "PERSON", "e1", ""], "not an integer"),
    (MENTION_HEADER, ["a.txt", 5, 1, "x", "PERSON", "e1", ""], "bad span"),
])
def test_malformed_mentions_csv_raises_input_error(tmp_path: Path, header: list[str],
                                                   row: list[Any], problem: str) -> None:
    gold = write_gold(tmp_path, "a.json", "a.txt")
    out = write_out(tmp_path, [row], mention_header=header)
    with pytest.raises(InputError, match=problem):
        evaluate(out, [gold])


def test_missing_output_dir_raises_input_error(tmp_path: Path) -> None:
    gold = write_gold(tmp_path, "a.json", "a.txt")
    with pytest.raises(InputError, match="not found"):
        evaluate(tmp_path / "missing", [gold])


# -- the real gold files and the text report ------------------------------------------


def _perfect_output(root: Path) -> Path:
    """Output tables that restate the gold annotations exactly, with fresh ids."""
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD_DIR.glob("*.json"))]
    types = {e["id"]: e for g in golds for e in g["entities"]}
    ids = {eid: f"n{i}" for i, eid in enumerate(sorted(types))}
    mentions, relations = [], []
    for g in golds:
        mentions += [[g["doc"], m["start"], m["end"], m["text"], types[m["entity"]]["type"],
                      ids[m["entity"]], ""] for m in g["mentions"] if not m.get("nominal")]
        mentions += [[g["doc"], d["start"], d["end"], d["text"], "DATE", "", d["value"]]
                     for d in g["dates"] if not d.get("type")]
        relations += [(g["doc"], ids[r["subject"]], r["predicate"],
                       ids[r["object"]] if r["object_type"] == "entity" else r["object"])
                      for r in g["relations"]]
    entities = [[ids[e["id"]], e["type"], e["canonical"], "|".join(e["names"]), ""]
                for e in types.values()]
    debris = [{"doc": g["doc"], **d} for g in golds for d in g["debris"]]
    return write_out(root, mentions, entities, relations, report={"debris": debris})


def test_gold_restated_scores_perfectly(tmp_path: Path) -> None:
    result = evaluate(_perfect_output(tmp_path), [GOLD_DIR])
    assert result["docs"] == ["000_41c2545ca8476382.txt", "001_6ca7c8d43ffabea7.txt"]
    for family in (result["mentions"]["strict"], result["mentions"]["overlap"],
                   result["relations"]["per_predicate"]):
        assert family["ALL"]["f1"] == 1.0
    assert result["mentions"]["strict"]["ALL"]["tp"] == 161
    assert result["dates"]["value"] == prf(1, 1, 1, 37, 0, 0)
    assert result["relations"]["per_predicate"]["ALL"]["tp"] == 96
    assert result["relations"]["skipped_other"] == 62
    assert result["clusters"]["pairwise"]["f1"] == 1.0
    assert result["debris"]["chars"]["tp"] == 1381
    json.dumps(result)


def test_format_report_sections_and_rows(mention_result: dict[str, Any]) -> None:
    text = format_report(mention_result)
    assert text == format_report(mention_result)
    heads = ["MENTIONS", "DATES", "RELATIONS", "CLUSTERS", "DEBRIS", "BY DOCUMENT"]
    positions = [text.index(f"\n{h}\n") for h in heads]
    assert positions == sorted(positions)
    lines = text.splitlines()
    assert "ALL                                 0.333  0.400  0.364      2      4      3" in lines
    assert "PERSON                              0.750  1.000  0.857      3      1      0" in lines
    assert "not available: no report.json in the output directory" in lines
