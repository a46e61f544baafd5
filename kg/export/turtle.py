"""A small, deterministic Turtle / TriG writer for blank-node-free graphs.

rdflib's serialisers do not promise a stable order; histkg promises byte-identical
files for identical input, so the exporters sort triples themselves and write them
here. Terms are IRIs and literals only (histkg mints IRIs for every node).

>>> from rdflib import Literal, URIRef
>>> t = [(URIRef("http://ex.org/a"), URIRef("http://ex.org/p"), Literal('say "hi"'))]
>>> print(turtle_text(t, {"ex": "http://ex.org/"}), end="")
@prefix ex: <http://ex.org/> .
<BLANKLINE>
ex:a ex:p "say \\"hi\\"" .
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from itertools import groupby
from operator import itemgetter

from rdflib import RDF, Literal, URIRef
from rdflib.term import Node

Triple = tuple[Node, Node, Node]

_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t",
            "\b": "\\b", "\f": "\\f"}
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f\ud800-\udfff]')


def _escape_char(match: re.Match[str]) -> str:
    char = match.group(0)
    if char in _ESCAPES:
        return _ESCAPES[char]
    if "\ud800" <= char <= "\udfff":  # a lone surrogate cannot be written as UTF-8
        return "\\uFFFD"
    return f"\\u{ord(char):04X}"


class Formatter:
    """Turns terms into Turtle text for one set of prefixes, caching compacted IRIs.

    Namespaces must end in ``/`` or ``#`` to be used for prefixed names.
    """

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        self.by_namespace = {ns: p for p, ns in sorted(prefixes.items())}
        self.cache: dict[str, str] = {}

    def iri(self, iri: str) -> str:
        """An IRI as a prefixed name when its local part is plain, else as ``<...>``."""
        found = self.cache.get(iri)
        if found is None:
            found = self.cache[iri] = self._compact(iri)
        return found

    def _compact(self, iri: str) -> str:
        if _BAD_IRI.search(iri):
            raise ValueError(f"not a valid IRI: {iri!r}")
        cut = max(iri.rfind("/"), iri.rfind("#")) + 1
        prefix = self.by_namespace.get(iri[:cut])
        if prefix is not None and _LOCAL.match(iri[cut:]):
            return f"{prefix}:{iri[cut:]}"
        return f"<{iri}>"

    def term(self, term: Node) -> str:
        """One IRI or literal in Turtle syntax (literals always quoted)."""
        if type(term) is URIRef or isinstance(term, URIRef):
            return self.iri(str(term))
        if isinstance(term, Literal):
            text = '"' + _NEEDS_ESCAPE.sub(_escape_char, str(term)) + '"'
            if term.language:
                return f"{text}@{term.language}"
            if term.datatype is not None:
                return f"{text}^^{self.iri(str(term.datatype))}"
            return text
        raise ValueError(f"only IRIs and literals can be written, got {term!r}")


def format_term(term: Node, prefixes: Mapping[str, str]) -> str:
    """One term in Turtle syntax (see :class:`Formatter`)."""
    return Formatter(prefixes).term(term)


def term_key(term: Node) -> str:
    """A total, stable sort key: IRIs before literals, then by text, datatype and language —
    one string (strings compare faster than tuples): the parts joined by ``SEP``, a NUL in a
    text written as NUL + \\x02 so that ``SEP`` sorts before every character of a part.

    >>> sorted([Literal("a"), URIRef("http://ex.org/b"), URIRef("http://ex.org/a")], key=term_key)
    [rdflib.term.URIRef('http://ex.org/a'), rdflib.term.URIRef('http://ex.org/b'), rdflib.term.Literal('a')]
    """
    if type(term) is URIRef:  # the common case, without isinstance's abstract-class checks
        return "1" + _part(str(term)) + SEP + SEP
    if isinstance(term, Literal):
        return "2" + _part(str(term)) + SEP + _part(str(term.datatype or "")) + SEP + _part(term.language or "")
    return "1" + _part(str(term)) + SEP + SEP


SEP = "\x00\x01"
RDF_TYPE = RDF.type  # looked up once: a namespace's attributes are computed on each access
_TYPE_FIRST = "0" + SEP + SEP


def _part(text: str) -> str:
    return text.replace("\x00", "\x00\x02") if "\x00" in text else text


def triple_key(triple: Triple) -> str:
    """The order of written triples: by subject, ``rdf:type`` first, then predicate, object."""
    subject, predicate, obj = triple
    first = _TYPE_FIRST if str.__eq__(predicate, RDF_TYPE) else term_key(predicate)
    return term_key(subject) + SEP + first + SEP + term_key(obj)


def plain_triple_key(triple: Triple) -> str:
    """The order of triples by subject, predicate and object (no verb first)."""
    return term_key(triple[0]) + SEP + term_key(triple[1]) + SEP + term_key(triple[2])


Line = tuple[str, str, str, str]  # sort key, subject, verb, object: one triple as written


def triple_lines(triples: Iterable[Triple], fmt: Formatter) -> set[Line]:
    """Each triple once, as its sort key and the Turtle text of its three terms — strings,
    which compare and hash in C, where rdflib's terms compare in Python."""
    term = fmt.term
    return {(triple_key(t), term(t[0]), "a" if str.__eq__(t[1], RDF_TYPE) else term(t[1]), term(t[2]))
            for t in triples}


