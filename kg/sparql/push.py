"""``kg push DIR URL``: publish a build to a triplestore over the SPARQL 1.1 Graph Store Protocol.

A build's ``graph.trig`` holds one named graph per source document and, in its default
graph, the build's provenance (the ``prov:Activity``, declarations of predicates). Pushed:

- ``graph.ttl`` (every statement once) as the store's default graph (``?default``), so the
  store answers the shipped queries of ``ontology/queries/`` as ``kg query`` does; to a
  store whose Graph Store endpoint has no default graph (Virtuoso), as the named graph
  ``default_graph`` (``--default-graph IRI``), queried with ``FROM <IRI>``;
- each document graph under its own IRI (``BASE doc/ID``);
- the default graph as the named graph ``BASE graph/provenance`` (``BASE`` is the build's
  ``id:`` prefix; ``--provenance-graph`` names another);
- with one ``PUT`` per graph, which replaces it on the server (idempotent), and only the
  graphs whose content changed since the last push to the same URL; a graph pushed before
  but no longer in the build (its document was removed) is ``DELETE``\\ d.

What was pushed where is kept in ``DIR/push-state.json`` (per store URL: graph IRI → SHA-256
and triple count); every request is appended to ``DIR/push.log``. Neither, nor what is
printed, holds a secret of the URL: a password (``user:pw@``, sent as HTTP Basic
authentication) or a token parameter (``?access-token=…``) is written ``***``. ``graph.trig`` is parsed as
a stream and each graph is written to a temporary N-Triples file that is then streamed as
the request body, so memory does not grow with the graph. Never imports the pipeline.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any

from pyoxigraph import DefaultGraph, RdfFormat, parse

from kg.export.atomic import write_text
from kg.errors import OutputError, PushError
from kg.sparql.graphstore import DEFAULT_GRAPH, GraphStore, redact

STATE = "push-state.json"
LOG = "push.log"
FALLBACK_PROVENANCE = "urn:histkg:graph:provenance"
HEADER_LINES = 200  # graph.trig begins with its @prefix lines


@dataclass(slots=True)
class GraphFile:
    """One graph of the build as an N-Triples file, with its hash and size."""

    path: Path
    sha256: str = ""
    triples: int = 0


@dataclass(slots=True)
class PushPlan:
    """What a push does: graphs to PUT (changed or new), to DELETE, and left as they are."""

    put: list[str] = field(default_factory=list)
    delete: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def provenance_graph(trig: Path) -> str:
    """``BASE graph/provenance`` for the ``@prefix id: <BASE>`` of ``trig`` (else a URN)."""
    with trig.open(encoding="utf-8") as fh:
        for _, line in zip(range(HEADER_LINES), fh):
            if line.startswith("@prefix id: <"):
                return line.split("<", 1)[1].split(">", 1)[0] + "graph/provenance"
    return FALLBACK_PROVENANCE


def split_graphs(trig: Path, folder: Path, default_name: str) -> dict[str, GraphFile]:
    """Stream ``trig`` into one N-Triples file per graph in ``folder``; IRI → file."""
    graphs: dict[str, GraphFile] = {}
    digests: dict[str, Any] = {}
    current, out = None, None
    try:
        for quad in parse(path=str(trig), format=RdfFormat.TRIG):
            name = default_name if isinstance(quad.graph_name, DefaultGraph) else quad.graph_name.value
            if name != current:
                out = _switch(out, graphs, digests, name, folder)
                current = name
            line = f"{quad.subject} {quad.predicate} {quad.object} .\n".encode()
            out.write(line)
            digests[name].update(line)
            graphs[name].triples += 1
    except SyntaxError as err:
        raise OutputError(str(trig), f"not valid TriG: {err}") from err
    finally:
        if out is not None:
            out.close()
    for name, graph in graphs.items():
        graph.sha256 = digests[name].hexdigest()
    return graphs


def merged_graph(ttl: Path) -> GraphFile:
    """``graph.ttl`` (every statement once), sent as it is to the store's default graph."""
    digest = hashlib.sha256()
    with ttl.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    try:
        triples = sum(1 for _ in parse(path=str(ttl), format=RdfFormat.TURTLE))
    except SyntaxError as err:
        raise OutputError(str(ttl), f"not valid Turtle: {err}") from err
    return GraphFile(ttl, digest.hexdigest(), triples)


