"""The vocabulary of ``ontology/histkg.ttl`` as Markdown tables (README "Writing your own queries").

Every class and property of the ``hkg:`` namespace, grouped by what it describes (its
``rdfs:domain``), with its range and its ``rdfs:comment``. ``tests/test_vocab_doc.py`` checks
that the README holds exactly these tables, so the README cannot drift from the ontology;
``python -m kg.sparql.vocab_doc`` prints them.

>>> "| `hkg:Statement` |" in vocabulary_markdown()
True
"""

from __future__ import annotations

from rdflib import OWL, RDF, RDFS, Graph, URIRef

from kg.vocab import HKG, ONTOLOGY_DIR

KINDS = {OWL.Class: "class", OWL.ObjectProperty: "property", OWL.DatatypeProperty: "property",
         RDF.Property: "property"}
GROUPS = ("Statement", "Evidence", "Document", "ValueSource", "Division", "TimeSpan", "BuildActivity")  # then: relations, others


def _short(term: URIRef | None) -> str:
    if term is None:
        return "—"
    text = str(term)
    for prefix, namespace in (("hkg:", str(HKG)), ("xsd:", "http://www.w3.org/2001/XMLSchema#"),
                              ("rdf:", str(RDF)), ("rdfs:", str(RDFS))):
        if text.startswith(namespace):
            return prefix + text[len(namespace):]
    return f"<{text}>"


def _terms(graph: Graph) -> list[tuple[str, str, URIRef]]:
    """(group, kind, term) of every hkg: class and property, sorted within groups."""
    out = []
    for kind_iri, kind in KINDS.items():
        for term in graph.subjects(RDF.type, kind_iri):
            if isinstance(term, URIRef) and str(term).startswith(str(HKG)):
                domain = _short(graph.value(term, RDFS.domain)).removeprefix("hkg:")
                group = ("Classes" if kind == "class" else domain if domain in GROUPS
                         else "Relations between entities" if domain in ("Agent", "Entity", "Person")
                         else "Other properties")
                out.append((group, kind, term))
    order = ["Classes", *GROUPS, "Relations between entities", "Other properties"]
    return sorted(set(out), key=lambda t: (order.index(t[0]), str(t[2]).lower()))


def vocabulary_markdown(path: str | None = None) -> str:
    """The tables: one per group, ``| term | domain → range | meaning |``."""
    graph = Graph().parse(path or ONTOLOGY_DIR / "histkg.ttl")
    lines: list[str] = []
    current = None
    for group, kind, term in _terms(graph):
        if group != current:
            title = group if group in ("Classes", "Relations between entities", "Other properties") \
                else f"Properties of `hkg:{group}`"
            lines += ([""] if lines else []) + [f"**{title}**", "", "| term | domain → range | meaning |",
                                                 "|---|---|---|"]
            current = group
        span = "—" if kind == "class" else (f"{_short(graph.value(term, RDFS.domain))} → "
                                            f"{_short(graph.value(term, RDFS.range))}")
        comment = " ".join(str(graph.value(term, RDFS.comment) or "").split()).replace("|", "\\|")
        lines.append(f"| `{_short(term)}` | {span} | {comment} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(vocabulary_markdown(), end="")
