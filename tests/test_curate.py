"""kg.curate: each decision changes a real build's graph as stated; stale decisions are
reported; the file format is checked with errors naming the line."""

from __future__ import annotations

import pytest

import copy

from kg.run.build import BuildOptions, build
from kg.curate import curate, load_curation
from kg.errors import CurationError
from kg.model import KnowledgeGraph
from kg.export.uncertain import split_uncertain

TEXT = ("Nikolai Bukharin wrote to Iosif Stalin on 10 December 1937.\n\n"
        "Stalin accused Ivan Petrov of treason. Karl Radek accused Nikolai Bukharin of treason.\n\n"
        "Ivan Petrov was a member of the Communist Party. Koba met with Karl Radek in Moscow.\n\n"
        "Anna Larina was the wife of Nikolai Bukharin. In 1937 Karl Radek accused Nikolai "
        "Bukharin of sabotage.\n")
WHO = 'by = "A. Historian"\ndate = 2026-12-02\n'


def write_corpus(folder):
    """A folder holding one small letter-like text."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "letters.txt").write_text(TEXT, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def graph(tmp_path_factory) -> KnowledgeGraph:
    folder = write_corpus(tmp_path_factory.mktemp("curate") / "in")
    return build([str(folder)], BuildOptions(min_confidence=0.0))  # every relation in the graph


@pytest.fixture
def apply(graph, tmp_path):
    """Curate the module's graph with a file holding ``body`` after ``version = 1``."""
    def run(body: str) -> tuple[KnowledgeGraph, dict]:
        path = tmp_path / "curation.toml"
        path.write_text("version = 1\n\n" + body, encoding="utf-8")
        return curate(graph, load_curation(path))
    return run


def edges(kg: KnowledgeGraph) -> set[tuple[str, str, str]]:
    return {(r.subject, r.predicate, r.object) for r in kg.relations}


def test_the_graph_has_what_the_tests_correct(graph) -> None:
    assert {("Iosif_Stalin", "met_with", "Karl_Radek"), ("Ivan_Petrov", "accused_by", "Iosif_Stalin"),
            ("Ivan_Petrov", "member_of", "Communist_Party")} <= edges(graph)
    radek = [r for r in graph.relations if (r.subject, r.object) == ("Nikolai_Bukharin", "Karl_Radek")]
    assert len(radek[0].evidence) == 2


def test_reject_by_names_either_direction_moves_the_relation_to_rejected(apply, graph) -> None:
    curated, report = apply(f'[[reject]]\nsubject = "Karl Radek"\npredicate = "met_with"\n'
                            f'object = "Koba"\n{WHO}note = "They met in Berlin"\n')
    assert ("Iosif_Stalin", "met_with", "Karl_Radek") not in edges(curated)
    [gone] = curated.rejected
    assert (gone.subject, gone.predicate, gone.object) == ("Iosif_Stalin", "met_with", "Karl_Radek")
    assert (gone.review.status, gone.review.by, gone.review.date, gone.review.note) == \
        ("rejected", "A. Historian", "2026-12-02", "They met in Berlin")
    assert gone.evidence[0].quote == "Koba met with Karl Radek in Moscow."
    assert report == {"version": 1, "decisions": 1, "applied": 1, "stale": []}
    assert ("Iosif_Stalin", "met_with", "Karl_Radek") in edges(graph)  # the input is not changed


def test_reject_with_a_quote_rejects_only_that_evidence(apply) -> None:
    curated, _ = apply(f'[[reject]]\nsubject = "Nikolai_Bukharin"\npredicate = "accused_by"\n'
                       f'object = "Karl_Radek"\ndocument = "letters.txt"\nquote = "of  sabotage"\n{WHO}')
    [kept] = [r for r in curated.relations if r.predicate == "accused_by" and r.object == "Karl_Radek"]
    assert [e.quote for e in kept.evidence] == ["Karl Radek accused Nikolai Bukharin of treason."]
    assert [e.quote for e in curated.rejected[0].evidence] == [
        "In 1937 Karl Radek accused Nikolai Bukharin of sabotage."]


def test_accept_marks_the_relation_reviewed(apply) -> None:
    curated, _ = apply(f'[[accept]]\nsubject = "Ivan Petrov"\npredicate = "accused_by"\n'
                       f'object = "Iosif_Stalin"\ndocument = "letters-1"\nquote = "Stalin accused Ivan Petrov"\n{WHO}')
    [rel] = [r for r in curated.relations if r.subject == "Ivan_Petrov" and r.predicate == "accused_by"]
    assert rel.review.status == "accepted" and rel.review.by == "A. Historian"
    assert all(r.review is None for r in curated.relations if r is not rel)


