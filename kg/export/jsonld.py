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

from rdflib import XSD, Literal, URIRef
from rdflib.term import Node

from kg.export.atomic import write_text
from kg.export.rdf import collect_graphs, prefixes
from kg.export.rdf_terms import DEFAULT_BASE
from kg.export.turtle import RDF_TYPE, Triple, plain_triple_key
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


class Compactor:
    """:func:`compact` for one context, each IRI compacted once."""

    def __init__(self, context: Mapping[str, str]) -> None:
        self.context, self.done = context, {}

    def __call__(self, iri: str) -> str:
        found = self.done.get(iri)
        if found is None:
            found = self.done[iri] = compact(iri, self.context)
        return found


def _value(term: Node, comp: Compactor) -> Any:
    if type(term) is URIRef or isinstance(term, URIRef):
        return {"@id": comp(str(term))}
    if not isinstance(term, Literal):
        raise ValueError(f"only IRIs and literals can be written, got {term!r}")
    if term.language:
        return {"@value": str(term), "@language": term.language}
    if term.datatype is None or term.datatype == XSD.string:
        return str(term)
    return {"@value": str(term), "@type": comp(str(term.datatype))}


def _node(subject: Node, triples: list[Triple], comp: Compactor) -> dict[str, Any]:
    node: dict[str, Any] = {"@id": comp(str(subject))}
    types = [comp(str(t[2])) for t in triples if t[1] == RDF_TYPE]
    if types:
        node["@type"] = types if len(types) > 1 else types[0]
    for predicate, group in groupby((t for t in triples if t[1] != RDF_TYPE), key=lambda t: t[1]):
        values = [_value(t[2], comp) for t in group]
        node[comp(str(predicate))] = values if len(values) > 1 else values[0]
    return node


def nodes(triples: Iterable[Triple], context: Mapping[str, str] | Compactor) -> list[dict[str, Any]]:
    """Node objects of one graph, sorted by subject, then predicate and object."""
    comp = context if isinstance(context, Compactor) else Compactor(context)
    ordered = sorted(set(triples), key=plain_triple_key)
    return [_node(subject, list(group), comp)
            for subject, group in groupby(ordered, key=lambda t: t[0])]


def jsonld_document(kg: KnowledgeGraph, base: str = DEFAULT_BASE) -> dict[str, Any]:
    """The whole JSON-LD document as a dict: ``@context`` and one ``@graph``."""
    return jsonld_from_graphs(*collect_graphs(kg, base), base)


def jsonld_from_graphs(named: dict, default: set, base: str = DEFAULT_BASE) -> dict[str, Any]:
    """JSON-LD of already collected graphs (see :func:`kg.export.rdf.collect_graphs`)."""
    context = dict(sorted(prefixes(base).items()))
    comp = Compactor(context)
    graph: list[dict[str, Any]] = nodes(default, comp)
    for name in sorted(named):
        graph.append({"@id": comp(name), "@graph": nodes(named[name], comp)})
    return {"@context": context, "@graph": graph}


def write_jsonld(kg: KnowledgeGraph, path: str | os.PathLike[str],
                 base: str = DEFAULT_BASE) -> None:
    """Write ``graph.jsonld`` (sorted, UTF-8, atomically)."""
    write_jsonld_graphs(*collect_graphs(kg, base), path, base)


def write_jsonld_graphs(named: dict, default: set, path: str | os.PathLike[str],
                        base: str = DEFAULT_BASE) -> None:
    """Write ``graph.jsonld`` from already collected graphs."""
    write_text(path, jsonld_text(jsonld_from_graphs(named, default, base)))


def jsonld_text(document: dict[str, Any]) -> str:
    """The text of a JSON-LD document: a node of ``@graph`` per line (a named graph's nodes
    each on a line of their own) — JSON's own indenting is written by a slow encoder, and
    a line per node is as easy to read and to compare.

    >>> print(jsonld_text({"@context": {"ex": "http://ex.org/"}, "@graph": [{"@id": "ex:a"},
    ...     {"@id": "ex:g", "@graph": [{"@id": "ex:b", "ex:p": "x"}]}]}), end="")
    {"@context": {"ex": "http://ex.org/"},
    "@graph": [
    {"@id": "ex:a"},
    {"@id": "ex:g", "@graph": [
     {"@id": "ex:b", "ex:p": "x"}
    ]}
    ]}
    """
    lines = [f'{{"@context": {_dumps(document["@context"])},', '"@graph": [']
    items = []
    for node in document["@graph"]:
        if "@graph" in node and len(node) == 2:
            inner = ",\n".join(" " + _dumps(n) for n in node["@graph"])
            items.append(f'{{"@id": {_dumps(node["@id"])}, "@graph": [\n{inner}\n]}}')
        else:
            items.append(_dumps(node))
    return "\n".join(lines) + "\n" + ",\n".join(items) + ("\n" if items else "") + "]}\n"


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
