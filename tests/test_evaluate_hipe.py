"""Tests of the HIPE-2022 NER scorer (`kg evaluate --hipe`) on tiny invented fixtures."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from kg.cli import main
from kg.errors import GoldError
from kg.evaluate import evaluate_hipe, format_report
from kg.evaluate.hipe import load_hipe, parse_types, score_entities

HEADER = ("TOKEN\tNE-COARSE-LIT\tNE-COARSE-METO\tNE-FINE-LIT\tNE-FINE-METO\tNE-FINE-COMP\t"
          "NE-NESTED\tNEL-LIT\tNEL-METO\tMISC")

# doc1 text: "Hon. Ada Brown left Lon-\ndon for Paris.\n"
DOC1 = [("Hon", "B-pers", "NoSpaceAfter"), (".", "I-pers", "_"), ("Ada", "I-pers", "_"),
        ("Brown", "I-pers", "_"), ("left", "O", "_"), ("Lon-", "B-loc", "EndOfLine"),
        ("don", "I-loc", "_"), ("for", "O", "_"), ("#", "O", "_"),
        ("Paris", "B-loc", "NoSpaceAfter"), (".", "O", "EndOfLine")]
# doc2 text: "The Acme Mill Company met the Board .\n"
DOC2 = [("The", "O", "_"), ("Acme", "B-org", "_"), ("Mill", "I-org", "_"),
        ("Company", "I-org", "_"), ("met", "O", "_"), ("the", "O", "_"),
        ("Board", "B-prod", "_"), (".", "O", "EndOfLine")]
TEXT1 = "Hon. Ada Brown left Lon-\ndon for Paris.\n"
TEXT2 = "The Acme Mill Company met the Board .\n"


def write_tsv(path: Path) -> Path:
    lines = [HEADER]
    for doc_id, rows in (("d1", DOC1), ("d2", DOC2)):
        lines += [f"# hipe2022:document_id = {doc_id}", "# hipe2022:date = 1900-01-01"]
        lines += [f"{tok}\t{tag}\tO\t_\t_\t_\t_\t_\t_\t{misc}" for tok, tag, misc in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_jsonl(path: Path) -> Path:
    docs = [{"doc_id": "d1", "text": TEXT1, "entities": [
                {"start": 0, "end": 14, "type": "pers", "text": "Hon. Ada Brown"},
                {"start": 20, "end": 28, "type": "loc", "text": "Lon-\ndon"},
                {"start": 33, "end": 38, "type": "loc", "text": "Paris"}]},
            {"doc_id": "d2", "text": TEXT2, "entities": [
                {"start": 4, "end": 21, "type": "org", "text": "Acme Mill Company"},
                {"start": 30, "end": 35, "type": "prod", "text": "Board"}]}]
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


def write_out(root: Path, mentions: list[tuple[str, int, int, str]]) -> Path:
    """A fake build output; mentions are (doc file, start, end, our type)."""
    out = root / "out"
    out.mkdir()
    texts = {"d1.txt": TEXT1, "d2.txt": TEXT2}
    with (out / "mentions.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc", "start", "end", "text", "type", "entity", "value"])
        for doc, s, e, t in mentions:
            w.writerow([doc, s, e, texts[doc][s:e], t, "", ""])
    (out / "entities.csv").write_text("id,type,label,aliases,wikidata\n", encoding="utf-8")
    (out / "relations.csv").write_text("doc,subject,predicate,object\n", encoding="utf-8")
    return out


PREDICTIONS = [
    ("d1.txt", 5, 14, "PERSON"),    # "Ada Brown": strict miss (title), fuzzy hit
    ("d1.txt", 20, 23, "PLACE"),    # "Lon": inside token "Lon-" → token span = first half
    ("d1.txt", 33, 38, "ORG"),      # "Paris" as ORG: wrong type
    ("d1.txt", 25, 28, "DATE"),     # not a scored type: ignored
    ("d2.txt", 4, 21, "ORG"),       # exact
    ("d2.txt", 26, 29, "PERSON"),   # "the": spurious
]


def test_tsv_text_and_offsets_match_the_corpus_rule(tmp_path: Path) -> None:
    docs = load_hipe([write_tsv(tmp_path / "g.tsv")])
    assert [d.text for d in docs] == [TEXT1, TEXT2]        # '#' token skipped
    d1 = docs[0]
    assert d1.entities == [("pers", 0, 3), ("loc", 5, 6), ("loc", 8, 8)]
    assert [d1.text[d1.tokens[i][0]:d1.tokens[i][1]] for i in (5, 6, 8)] == ["Lon-", "don", "Paris"]


def test_strict_and_fuzzy_counts(tmp_path: Path) -> None:
    out = write_out(tmp_path, PREDICTIONS)
    r = evaluate_hipe(out, [write_tsv(tmp_path / "g.tsv")])
    s, f = r["strict"], r["fuzzy"]
    assert r["gold_entities"] == 4                          # prod left out by default
    # pers: wrong span → strict FP+FN, fuzzy TP
    assert (s["pers"]["tp"], s["pers"]["fp"], s["pers"]["fn"]) == (0, 2, 1)
    assert (f["pers"]["tp"], f["pers"]["fp"], f["pers"]["fn"]) == (1, 1, 0)
    # loc: "Lon" (wrong span, right type) and Paris typed ORG (incorrect, counted under loc)
    assert (s["loc"]["tp"], s["loc"]["fp"], s["loc"]["fn"]) == (0, 2, 2)
    assert (f["loc"]["tp"], f["loc"]["fp"], f["loc"]["fn"]) == (1, 1, 1)
    assert (s["org"]["tp"], s["org"]["fp"], s["org"]["fn"]) == (1, 0, 0)
    assert (s["ALL"]["tp"], s["ALL"]["fp"], s["ALL"]["fn"]) == (1, 4, 3)
    assert (f["ALL"]["tp"], f["ALL"]["fp"], f["ALL"]["fn"]) == (3, 2, 1)
    assert f["ALL"]["precision"] == 0.6 and f["ALL"]["recall"] == 0.75


def test_jsonl_gold_gives_the_same_numbers(tmp_path: Path) -> None:
    out = write_out(tmp_path, PREDICTIONS)
    a = evaluate_hipe(out, [write_tsv(tmp_path / "g.tsv")], "all")
    b = evaluate_hipe(out, [write_jsonl(tmp_path / "g.jsonl")], "all")
    for scheme in ("strict", "fuzzy"):
        assert a[scheme] == b[scheme]
    assert a["gold_entities"] == 5 and a["strict"]["prod"]["fn"] == 1


def test_one_gold_is_overlapped_only_once() -> None:
    gold = [("pers", 0, 3)]
    res = score_entities(gold, [("pers", 0, 1), ("pers", 2, 3)])
    assert res["total"]["fuzzy"].tp == 1 and res["total"]["fuzzy"].fp == 1
    assert res["total"]["fuzzy"].fn == 0                   # no "missed" for an overlapped gold
    assert [k for _p, k, _g in res["outcome"]] == ["wrong span", "spurious"]


def test_overlapping_predictions_keep_the_longest(tmp_path: Path) -> None:
    out = write_out(tmp_path, [("d2.txt", 4, 8, "PLACE"), ("d2.txt", 4, 21, "ORG")])
    r = evaluate_hipe(out, [write_tsv(tmp_path / "g.tsv")])
    assert r["strict"]["ALL"]["tp"] == 1 and r["strict"]["ALL"]["fp"] == 0


def test_topres_types_count_as_loc(tmp_path: Path) -> None:
    gold = tmp_path / "t.jsonl"
    gold.write_text(json.dumps({"doc_id": "d2", "text": TEXT2, "entities": [
        {"start": 4, "end": 21, "type": "BUILDING"}]}) + "\n", encoding="utf-8")
    out = write_out(tmp_path, [("d2.txt", 4, 21, "PLACE")])
    r = evaluate_hipe(out, [gold])
    assert r["strict"]["loc"]["tp"] == 1


def test_parse_types() -> None:
    assert parse_types(None) == ("pers", "org", "loc")
    assert parse_types("all") == ("pers", "org", "loc", "prod", "time")
    assert parse_types("PERS, loc") == ("pers", "loc")
    with pytest.raises(GoldError):
        parse_types("person")


def test_bad_gold_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("a\tb\n", encoding="utf-8")
    with pytest.raises(GoldError):
        load_hipe([bad])
    with pytest.raises(GoldError):
        load_hipe([tmp_path / "missing.tsv"])


def test_cli_text_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = write_out(tmp_path, PREDICTIONS)
    gold = write_tsv(tmp_path / "g.tsv")
    assert main(["evaluate", str(out), "--hipe", str(gold)]) == 0
    text = capsys.readouterr().out
    assert "HIPE NER" in text and "strict (same tokens and type)" in text
    assert "most frequent false negatives" in text
    assert main(["evaluate", str(out), "--hipe", str(gold), "--hipe-types", "all", "--json"]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    assert data["hipe"]["types"] == ["pers", "org", "loc", "prod"]   # no time in the gold
    assert "mentions" not in data                          # no seed gold given
    assert format_report(data).startswith("HIPE NER")


def test_cli_needs_some_gold(tmp_path: Path) -> None:
    out = write_out(tmp_path, [])
    assert main(["evaluate", str(out)]) == 2