ACCEPT_PETROV = (f'[[accept]]\nsubject = "Ivan Petrov"\npredicate = "accused_by"\nobject = "Iosif_Stalin"\n'
                 f'{WHO}')
PETROV = ("Ivan_Petrov", "accused_by", "Iosif_Stalin")


@pytest.mark.parametrize("keep", [False, True], ids=["left-out", "kept"])
def test_accept_brings_an_uncertain_relation_into_the_graph_as_reviewed(graph, tmp_path, keep) -> None:
    doubtful = split_uncertain(copy.deepcopy(graph), 1.0, keep)  # every relation below 1.0
    path = tmp_path / "curation.toml"
    path.write_text("version = 1\n\n" + ACCEPT_PETROV, encoding="utf-8")
    curated, report = curate(doubtful, load_curation(path))
    [rel] = [r for r in curated.relations if (r.subject, r.predicate, r.object) == PETROV]
    assert (rel.uncertain, rel.review.status, report["stale"]) == (False, "accepted", [])
    others = [r for r in curated.relations if r is not rel]
    assert all(r.uncertain for r in others) if keep else not others
    assert len(curated.uncertain) == (0 if keep else len(graph.relations) - 1)


def test_reject_of_an_uncertain_relation_moves_it_to_rejected(graph, tmp_path) -> None:
    doubtful = split_uncertain(copy.deepcopy(graph), 1.0)
    path = tmp_path / "curation.toml"
    path.write_text("version = 1\n\n" + ACCEPT_PETROV.replace("accept", "reject"), encoding="utf-8")
    curated, _ = curate(doubtful, load_curation(path))
    assert [(r.subject, r.predicate, r.object) for r in curated.rejected] == [PETROV]
    assert PETROV not in {(r.subject, r.predicate, r.object) for r in curated.uncertain + curated.relations}


def test_merge_keeps_the_named_id_and_moves_names_mentions_and_relations(apply, graph) -> None:
    curated, _ = apply(f'[[merge]]\nkeep = "Karl_Radek"\nentities = ["Ivan Petrov"]\n{WHO}')
    assert "Ivan_Petrov" not in curated.entities
    radek, count = curated.entities["Karl_Radek"], sum(
        graph.entities[e].mention_count for e in ("Karl_Radek", "Ivan_Petrov"))
    assert "Ivan Petrov" in radek.aliases and radek.mention_count == count
    assert {("Karl_Radek", "accused_by", "Iosif_Stalin"), ("Karl_Radek", "member_of", "Communist_Party")} \
        <= edges(curated)
    assert not any("Ivan_Petrov" in (r.subject, r.object) for r in curated.relations)
    assert {m.entity for m in curated.mentions if m.text == "Ivan Petrov"} == {"Karl_Radek"}
    assert {m.entity for m in graph.mentions if m.text == "Ivan Petrov"} == {"Ivan_Petrov"}  # input kept


def test_merge_turning_a_relation_into_a_loop_drops_it(apply) -> None:
    curated, _ = apply(f'[[merge]]\nkeep = "Iosif_Stalin"\nentities = ["Karl_Radek"]\n{WHO}')
    assert all(r.subject != r.object for r in curated.relations)
    assert ("Nikolai_Bukharin", "accused_by", "Iosif_Stalin") in edges(curated)


def test_split_moves_the_names_that_leave_and_the_evidence_that_quotes_them(apply) -> None:
    curated, _ = apply(f'[[split]]\nentity = "Iosif_Stalin"\nnames = ["Koba"]\nnew_id = "Koba"\n{WHO}')
    koba, stalin = curated.entities["Koba"], curated.entities["Iosif_Stalin"]
    assert (koba.label, koba.type, koba.mention_count) == ("Koba", "PERSON", 1)
    assert "Koba" not in stalin.aliases and stalin.mention_count == 2
    assert ("Karl_Radek", "met_with", "Koba") in edges(curated)  # symmetric: ids in order
    assert ("Nikolai_Bukharin", "wrote_to", "Iosif_Stalin") in edges(curated)
    assert {m.entity for m in curated.mentions if m.text == "Koba"} == {"Koba"}


