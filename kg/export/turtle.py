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

import os
import re
import tempfile
from collections.abc import Iterable, Mapping
from itertools import groupby
from pathlib import Path

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


def format_iri(iri: str, prefixes: Mapping[str, str]) -> str:
    """An IRI as a prefixed name when its local part is plain, else as ``<...>``."""
    if _BAD_IRI.search(iri):
        raise ValueError(f"not a valid IRI: {iri!r}")
    best = ""
    for prefix, namespace in prefixes.items():
        if iri.startswith(namespace) and len(namespace) > len(prefixes.get(best, "")):
            if _LOCAL.match(iri[len(namespace):]):
                best = prefix
    if best:
        return f"{best}:{iri[len(prefixes[best]):]}"
    return f"<{iri}>"


def format_term(term: Node, prefixes: Mapping[str, str]) -> str:
    """One IRI or literal in Turtle syntax (literals always quoted)."""
    if isinstance(term, Literal):
        text = '"' + _NEEDS_ESCAPE.sub(_escape_char, str(term)) + '"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None:
            return f"{text}^^{format_iri(str(term.datatype), prefixes)}"
        return text
    if isinstance(term, URIRef):
        return format_iri(str(term), prefixes)
    raise ValueError(f"only IRIs and literals can be written, got {term!r}")


def term_key(term: Node) -> tuple[int, str, str, str]:
    """A total, stable sort key: IRIs before literals, then by text and datatype."""
    if isinstance(term, Literal):
        return (1, str(term), str(term.datatype or ""), term.language or "")
    return (0, str(term), "", "")


def _triple_key(triple: Triple) -> tuple[tuple[int, str, str, str], ...]:
    subject, predicate, obj = triple
    first = (-1, "", "", "") if predicate == RDF.type else term_key(predicate)
    return (term_key(subject), first, term_key(obj))


def _subject_block(triples: list[Triple], prefixes: Mapping[str, str], indent: str) -> str:
    lines: list[str] = []
    for predicate, group in groupby(triples, key=lambda t: t[1]):
        verb = "a" if predicate == RDF.type else format_term(predicate, prefixes)
        objects = ", ".join(format_term(t[2], prefixes) for t in group)
        lines.append(f"{verb} {objects}")
    head = f"{indent}{format_term(triples[0][0], prefixes)} "
    return head + f" ;\n{indent}    ".join(lines) + " .\n"


def triples_body(triples: Iterable[Triple], prefixes: Mapping[str, str], indent: str = "") -> str:
    """The statements of one graph, grouped by subject, sorted; no prefix lines."""
    ordered = sorted(set(triples), key=_triple_key)
    blocks = [
        _subject_block(list(group), prefixes, indent)
        for _, group in groupby(ordered, key=lambda t: t[0])
    ]
    return "\n".join(blocks)


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
    parts = [prefix_lines(prefixes)]
    body = triples_body(default, prefixes, "    ")
    if body:
        parts.append("{\n" + body + "}\n")
    for name in sorted(graphs):
        body = triples_body(graphs[name], prefixes, "    ")
        parts.append(f"{format_iri(name, prefixes)} {{\n{body}}}\n")
    return "\n".join(parts)


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write UTF-8 text to ``path`` via a temporary file in the same directory."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.fchmod(fd, 0o644)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