def _switch(out: IO[bytes] | None, graphs: dict[str, GraphFile], digests: dict[str, Any],
            name: str, folder: Path) -> IO[bytes]:
    """Close the current graph's file and open (append to) the file of graph ``name``."""
    if out is not None:
        out.close()
    if name not in graphs:
        graphs[name] = GraphFile(folder / f"{hashlib.sha256(name.encode()).hexdigest()[:32]}.nt")
        digests[name] = hashlib.sha256()
    return graphs[name].path.open("ab")


def load_state(out_dir: Path, url: str) -> dict[str, dict[str, Any]]:
    """The graphs last pushed from ``out_dir`` to ``url``: IRI → {sha256, triples}.

    Stores are keyed by their URL without secrets (:func:`kg.sparql.graphstore.redact`); an entry
    written under the full URL by an older histkg is found too.
    """
    path = out_dir / STATE
    if not path.exists():
        return {}
    try:
        stores = json.loads(path.read_text(encoding="utf-8"))["stores"]
    except (ValueError, KeyError, TypeError) as err:
        raise PushError(f"{path}: unreadable push state ({err}); delete it to push everything") from err
    same = [key for key in sorted(stores, key=lambda k: k != redact(url)) if redact(key) == redact(url)]
    return dict(stores[same[0]]) if same else {}


def save_state(out_dir: Path, url: str, graphs: dict[str, dict[str, Any]]) -> None:
    """Record what ``url`` now holds, under its URL without secrets (other stores' entries are kept)."""
    path = out_dir / STATE
    stores = json.loads(path.read_text(encoding="utf-8"))["stores"] if path.exists() else {}
    stores = {key: value for key, value in stores.items() if redact(key) != redact(url)}
    stores[redact(url)] = dict(sorted(graphs.items()))
    write_text(path, json.dumps({"version": 1, "stores": stores}, indent=1, sort_keys=True) + "\n")


def plan(graphs: dict[str, GraphFile], pushed: dict[str, dict[str, Any]],
         everything: bool = False) -> PushPlan:
    """Compare the build's graphs with what was pushed before."""
    out = PushPlan()
    for iri in sorted(graphs):
        same = not everything and pushed.get(iri, {}).get("sha256") == graphs[iri].sha256
        (out.unchanged if same else out.put).append(iri)
    out.delete = sorted(set(pushed) - set(graphs))
    return out


@dataclass(slots=True)
class PushReport:
    """The outcome of a push: the plan, and whether it was only a dry run."""

    url: str
    plan: PushPlan
    triples: dict[str, int]
    dry_run: bool = False

    def summary(self) -> str:
        """One line: how many graphs were (or would be) replaced, deleted, left alone."""
        verb = "would push" if self.dry_run else "pushed"
        p = self.plan
        return (f"{verb} to {self.url}: {len(p.put)} graph(s) put, {len(p.delete)} deleted, "
                f"{len(p.unchanged)} unchanged")


def push(out_dir: str | Path, url: str, *, headers: dict[str, str] | None = None,
         dry_run: bool = False, everything: bool = False, provenance: str | None = None,
         default_graph: str | None = None,
         echo: Callable[[str], None] = lambda line: None) -> PushReport:
    """Push the build in ``out_dir`` to the graph store at ``url`` (see the module docstring).

    ``echo`` receives one line per request (or per planned request in a dry run).
    """
    out = Path(out_dir)
    trig = out / "graph.trig"
    if not trig.is_file():
        raise OutputError(str(trig), "no graph.trig: run kg build first")
    with tempfile.TemporaryDirectory(prefix="kg-push-") as tmp:
        graphs = split_graphs(trig, Path(tmp), provenance or provenance_graph(trig))
        if (out / "graph.ttl").is_file():
            graphs[default_graph or DEFAULT_GRAPH] = merged_graph(out / "graph.ttl")
        pushed = load_state(out, url)
        provenance_iri = provenance or provenance_graph(trig)
        if pushed and not everything and not dry_run and not _still_ours(url, headers, provenance_iri, pushed):
            _log(out, url, "the store's provenance graph is not the one last pushed from here: pushing everything")
            echo("the store holds another build's graphs (or none): pushing everything")
            everything = True
        todo = plan(graphs, pushed, everything)
        report = PushReport(redact(url), todo, {iri: g.triples for iri, g in graphs.items()}, dry_run)
        if dry_run:
            for line in _planned(todo, graphs):
                echo(line)
            return report
        _execute(out, GraphStore(url, headers), todo, graphs, pushed, echo, provenance_iri)
    _log(out, url, report.summary())
    return report


