"""Readers' names and groups of relation predicates (kg.export.relation_names)."""

from __future__ import annotations

import pytest

from kg.data_files import load_toml
from kg.export.relation_names import ontology_labels, relation_group, relation_groups, relation_label
from kg.vocab import KNOWN_PREDICATES


@pytest.mark.parametrize("predicate", KNOWN_PREDICATES)
def test_every_known_predicate_has_a_readers_name(predicate: str) -> None:
    name = relation_label(predicate)
    assert name == ontology_labels()[predicate] and "_" not in name and name.strip() == name


@pytest.mark.parametrize("predicate,name", [
    ("accused_by", "accused by"), ("asks_forgiveness_of", "asks forgiveness of"),
    ("spouse", "married to"), ("my:comrade_of", "my:comrade of"),
])
def test_names(predicate: str, name: str) -> None:
    assert relation_label(predicate) == name


def test_groups_are_disjoint_and_unknown_predicates_fall_in_the_last() -> None:
    listed = [p for g in load_toml("relation_styles.toml")["group"] for p in g.get("predicates", [])]
    assert len(listed) == len(set(listed))
    assert relation_group("my:comrade_of") == len(relation_groups()) - 1
    assert relation_group("spouse") == relation_group("child_of") != relation_group("wrote_to")
    assert all(g["color"].startswith("#") and g["label"] for g in relation_groups())
