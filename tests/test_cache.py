"""Incremental builds: only changed files are parsed again; changed rules re-link from cached Docs."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from kg.run.cache import BuildCache, pack_docs, unpack_docs
from kg.run.cache_format import dumps, loads
from kg.cli import main
from tests.test_build_parallel import TEXTS, assert_same_outputs, build_to, write_corpus

RULE = """[[rule]]
id = "spouse.extra_{name}.v1"
predicate = "spouse"
kind = "dependency"
trigger = ["marry"]
trigger_pos = ["VERB"]
subject_paths = [">nsubj"]
object_paths = [">dobj"]
"""


def counts(report: dict) -> tuple[int, int, int]:
    """(annotate hits, annotate misses, files re-linked)."""
    cache = report["cache"]
    return cache["hits"], cache["misses"], cache["link_misses"]


def test_only_the_changed_file_is_parsed_again(tmp_path):
    corpus = write_corpus(tmp_path / "in", {k: TEXTS[k] for k in ("a.txt", "b.txt", "c.txt")})
    cache = str(tmp_path / "cache")
    assert counts(build_to(corpus, tmp_path / "o1", cache_dir=cache)) == (0, 3, 3)
    assert counts(build_to(corpus, tmp_path / "o2", cache_dir=cache)) == (3, 0, 0)
    assert_same_outputs(tmp_path / "o1", tmp_path / "o2")
    with (corpus / "b.txt").open("a", encoding="utf-8") as fh:
        fh.write("\nLev Kamenev married Olga Bronstein.\n")
    assert counts(build_to(corpus, tmp_path / "o3", cache_dir=cache)) == (2, 1, 1)
    build_to(corpus, tmp_path / "fresh")
    assert_same_outputs(tmp_path / "o3", tmp_path / "fresh")


def test_a_changed_rule_relinks_without_parsing(tmp_path):
    corpus = write_corpus(tmp_path / "in", {k: TEXTS[k] for k in ("a.txt", "b.txt")})
    rules = tmp_path / "extra.toml"
    rules.write_text(RULE.format(name="marry"), encoding="utf-8")
    cache = str(tmp_path / "cache")
    build_to(corpus, tmp_path / "o1", cache_dir=cache, rules=(str(rules),))
    rules = tmp_path / "changed.toml"  # a new path: load_toml caches parsed files by path
    rules.write_text(RULE.format(name="wed"), encoding="utf-8")
    report = build_to(corpus, tmp_path / "o2", cache_dir=cache, rules=(str(rules),))
    assert counts(report) == (2, 0, 2)
    graph = (tmp_path / "o2" / "graph.ttl").read_text(encoding="utf-8")
    assert "spouse.extra_wed.v1" in graph and "spouse.extra_marry.v1" not in graph
    build_to(corpus, tmp_path / "fresh", rules=(str(rules),))
    assert_same_outputs(tmp_path / "o2", tmp_path / "fresh")


def test_cli_caches_in_the_out_folder_unless_told_not_to(tmp_path):
    corpus = write_corpus(tmp_path / "in", {"a.txt": TEXTS["a.txt"]})
    out = tmp_path / "out"
    assert main(["build", str(corpus), "--out", str(out), "-q"]) == 0
    assert any((out / ".cache").iterdir())
    assert main(["build", str(corpus), "--out", str(tmp_path / "o2"), "-q", "--no-cache"]) == 0
    assert not (tmp_path / "o2" / ".cache").exists()
    elsewhere = tmp_path / "elsewhere"
    assert main(["build", str(corpus), "--out", str(out), "-q", "-j", "2", "--cache-dir", str(elsewhere)]) == 0
    assert any(elsewhere.iterdir())


def test_docs_round_trip_with_their_extension_data(nlp):
    docs = list(nlp.pipe(["Koba wrote to Kamenev in June 1937.", "Lev Kamenev married Olga Bronstein."]))
    back = unpack_docs(nlp.vocab, pack_docs(docs))
    for doc, copy in zip(docs, back):
        assert [(t.text, t.lemma_, t.pos_, t.tag_, t.dep_, t.head.i, t.norm_) for t in doc] == \
               [(t.text, t.lemma_, t.pos_, t.tag_, t.dep_, t.head.i, t.norm_) for t in copy]
        assert [(e.text, e.label_, e.kb_id_) for e in doc.ents] == [(e.text, e.label_, e.kb_id_) for e in copy.ents]
        assert [s.text for s in doc.sents] == [s.text for s in copy.sents]
        assert copy._.kg_dates == doc._.kg_dates and copy._.kg_origin == doc._.kg_origin


@pytest.mark.parametrize("damaged", [b"not an entry", b"KGC1\x93\x01", b"KGC1\xc7\x01\x63\x00",
                                     dumps({"x": 1}), dumps([("not a document", [], [])])])
def test_a_broken_entry_is_a_miss(tmp_path, damaged):
    cache = BuildCache(tmp_path)
    cache.put("k", "ann", [])
    assert cache.get("k", "ann") == []
    (tmp_path / "k.ann").write_bytes(damaged)
    assert cache.get("k", "ann") is None and cache.get("missing", "link") is None
    assert BuildCache(None).get("k", "ann") is None


class Payload:
    """A pickle that creates a file when it is loaded (what a crafted cache entry would do)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def test_a_crafted_pickle_entry_does_not_run(tmp_path):
    corpus = write_corpus(tmp_path / "in", {k: TEXTS[k] for k in ("a.txt", "b.txt")})
    cache = tmp_path / "cache"
    build_to(corpus, tmp_path / "o1", cache_dir=str(cache))
    marker = tmp_path / "ran"
    for entry in cache.iterdir():
        entry.write_bytes(pickle.dumps(Payload(marker)))
    assert counts(build_to(corpus, tmp_path / "o2", cache_dir=str(cache))) == (0, 2, 2)
    assert not marker.exists()
    assert_same_outputs(tmp_path / "o1", tmp_path / "o2")