def test_split_by_mention_offsets(apply) -> None:
    start = TEXT.index("Koba")
    curated, report = apply(f'[[split]]\nentity = "Iosif_Stalin"\nlabel = "Koba (the nickname)"\n'
                            f'mentions = [{{document = "letters.txt", start = {start}, end = {start + 4}}}]\n{WHO}')
    assert report["stale"] == [] and curated.entities["Koba_the_nickname"].label == "Koba (the nickname)"


@pytest.mark.parametrize("body, check", [
    ('[[relabel]]\nentity = "Koba"\nlabel = "Joseph Stalin"\n',
     lambda kg: kg.entities["Iosif_Stalin"].label == "Joseph Stalin"
     and "Iosif Vissarionovich Stalin" in kg.entities["Iosif_Stalin"].aliases),
    ('[[retype]]\nentity = "Communist_Party"\ntype = "GROUP"\n',
     lambda kg: kg.entities["Communist_Party"].type == "GROUP"
     and {m.type for m in kg.mentions if m.entity == "Communist_Party"} == {"GROUP"}),
])
def test_relabel_and_retype_keep_the_id(apply, body, check) -> None:
    curated, report = apply(body + WHO)
    assert check(curated) and report["stale"] == []


def test_add_quotes_the_document_with_offsets(apply) -> None:
    quote = "Karl Radek accused Nikolai Bukharin of treason."
    curated, _ = apply(f'[[add]]\nsubject = "Karl_Radek"\npredicate = "member_of"\n'
                       f'object = "Communist Party"\ndocument = "letters.txt"\nquote = "{quote}"\n{WHO}')
    [rel] = [r for r in curated.relations if (r.subject, r.predicate) == ("Karl_Radek", "member_of")]
    [ev] = rel.evidence
    assert (rel.object, rel.review.status, ev.rule, ev.confidence) == ("Communist_Party", "added", "curation.add", 1.0)
    assert TEXT[ev.start:ev.end] == quote == ev.quote and ev.prefix.endswith("treason. ")


def test_decisions_that_match_nothing_are_stale(apply) -> None:
    curated, report = apply(
        f'[[reject]]\nsubject = "Lev Trotsky"\npredicate = "accused_by"\nobject = "Iosif_Stalin"\n{WHO}\n'
        f'[[add]]\nsubject = "Karl_Radek"\npredicate = "member_of"\nobject = "Communist_Party"\n'
        f'document = "letters.txt"\nquote = "Radek joined the party"\n{WHO}\n'
        f'[[merge]]\nkeep = "Karl_Radek"\nentities = ["Grigorii Zinoviev"]\n{WHO}')
    assert [(s["line"], s["kind"]) for s in report["stale"]] == [(3, "reject"), (10, "add"), (19, "merge")]
    assert "quote is not in letters.txt" in report["stale"][1]["why"]
    assert report["applied"] == 0 and not curated.rejected


def test_an_ambiguous_name_is_stale_and_says_why(apply) -> None:
    curated, report = apply(f'[[relabel]]\nentity = "Iosif_Stalin"\nlabel = "Ivan Petrov"\n{WHO}\n'
                            f'[[retype]]\nentity = "Ivan Petrov"\ntype = "GROUP"\n{WHO}')
    [stale] = report["stale"]
    assert stale["kind"] == "retype" and "fits several entities: Iosif_Stalin, Ivan_Petrov" in stale["why"]


@pytest.mark.parametrize("text, line, message", [
    ('[[reject]]\nsubject = "A"\n', 1, "missing 'version = 1'"),
    ('version = 2\n', 1, "unsupported version 2"),
    ('version = 1\n\n[[delete]]\nentity = "A"\n', 3, "unknown decision kind 'delete'"),
    (f'version = 1\n[[relabel]]\nentity = "A"\nlabel = "B"\ncolour = "red"\n{WHO}', 5, "unknown field 'colour'"),
    (f'version = 1\n[[relabel]]\nentity = "A"\n{WHO}', 2, "missing field 'label'"),
    ('version = 1\n[[relabel]]\nentity = "A"\nlabel = "B"\nby = "X"\ndate = "2 Dec"\n', 6, "date must be a date"),
    (f'version = 1\n[[retype]]\nentity = "A"\ntype = "ANIMAL"\n{WHO}', 4, "type must be one of"),
    (f'version = 1\n[[merge]]\nkeep = "A"\nentities = "B"\n{WHO}', 4, "entities must be a non-empty list"),
    ('version = 1\n[[reject]\n', 2, "invalid TOML"),
    (f'version = 1\n\n[relabel]\nentity = "A"\nlabel = "B"\n{WHO}', 3, "write each decision as a [[relabel]]"),
    ('version = 1\n\n[colour]\nred = 1\n', 3, "unknown decision kind 'colour'"),
])
def test_malformed_files_name_the_line(tmp_path, text, line, message) -> None:
    path = tmp_path / "curation.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CurationError) as err:
        load_curation(path)
    assert err.value.line == line and message in str(err.value) and f"[line {line}]" in str(err.value)


