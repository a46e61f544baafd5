"""Entities on period prose (issue 12): titles, parties, spellings, guards against false merges.

Sentences are written for these tests; each document is built with the real pipeline.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import kg

DOCS = {
    "exile.txt": (
        "In 1917 Kerensky fled from Petrograd. Madame Kerensky was arrested a week later "
        "and questioned about her husband.\n\n"
        "Madame Kollontai spoke at the meeting. Alexandra Kollontai had returned from Norway.\n"),
    "family.txt": (
        "Anna Ulyanova wrote to the committee. Vladimir Ulyanov was then living abroad.\n\n"
        "Trotzky addressed the soldiers. Later Trotsky left for the front.\n"),
    "journey.txt": (
        "We reached Koenigsberg in March 1923. From Koenigsberg the train went on to Riga.\n\n"
        "The Bolsheviki held the bridges. Grand Duke Sergei Mikhailovich was arrested in the town.\n"
        "The Germans watched the Mensheviki leave the hall.\n\n"
        "After the Revolution the war of 1870 was forgotten; the Korniloff conspiracy failed.\n"),
    "berlin.txt": "The Revolution came to Berlin in November. Emil Kessler led it. Kessler was shot.\n",
}


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> kg.Graph:
    root = tmp_path_factory.mktemp("prose")
    for name, text in DOCS.items():
        (root / name).write_text(text, encoding="utf-8")
    return kg.build_graph(root, cache_dir=None) if _takes_cache_dir() else kg.build_graph(root)


def _takes_cache_dir() -> bool:
    from dataclasses import fields

    from kg.run.build import BuildOptions
    return "cache_dir" in {f.name for f in fields(BuildOptions)}


def _entity_of(graph: kg.Graph, text: str) -> set[str]:
    m = graph.mentions
    return set(m[m["text"] == text]["entity"])


def _type_of(graph: kg.Graph, text: str) -> set[str]:
    m = graph.mentions
    return set(m[m["text"] == text]["type"])


def test_madame_x_is_not_the_man_x(graph: kg.Graph) -> None:
    assert _entity_of(graph, "Madame Kerensky") and _entity_of(graph, "Kerensky")
    assert _entity_of(graph, "Madame Kerensky").isdisjoint(_entity_of(graph, "Kerensky"))


def test_madame_x_is_the_woman_x(graph: kg.Graph) -> None:
    assert _entity_of(graph, "Madame Kollontai") == _entity_of(graph, "Alexandra Kollontai")


def test_sister_is_not_merged_into_brother(graph: kg.Graph) -> None:
    anna, vladimir = _entity_of(graph, "Anna Ulyanova"), _entity_of(graph, "Vladimir Ulyanov")
    assert anna and vladimir and anna.isdisjoint(vladimir)


def test_period_spelling_is_one_person(graph: kg.Graph) -> None:
    assert _entity_of(graph, "Trotzky") == _entity_of(graph, "Trotsky")


def test_label_is_the_name_the_source_uses(graph: kg.Graph) -> None:
    ents = graph.entities
    (eid,) = _entity_of(graph, "Koenigsberg")
    assert ents[ents["id"] == eid]["label"].item() == "Koenigsberg"


@pytest.mark.parametrize("text,etype", [("Bolsheviki", "ORG"), ("Mensheviki", "ORG"),
                                        ("Grand Duke Sergei Mikhailovich", "PERSON")])
def test_types_of_parties_and_titled_persons(graph: kg.Graph, text: str, etype: str) -> None:
    assert _type_of(graph, text) == {etype}


def test_nationalities_are_not_groups(graph: kg.Graph) -> None:
    assert "Germans" not in set(graph.mentions["text"])


@pytest.mark.parametrize("text", ["war of 1870", "Korniloff conspiracy", "Revolution"])
def test_events_named_by_year_leader_or_the_word_revolution(graph: kg.Graph, text: str) -> None:
    assert _type_of(graph, text) == {"EVENT"}


def test_a_bare_event_word_is_not_merged_across_documents(graph: kg.Graph) -> None:
    m = graph.mentions
    rows = m[m["text"] == "Revolution"]
    assert rows["doc"].nunique() == 2 and rows["entity"].nunique() == 2


def test_a_full_name_settles_its_surname(graph: kg.Graph) -> None:
    assert _type_of(graph, "Kessler") == {"PERSON"}
    assert _entity_of(graph, "Kessler") == _entity_of(graph, "Emil Kessler")


def test_merges_by_surname_only_are_listed_for_review(graph: kg.Graph) -> None:
    weak = {w["entity"]: w for w in graph.report["weak_merges"]}
    (eid,) = _entity_of(graph, "Kessler")
    assert eid in weak and any(r.startswith("short name") for r in weak[eid]["reasons"])


@pytest.mark.parametrize("spelling,person", [("Lenine", "Vladimir_Lenin"), ("Zinovieff", "Grigorii_Zinoviev"),
                                             ("Kameneff", "Lev_Kamenev")])
def test_period_spellings_of_known_persons_are_found(spelling: str, person: str) -> None:
    from kg.annotate.pipeline import load_pipeline

    doc = load_pipeline()(f"{spelling}'s paper was seized and the hall was closed.")
    assert (spelling, "PERSON", person) in {(e.text, e.label_, e.kb_id_) for e in doc.ents}


def test_a_pattern_never_cuts_a_longer_name() -> None:
    from kg.annotate.pipeline import load_pipeline

    doc = load_pipeline()("He served with the Royal Air Force during World War II and came home.")
    assert ("World War II", "EVENT") in {(e.text, e.label_) for e in doc.ents}


@pytest.mark.parametrize("text,name,etype", [
    ("Eva Bosakova (18 December 1931 in Mlada Boleslav – 10 November 1991 in Prague) was a gymnast.",
     "Eva Bosakova", "PERSON"),
    ("Petrograd (1914–1924) was the capital.", "Petrograd", "PLACE"),
])
def test_a_lifespan_bracket_makes_a_name_a_persons(text: str, name: str, etype: str) -> None:
    from kg.annotate.pipeline import load_pipeline

    doc = load_pipeline()(text)
    assert (name, etype) in {(e.text, e.label_) for e in doc.ents}