@pytest.mark.parametrize("damage", ["truncated", "bad docs"])
def test_a_damaged_entry_and_a_changed_rule_parse_again(tmp_path, damage):
    corpus = write_corpus(tmp_path / "in", {"a.txt": TEXTS["a.txt"]})
    cache = tmp_path / "cache"
    rules = tmp_path / "extra.toml"
    rules.write_text(RULE.format(name="marry"), encoding="utf-8")
    build_to(corpus, tmp_path / "o1", cache_dir=str(cache), rules=(str(rules),))
    for entry in cache.glob("*.ann"):
        data = entry.read_bytes()
        bad = [(doc, mentions, [[1, 2]]) for doc, mentions, _ in loads(data)]
        entry.write_bytes(data[:len(data) // 2] if damage == "truncated" else dumps(bad))
    rules = tmp_path / "changed.toml"
    rules.write_text(RULE.format(name="wed"), encoding="utf-8")
    build_to(corpus, tmp_path / "o2", cache_dir=str(cache), rules=(str(rules),))
    build_to(corpus, tmp_path / "fresh", rules=(str(rules),))
    assert_same_outputs(tmp_path / "o2", tmp_path / "fresh")


def test_selectively_parsed_docs_round_trip(nlp):
    from kg.annotate import annotate_document
    from kg.link.check import sentence_document

    text = "It rained. The show trial of Kamenev and Zinoviev opened in Moscow in August 1936."
    docs = [d for _, d in annotate_document(nlp, sentence_document(text), text, lambda s: "trial" in s.text).docs]
    back = unpack_docs(nlp.vocab, pack_docs(docs))
    for doc, copy in zip(docs, back):
        assert [(t.lemma_, t.dep_, t.head.i, str(t.morph)) for t in doc] == \
               [(t.lemma_, t.dep_, t.head.i, str(t.morph)) for t in copy]
        assert [(s.text, s.label_) for s in doc.spans["kg_nested"]] == [(s.text, s.label_) for s in copy.spans["kg_nested"]]
        assert [s.text for s in doc.sents] == [s.text for s in copy.sents]
        assert copy._.kg_sentences == doc._.kg_sentences


def test_a_changed_calibration_relinks_but_does_not_parse(tmp_path, monkeypatch):
    import kg.run.cache

    model = {"name": "m", "version": "1"}
    calibration = tmp_path / "calibration.toml"
    calibration.write_text("version = 1\n", encoding="utf-8")
    monkeypatch.setattr(kg.run.cache, "CALIBRATION", calibration)
    before = kg.run.cache.cache_versions(model, [], [])
    calibration.write_text("version = 1\nthreshold = 0.5\n", encoding="utf-8")
    after = kg.run.cache.cache_versions(model, [], [])
    assert before.annotate == after.annotate and before.link != after.link


def _kg_imports(folder):
    """The kg modules imported by the .py files under kg/<folder>, as paths relative to kg/."""
    import ast

    from kg.run.cache import KG_DIR

    found = set()
    for path in (KG_DIR / folder).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module] if isinstance(node, ast.ImportFrom) and node.module else \
                [a.name for a in node.names] if isinstance(node, ast.Import) else []
            for name in (n for n in names if n.startswith("kg.")):
                parts = name.split(".")[1:]
                module = KG_DIR.joinpath(*parts)
                found.add(f"{'/'.join(parts)}.py" if not module.is_dir() else "/".join(parts))
    return found


@pytest.mark.parametrize("folder", ["read", "annotate", "link"])
def test_every_module_the_cached_steps_import_is_in_the_cache_version(folder):
    from kg.run.cache import ANNOTATE_CODE, LINK_CODE

    covered = ANNOTATE_CODE + LINK_CODE
    outside = {m for m in _kg_imports(folder) if m != "errors.py"  # messages only
               and not any(m == c or m.startswith(c.rstrip("/") + "/") for c in covered)}
    assert not outside, f"kg/{folder} imports {sorted(outside)}: changing them would not invalidate the cache"


def test_cache_versions_name_histkg_files_relative_to_the_package(tmp_path):
    from kg.run.cache import KG_DIR, _name

    assert _name(KG_DIR / "link" / "engine.py") == "link/engine.py"
    assert _name(tmp_path / "rules.toml") == str(tmp_path / "rules.toml")