@pytest.mark.parametrize("module", ["kg.curate", "kg.curate.fileformat", "kg.curate.lookup",
                                    "kg.export.rdf_review"])
def test_docstring_examples_run(module) -> None:
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0


def test_the_page_writes_the_format_version_this_histkg_reads() -> None:
    import re
    from importlib import resources

    from kg.curate import format_version

    script = resources.files("kg.export").joinpath("html_assets", "curate.js").read_text("utf-8")
    assert re.search(r"FORMAT_VERSION = (\d+);", script).group(1) == str(format_version())


class CountingPattern:
    """A compiled pattern that counts its ``match`` calls (the line scans of the loader)."""

    def __init__(self, pattern) -> None:
        self.pattern, self.calls = pattern, 0

    def match(self, line: str):
        self.calls += 1
        return self.pattern.match(line)


@pytest.mark.parametrize("layout", ["one per line", "one line"])
def test_inline_array_decisions_load_in_linear_time(tmp_path, monkeypatch, layout):
    """2,000 decisions in an inline array: each line is scanned a bounded number of times,
    not once per decision (4 million scans when quadratic)."""
    import kg.curate.fileformat as fileformat

    counting = CountingPattern(fileformat._HEADER)
    monkeypatch.setattr(fileformat, "_HEADER", counting)
    n = 2000
    entries = [f'{{subject = "p{i}", predicate = "met_with", object = "p{i + 1}", by = "A", date = 2026-12-02}}'
               for i in range(n)]
    sep = ",\n  " if layout == "one per line" else ", "
    path = tmp_path / "curation.toml"
    path.write_text(f"version = 1\nreject = [\n  {sep.join(entries)}\n]\n", encoding="utf-8")
    decisions = load_curation(path)
    assert [d.fields["subject"] for d in decisions[:2]] == ["p0", "p1"] and len(decisions) == n
    assert {d.line for d in decisions} == {2}
    assert counting.calls <= 2 * (n + 4)


def test_a_curation_file_with_a_byte_order_mark_loads(tmp_path):
    path = tmp_path / "curation.toml"
    path.write_bytes(b"\xef\xbb\xbf" + b'version = 1\n[[relabel]]\nentity = "Koba"\nlabel = "Stalin"\n'
                     b'by = "A"\ndate = 2026-12-02\n')
    assert [(d.kind, d.line) for d in load_curation(path)] == [("relabel", 2)]


def test_an_endless_curation_file_is_refused_not_read_to_the_end():
    with pytest.raises(CurationError, match="MiB"):
        load_curation("/dev/zero")


ADD = ('[[add]]\nsubject = "Karl_Radek"\npredicate = "{predicate}"\nobject = "{object}"\n{kind}'
       'document = "letters.txt"\nquote = "Karl Radek accused Nikolai Bukharin of treason."\n')


@pytest.mark.parametrize("predicate,obj,kind,message", [
    ("praised", "Communist Party", "", "unknown predicate 'praised'"),
    ("born_on", "the spring", 'object_kind = "date"\n', "is not a date"),
])
def test_an_add_with_an_unknown_predicate_or_a_non_date_is_refused(apply, predicate, obj, kind, message) -> None:
    with pytest.raises(CurationError, match=message) as err:
        apply(ADD.format(predicate=predicate, object=obj, kind=kind) + WHO)
    assert err.value.line in (5, 6)


def test_an_add_from_an_entity_to_itself_is_stale_not_applied(apply) -> None:
    curated, report = apply(ADD.format(predicate="met_with", object="Karl Radek", kind="") + WHO)
    assert report["applied"] == 0 and "same entity" in report["stale"][0]["why"]
    assert not [r for r in curated.relations if r.subject == r.object == "Karl_Radek"]
