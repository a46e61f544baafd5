"""KnowledgeGraph → JSON-LD 1.1 (``graph.jsonld``): the same triples as ``graph.trig``.

One top-level ``@graph`` holds the default graph's nodes and one ``{"@id": doc, "@graph":
[...]}`` per document, so a JSON-LD processor sees the same named graphs as in TriG. Keys and
values are sorted and IRIs compacted with the prefixes of :func:`kg.export.rdf.prefixes`, so
identical input gives byte-identical files. Literals keep their lexical form and datatype.

>>> from rdflib import Literal, URIRef, XSD
>>> ex = {"ex": "http://ex.org/", "xsd": str(XSD)}
>>> t = (URIRef("http://ex.org/a"), URIRef("http://ex.org/born"), Literal("1888", datatype=XSD.gYear))
>>> nodes([t], ex)
[{'@id': 'ex:a', 'ex:born': {'@value': '1888', '@type': 'xsd:gYear'}}]
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping
from itertools import groupby
from typing import Any

from rdflib import RDF, XSD, Literal, URIRef
from rdflib.term import Node

from kg.export.atomic import write_text
from kg.export.rdf import collect_graphs, prefixes
from kg.export.rdf_terms import DEFAULT_BASE
from kg.export.turtle import Triple, term_key
from kg.model import KnowledgeGraph

_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")


def compact(iri: str, context: Mapping[str, str]) -> str:
    """``prefix:local`` when a prefix's namespace is the IRI's namespace and local is plain.

    >>> compact("http://ex.org/a", {"ex": "http://ex.org/"}), compact("http://ex.org/a%20b", {})
    ('ex:a', 'http://ex.org/a%20b')
    """
    cut = max(iri.rfind("/"), iri.rfind("#")) + 1
    for prefix, namespace in context.items():
        if namespace == iri[:cut] and _LOCAL.match(iri[cut:]):
            return f"{prefix}:{iri[cut:]}"
    return iri


def _value(term: Node, context: Mapping[str, str]) -> Any:
    if isinstance(term, URIRef):
        return {"@id": compact(str(term), context)}
    if not isinstance(term, Literal):
        raise ValueError(f"only IRIs and literals can be written, got {term!r}")
    if term.language:
        return {"@value": str(term), "@language": term.language}
    if term.datatype is None or term.datatype == XSD.string:
        return str(term)
    return {"@value": str(term), "@type": compact(str(term.datatype), context)}


def _node(subject: Node, triples: list[Triple], context: Mapping[str, str]) -> dict[str, Any]:
    node: dict[str, Any] = {"@id": compact(str(subject), context)}
    types = [compact(str(t[2]), context) for t in triples if t[1] == RDF.type]
    if types:
        node["@type"] = types if len(types) > 1 else types[0]
    for predicate, group in groupby((t for t in triples if t[1] != RDF.type), key=lambda t: t[1]):
        values = [_value(t[2], context) for t in group]
        node[compact(str(predicate), context)] = values if len(values) > 1 else values[0]
    return node


def nodes(triples: Iterable[Triple], context: Mapping[str, str]) -> list[dict[str, Any]]:
    """Node objects of one graph, sorted by subject, then predicate and object."""
    ordered = sorted(set(triples), key=lambda t: tuple(term_key(x) for x in t))
    return [_node(subject, list(group), context)
            for subject, group in groupby(ordered, key=lambda t: t[0])]


def jsonld_document(kg: KnowledgeGraph, base: str = DEFAULT_BASE) -> dict[str, Any]:
    """The whole JSON-LD document as a dict: ``@context`` and one ``@graph``."""
    return jsonld_from_graphs(*collect_graphs(kg, base), base)


def jsonld_from_graphs(named: dict, default: set, base: str = DEFAULT_BASE) -> dict[str, Any]:
    """JSON-LD of already collected graphs (see :func:`kg.export.rdf.collect_graphs`)."""
    context = dict(sorted(prefixes(base).items()))
    graph: list[dict[str, Any]] = nodes(default, context)
    for name in sorted(named):
        graph.append({"@id": compact(name, context), "@graph": nodes(named[name], context)})
    return {"@context": context, "@graph": graph}


def write_jsonld(kg: KnowledgeGraph, path: str | os.PathLike[str],
                 base: str = DEFAULT_BASE) -> None:
    """Write ``graph.jsonld`` (sorted, UTF-8, atomically)."""
    write_jsonld_graphs(*collect_graphs(kg, base), path, base)


def write_jsonld_graphs(named: dict, default: set, path: str | os.PathLike[str],
                        base: str = DEFAULT_BASE) -> None:
    """Write ``graph.jsonld`` from already collected graphs."""
    text = json.dumps(jsonld_from_graphs(named, default, base), ensure_ascii=False, indent=1)
    write_text(path, text + "\n")