def _still_ours(url: str, headers: dict[str, str] | None, iri: str, pushed: dict[str, dict[str, Any]]) -> bool:
    """Whether the store's graph ``iri`` (the provenance graph, a few triples naming the build
    run) is the one recorded as pushed from here: another build pushed to the same store, or
    a store that was emptied, would otherwise be reported "unchanged". True when the store
    cannot say (no GET on its graph store endpoint)."""
    store = GraphStore(url, headers)
    try:
        status, kind, text = store.get(iri)
    except PushError:
        return True
    finally:
        store.close()
    if status == 404:
        return iri not in pushed
    if not 200 <= status < 300:
        return True
    fmt = {"text/turtle": RdfFormat.TURTLE, "application/rdf+xml": RdfFormat.RDF_XML}.get(kind, RdfFormat.N_TRIPLES)
    try:
        return fingerprint(text.encode(), fmt) == pushed.get(iri, {}).get("fingerprint")
    except (SyntaxError, ValueError):
        return True


def fingerprint(data: bytes | Path, fmt: RdfFormat = RdfFormat.N_TRIPLES) -> str:
    """A hash of a small graph that does not depend on how a store writes it: its triples as
    subject, predicate and the object's value (a literal's lexical form), sorted."""
    source = {"path": str(data)} if isinstance(data, Path) else {"input": data}
    lines = sorted(f"{t.subject}\t{t.predicate}\t{t.object.value}\n" for t in parse(**source, format=fmt))
    return hashlib.sha256("".join(lines).encode()).hexdigest()


def _log(out: Path, url: str, line: str) -> None:
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    with (out / LOG).open("a", encoding="utf-8") as log:
        log.write(f"{stamp} {redact(url)} {line}\n")


def _planned(todo: PushPlan, graphs: dict[str, GraphFile]) -> list[str]:
    return ([f"PUT {iri} ({graphs[iri].triples} triples)" for iri in todo.put]
            + [f"DELETE {iri}" for iri in todo.delete])


def _execute(out: Path, store: GraphStore, todo: PushPlan, graphs: dict[str, GraphFile],
             pushed: dict[str, dict[str, Any]], echo: Callable[[str], None], provenance_iri: str) -> None:
    """Send the requests; the state and the log record every one that succeeded, the log
    also the one that failed and an interruption."""
    def record(line: str) -> None:
        _log(out, store.url, line)
        echo(line)

    try:
        for iri in todo.put:
            status = store.put(iri, graphs[iri].path)
            pushed[iri] = {"sha256": graphs[iri].sha256, "triples": graphs[iri].triples}
            if iri == provenance_iri:
                pushed[iri]["fingerprint"] = fingerprint(graphs[iri].path)
            record(f"PUT {iri} {status} {graphs[iri].triples} triples")
        for iri in todo.delete:
            status = store.delete(iri)
            pushed.pop(iri, None)
            record(f"DELETE {iri} {status}")
    except PushError as err:
        _log(out, store.url, f"failed: {err}")
        if "graph <(default graph)>: HTTP" in str(err):
            raise PushError(f"{err} (a store with no writable default graph, such as Virtuoso, takes "
                            "graph.ttl as a named graph: --default-graph IRI)") from err
        raise
    except KeyboardInterrupt:
        _log(out, store.url, "interrupted (Ctrl-C, SIGTERM or SIGHUP); the state records what was sent")
        raise
    finally:
        store.close()
        save_state(out, store.url, pushed)