def lines_body(lines: Iterable[Line], indent: str = "") -> str:
    """The statements of one graph from its :func:`triple_lines`, grouped by subject, sorted."""
    blocks = []
    for subject, group in groupby(sorted(lines, key=itemgetter(0)), key=itemgetter(1)):
        verbs = [verb + " " + ", ".join(line[3] for line in same)
                 for verb, same in groupby(group, key=itemgetter(2))]
        blocks.append(f"{indent}{subject} " + f" ;\n{indent}    ".join(verbs) + " .\n")
    return "\n".join(blocks)


def triples_body(triples: Iterable[Triple], prefixes: Mapping[str, str], indent: str = "") -> str:
    """The statements of one graph, grouped by subject, sorted; no prefix lines."""
    return lines_body(triple_lines(triples, Formatter(prefixes)), indent)


def prefix_lines(prefixes: Mapping[str, str]) -> str:
    """``@prefix`` declarations, sorted by prefix."""
    return "".join(f"@prefix {p}: <{prefixes[p]}> .\n" for p in sorted(prefixes))


def turtle_text(triples: Iterable[Triple], prefixes: Mapping[str, str]) -> str:
    """A whole Turtle document."""
    return prefix_lines(prefixes) + "\n" + triples_body(triples, prefixes)


def trig_text(
    graphs: Mapping[str, Iterable[Triple]],
    default: Iterable[Triple],
    prefixes: Mapping[str, str],
) -> str:
    """A whole TriG document: the default graph, then named graphs sorted by IRI."""
    return turtle_and_trig(graphs, default, prefixes, turtle=False)[1]


def turtle_and_trig(
    graphs: Mapping[str, Iterable[Triple]],
    default: Iterable[Triple],
    prefixes: Mapping[str, str],
    turtle: bool = True,
) -> tuple[str, str]:
    """The Turtle document of all the triples (the graphs merged) and the TriG document of
    the graphs, each triple formatted once for both (``turtle``: False gives ``""`` first)."""
    fmt = Formatter(prefixes)
    head = prefix_lines(prefixes)
    default_lines = triple_lines(default, fmt)
    named = {name: triple_lines(graphs[name], fmt) for name in sorted(graphs)}
    parts = [head]
    if default_lines:
        parts.append("{\n" + lines_body(default_lines, "    ") + "}\n")
    parts += [f"{fmt.iri(name)} {{\n{lines_body(lines, '    ')}}}\n" for name, lines in named.items()]
    merged = default_lines.union(*named.values()) if turtle else set()
    return (head + "\n" + lines_body(merged) if turtle else ""), "\n".join(parts)
