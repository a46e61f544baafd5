"""Readers' names and colours of relation predicates, for the network page.

Names come from the ontology (``ontology/histkg.ttl``): the property whose
``skos:notation`` is the model's snake_case predicate gives its ``rdfs:label``
("accused_by" → "accused by"). A predicate the ontology does not declare (from an extra
rule file) is shown with its underscores as spaces. Colours of relation groups are data
(``kg/data/relation_styles.toml``).

>>> relation_label("asks_forgiveness_of"), relation_label("spouse"), relation_label("x:comrade_of")
('asks forgiveness of', 'married to', 'x:comrade of')
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from rdflib import RDFS, SKOS, Graph

from kg.data_files import load_toml
from kg.vocab import ONTOLOGY_DIR


@lru_cache(maxsize=1)
def ontology_labels() -> dict[str, str]:
    """snake_case predicate → English ``rdfs:label`` of its ontology property."""
    graph = Graph().parse(ONTOLOGY_DIR / "histkg.ttl", format="turtle")
    out: dict[str, str] = {}
    for prop, name in sorted(graph.subject_objects(SKOS.notation)):
        labels = sorted(str(v) for v in graph.objects(prop, RDFS.label)
                        if getattr(v, "language", None) in (None, "en"))
        if labels:
            out[str(name)] = labels[0]
    return out


def relation_label(predicate: str) -> str:
    """The reader's name of a predicate."""
    return ontology_labels().get(predicate) or predicate.replace("_", " ")


def relation_groups() -> list[dict[str, Any]]:
    """The legend's groups, in order: ``label``, ``color`` and their ``predicates``."""
    return [{"label": g["label"], "color": g["color"], "predicates": list(g.get("predicates", []))}
            for g in load_toml("relation_styles.toml")["group"]]


def relation_group(predicate: str) -> int:
    """Index in :func:`relation_groups` of a predicate's group (the last one by default)."""
    groups = relation_groups()
    return next((i for i, g in enumerate(groups) if predicate in g["predicates"]), len(groups) - 1)
