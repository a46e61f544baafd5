"""Tests of the Re-DocRED relation scorer (`kg evaluate --redocred`) on invented fixtures."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from kg.cli import main
from kg.errors import GoldError
from kg.evaluate import evaluate_redocred, format_report
from kg.evaluate.redocred import date_parts, dates_compatible, load_redocred, parse_years


def _ent(eid: int, etype: str, *texts: str) -> dict[str, Any]:
    return {"id": eid, "type": etype,
            "mentions": [{"start": 0, "end": len(t), "text": t, "sent_id": 0} for t in texts]}


def _rel(head: int, prop: str, tail: int) -> dict[str, Any]:
    return {"head": head, "tail": tail, "relation": prop, "relation_name": prop,
            "evidence_sents": [0]}


DOC0 = {  # a 1920s document
    "title": "Anna Veller", "doc_index": 0, "text": "...",
    "entities": [
        _ent(0, "PER", "Anna Veller", "Veller"),
        _ent(1, "PER", "Pavel Veller"),
        _ent(2, "PER", "Ivan Orlov"),
        _ent(3, "TIME", "3 May 1921"),
        _ent(4, "MISC", "Winter Songs"),
        _ent(5, "ORG", "Glass Workers' Union"),
        _ent(6, "MISC", "Great Strike"),
        _ent(7, "ORG", "Mill Gazette"),
        _ent(8, "LOC", "Riga"),
        _ent(9, "PER", "Olga Veller"),
    ],
    "relations": [
        _rel(0, "P22", 1),      # Pavel is Anna's father → child_of(Anna, Pavel)
        _rel(1, "P40", 0),      # the same fact from the other side (deduplicated)
        _rel(0, "P26", 2),      # spouse
        _rel(0, "P569", 3),     # born 3 May 1921
        _rel(4, "P50", 0),      # Winter Songs' author is Anna → author_of(Anna, Winter Songs)
        _rel(6, "P710", 0),     # participant of the strike: Anna
        _rel(0, "P108", 7),     # employer → position_held
        _rel(0, "P463", 5),     # member of
        _rel(0, "P19", 8),      # place of birth → born_in (predicates v2): missed
        _rel(1, "P800", 4),     # notable work: optional author_of(Pavel, Winter Songs)
        _rel(9, "P25", 0),      # Anna is Olga's mother → child_of(Olga, Anna)
    ],
}
DOC1 = {  # a modern document, outside 1900-1960
    "title": "Modern", "doc_index": 1, "text": "...",
    "entities": [_ent(0, "PER", "Mia Kent"), _ent(1, "PER", "Leo Kent"), _ent(2, "TIME", "1999")],
    "relations": [_rel(0, "P26", 1)],
}


def write_gold(root: Path) -> Path:
    path = root / "redoc.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in (DOC0, DOC1)), encoding="utf-8")
    return path


def write_out(root: Path, facts: list[tuple[str, str, str, str]],
              entities: list[tuple[str, str, str, str]]) -> Path:
    """facts: (doc, subject, predicate, object); entities: (id, type, label, aliases)."""
    out = root / "out"
    out.mkdir()
    with (out / "entities.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "type", "label", "aliases", "wikidata"])
        w.writerows([list(e) + [""] for e in entities])
    with (out / "mentions.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc", "start", "end", "text", "type", "entity", "value"])
        w.writerow(["0000_Anna_Veller.txt", 0, 5, "Anna V.", "PERSON", "anna", ""])
    with (out / "relations.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc", "subject", "predicate", "object", "object_kind"])
        w.writerows([list(f) + ["entity"] for f in facts])
    return out


ENTITIES = [("anna", "PERSON", "Anna Veller", ""), ("pavel", "PERSON", "Pavel Veller", ""),
            ("ivan", "PERSON", "Orlov", "Ivan Orlov"), ("songs", "WORK", "Winter Songs", ""),
            ("strike", "EVENT", "Great Strike", ""), ("gazette", "ORG", "Mill Gazette", ""),
            ("union", "ORG", "Union", ""), ("olga", "PERSON", "Olga", "")]
D0 = "0000_Anna_Veller.txt"
FACTS = [
    (D0, "pavel", "parent_of", "anna"),       # = child_of(anna, pavel): TP
    (D0, "ivan", "spouse", "anna"),           # symmetric, alias name: TP
    (D0, "anna", "born_on", "1921-05"),       # month precision, compatible: TP
    (D0, "anna", "died_on", "1980"),          # no gold: FP
    (D0, "anna", "author_of", "songs"),       # inverse of P50: TP
    (D0, "anna", "participated_in", "strike"),  # inverse of P710: TP
    (D0, "anna", "position_held", "gazette"),  # P108: TP
    (D0, "anna", "member_of", "union"),       # "Union" ≠ "Glass Workers' Union": FP, and FN
    (D0, "pavel", "author_of", "songs"),      # only optional gold (P800): ignored
    (D0, "anna", "child_of", "olga"),         # wrong direction: FP (and child_of FN)
    (D0, "anna", "nickname", "olga"),         # unmapped predicate: ignored
    ("0001_Modern.txt", "x", "spouse", "y"),  # document outside the years: ignored
]


def test_per_predicate_counts(tmp_path: Path) -> None:
    out = write_out(tmp_path, FACTS, ENTITIES)
    r = evaluate_redocred(out, [write_gold(tmp_path)], "1900-1960")
    t = r["per_predicate"]
    assert r["docs"] == 1
    assert (t["child_of"]["tp"], t["child_of"]["fp"], t["child_of"]["fn"]) == (1, 1, 1)
    assert (t["spouse"]["tp"], t["spouse"]["fp"], t["spouse"]["fn"]) == (1, 0, 0)
    assert (t["born_on"]["tp"], t["died_on"]["fp"]) == (1, 1)
    assert (t["author_of"]["tp"], t["author_of"]["fp"]) == (1, 0)
    assert t["participated_in"]["tp"] == 1 and t["position_held"]["tp"] == 1
    assert (t["member_of"]["tp"], t["member_of"]["fp"], t["member_of"]["fn"]) == (0, 1, 1)
    assert r["ignored_predictions"] == 1
    assert t["born_in"]["fn"] == 1
    assert (t["ALL"]["tp"], t["ALL"]["fp"], t["ALL"]["fn"]) == (6, 3, 3)
    assert (r["per_rule"]["(no rule)"]["tp"], r["per_rule"]["(no rule)"]["fp"]) == (6, 3)
    assert r["gold_by_property"]["P22"] == 1 and "P40" not in r["gold_by_property"]


def test_all_documents_without_years(tmp_path: Path) -> None:
    out = write_out(tmp_path, FACTS, ENTITIES)
    r = evaluate_redocred(out, [write_gold(tmp_path)])
    assert r["docs"] == 2 and r["per_predicate"]["spouse"]["fn"] == 1
    assert r["docs_without_output"] == []


def test_wrong_birth_date_does_not_match(tmp_path: Path) -> None:
    out = write_out(tmp_path, [(D0, "anna", "born_on", "1921-06-03")], ENTITIES)
    r = evaluate_redocred(out, [write_gold(tmp_path)], "1900-1960")
    assert r["per_predicate"]["born_on"]["fp"] == 1


def test_dates() -> None:
    assert date_parts("May 3, 1921") == (1921, 5, 3)
    assert date_parts("1921") == (1921, None, None)
    assert date_parts("the 1920s") is None
    assert dates_compatible((1921, 5, 3), (1921, 5, None))
    assert not dates_compatible((1921, 5, 3), (1922, None, None))


def test_years_and_bad_gold(tmp_path: Path) -> None:
    assert parse_years("1900-1960") == (1900, 1960)
    with pytest.raises(GoldError):
        parse_years("1960-1900")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "x"}\n', encoding="utf-8")
    with pytest.raises(GoldError):
        load_redocred([bad])


def test_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = write_out(tmp_path, FACTS, ENTITIES)
    gold = write_gold(tmp_path)
    assert main(["evaluate", str(out), "--redocred", str(gold), "--years", "1900-1960"]) == 0
    text = capsys.readouterr().out
    assert "RE-DOCRED RELATIONS" in text and "child_of" in text
    assert main(["evaluate", str(out), "--redocred", str(gold), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["redocred"]["docs"] == 2
    assert "RE-DOCRED" in format_report(data)
