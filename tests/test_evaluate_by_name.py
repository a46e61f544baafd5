"""Tests of entity scoring by name (gold files without mention offsets)."""

from __future__ import annotations

import doctest
import json
from pathlib import Path

import pytest

import kg.evaluate.by_name as by_name
from kg.evaluate import evaluate, format_report
from kg.evaluate.gold import infer_object_type
from tests.test_evaluate import write_out


def _gold(root: Path, name: str, doc: str, entities: list, relations: list = ()) -> Path:
    path = root / name
    path.write_text(json.dumps({"doc": doc, "entities": entities, "relations": list(relations)}))
    return path


def test_doctests_of_by_name() -> None:
    assert doctest.testmod(by_name).failed == 0


@pytest.mark.parametrize("obj,ids,kind", [
    ("Red_Army", {"Red_Army"}, "entity"), ("1918-07", set(), "date"),
    ("1918", set(), "date"), ("death", set(), "literal"), ("ten years", {"X"}, "literal"),
])
def test_relation_object_type_is_inferred_when_absent(obj: str, ids: set, kind: str) -> None:
    assert infer_object_type(obj, ids) == kind


def test_typed_and_untyped_scores_by_name(tmp_path: Path) -> None:
    gold = _gold(tmp_path, "a.json", "a.txt", [
        {"id": "Trotsky", "type": "PERSON", "names": ["Trotzky", "Trotsky"]},
        {"id": "Bolsheviks", "type": "ORG", "names": ["the Bolsheviki"]},
        {"id": "Spa", "type": "PLACE", "names": ["Spa"]}])
    out = write_out(tmp_path, mentions=[
        ["a.txt", 0, 7, "Trotzky", "PERSON", "e1"], ["a.txt", 20, 27, "Trotsky", "PERSON", "e1"],
        ["a.txt", 30, 43, "the Bolsheviki", "GROUP", "e2"],
        ["a.txt", 50, 56, "Moscow", "PLACE", "e3"]],
        entities=[["e1", "PERSON", "Trotsky", "", ""], ["e2", "GROUP", "Bolsheviki", "", ""],
                  ["e3", "PLACE", "Moscow", "", ""]])
    ents = evaluate(out, [gold])["entities"]
    assert (ents["untyped"]["tp"], ents["untyped"]["fp"], ents["untyped"]["fn"]) == (2, 1, 1)
    assert (ents["typed"]["tp"], ents["typed"]["fp"], ents["typed"]["fn"]) == (1, 2, 2)
    assert ents["wrong_merges"] == [] and ents["splits"] == []


def test_split_and_wrong_merge_are_reported(tmp_path: Path) -> None:
    gold = _gold(tmp_path, "a.json", "a.txt", [
        {"id": "Korniloff", "type": "PERSON", "names": ["Korniloff", "General Korniloff"]},
        {"id": "Kerensky", "type": "PERSON", "names": ["Kerensky"]},
        {"id": "Mme_Kerensky", "type": "PERSON", "names": ["Madame Kerensky"]}])
    out = write_out(tmp_path, mentions=[
        ["a.txt", 0, 9, "Korniloff", "PERSON", "k1"],
        ["a.txt", 10, 27, "General Korniloff", "PERSON", "k2"],
        ["a.txt", 30, 38, "Kerensky", "PERSON", "ke"],
        ["a.txt", 40, 55, "Madame Kerensky", "PERSON", "ke"]],
        entities=[["k1", "PERSON", "Korniloff", "", ""], ["k2", "PERSON", "General Korniloff", "", ""],
                  ["ke", "PERSON", "Kerensky", "", ""]])
    result = evaluate(out, [gold])
    ents = result["entities"]
    assert [m["entity"] for m in ents["wrong_merges"]] == ["ke"]
    assert [s["gold"] for s in ents["splits"]] == ["Korniloff"]
    assert ents["split_rate"] == pytest.approx(1 / 3, abs=1e-3)
    text = format_report(result)
    assert "wrong merges (one system entity, two gold entities): 1" in text
    assert "MENTIONS" not in text  # no offsets in this gold: no span families


def test_same_name_for_two_gold_entities_is_no_merge(tmp_path: Path) -> None:
    gold = _gold(tmp_path, "a.json", "a.txt", [
        {"id": "A1", "type": "PERSON", "names": ["Alexander", "Alexander Kerensky"]},
        {"id": "A2", "type": "PERSON", "names": ["Alexander"]}])
    out = write_out(tmp_path, mentions=[["a.txt", 0, 9, "Alexander", "PERSON", "x"]],
                    entities=[["x", "PERSON", "Alexander", "", ""]])
    assert evaluate(out, [gold])["entities"]["wrong_merges"] == []


def test_gold_dev_relation_without_object_type_is_scored(tmp_path: Path) -> None:
    gold = _gold(tmp_path, "a.json", "a.txt", [
        {"id": "Figner", "type": "PERSON", "names": ["Vera Figner"]}], [
        {"subject": "Figner", "predicate": "sentenced_to", "object": "death",
         "evidence": "x", "optional": False}])
    out = write_out(tmp_path, mentions=[["a.txt", 0, 11, "Vera Figner", "PERSON", "vf"]],
                    entities=[["vf", "PERSON", "Vera Figner", "", ""]],
                    relations=[["a.txt", "vf", "sentenced_to", "death"]])
    rel = evaluate(out, [gold])["relations"]["per_predicate"]["sentenced_to"]
    assert (rel["tp"], rel["fp"], rel["fn"]) == (1, 0, 0)
