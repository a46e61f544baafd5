"""`kg push` to a second real triplestore: Virtuoso 7, started by the tests on 127.0.0.1.

Virtuoso's authenticated Graph Store endpoint asks for HTTP Digest and has no default graph
to write: the README's recipe (`--user`, `--password`, `--default-graph IRI`) is read from its
store table and run as written, on a database of the test's own and free ports.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.cli import main
from kg.errors import PushError
from kg.sparql.graphstore import DEFAULT_GRAPH
from kg.sparql.push import push
from kg.sparql.serve import free_port
from tests.test_build_parallel import TEXTS, write_corpus
from tests.test_push import rebuild, store  # noqa: F401  (store: the Oxigraph fixture)

VIRTUOSO = shutil.which("virtuoso-t")
pytestmark = pytest.mark.skipif(
    VIRTUOSO is None, reason="virtuoso-t not installed (Debian package virtuoso-opensource: "
                             "bash tests/install-system-deps.sh)")

INI = """[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
DirsAllowed = .
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 100000
"""


def readme_recipe() -> tuple[str, list[str]]:
    """The README's Virtuoso row: the endpoint's path and the options of `kg push`, as written."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    cell = re.search(r"^\| Virtuoso 7 [^|]*\| `[^`]+` \| `([^`]+)` \|", readme, re.M)[1]
    url, *options = cell.split()
    return urllib.parse.urlsplit(url).path, options


class Virtuoso:
    """`virtuoso-t` in the foreground on free ports of 127.0.0.1, its database in ``folder``."""

    def __init__(self, folder: Path) -> None:
        port = free_port()
        (folder / "virtuoso.ini").write_text(INI.format(db=folder, sql=free_port(), http=port), encoding="utf-8")
        self.base = f"http://127.0.0.1:{port}"
        path, self.options = readme_recipe()
        self.url = self.base + path
        self.default_graph = self.options[self.options.index("--default-graph") + 1]
        self.process = subprocess.Popen(
            [VIRTUOSO, "+configfile", str(folder / "virtuoso.ini"), "+foreground"], cwd=folder,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + 60
        while not self._up():
            assert self.process.poll() is None and time.monotonic() < deadline, "virtuoso did not start"
            time.sleep(0.1)

    def _up(self) -> bool:
        try:
            self.select("ASK {}")
            return True
        except OSError:
            return False

    def select(self, query: str, default_graph: str | None = None) -> list[dict]:
        """The rows ``query`` answers at the store's SPARQL endpoint."""
        params = {"query": query} | ({"default-graph-uri": default_graph} if default_graph else {})
        url = f"{self.base}/sparql?" + urllib.parse.urlencode(params)
        request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            answer = json.load(response)
        return answer.get("results", {}).get("bindings", [])

    def counts(self) -> dict[str, int]:
        """Triples per graph of this project's (Virtuoso keeps system graphs of its own)."""
        rows = self.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                           'FILTER(STRSTARTS(STR(?g), "https://histkg.org/")) } GROUP BY ?g')
        counts = {r["g"]["value"]: int(r["n"]["value"]) for r in rows}
        if self.default_graph in counts:  # graph.ttl, which an Oxigraph store holds as its default graph
            counts[DEFAULT_GRAPH] = counts.pop(self.default_graph)
        return counts

    def push(self, out: Path, *more: str) -> int:
        """`kg push OUT URL` with the README's options."""
        return main(["push", str(out), self.url, *self.options, *more])

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory) -> Iterator[Virtuoso]:
    running = Virtuoso(tmp_path_factory.mktemp("virtuoso"))
    try:
        yield running
    finally:
        running.stop()
        seen = subprocess.run(["ps", "-eo", "pid=,args="], check=True, capture_output=True, text=True).stdout
        assert str(running.process.pid) not in {line.split()[0] for line in seen.splitlines()}


def expected(graphs: dict[str, set[str]]) -> dict[str, int]:
    return {g: len(t) for g, t in graphs.items()}


def test_push_gives_the_builds_counts_sends_nothing_again_and_deletes_a_removed_document(
        virtuoso, tmp_path, capsys):
    corpus, out = write_corpus(tmp_path / "in"), tmp_path / "out"
    first = rebuild(corpus, out)
    assert virtuoso.push(out) == 0
    assert virtuoso.counts() == expected(first)
    assert virtuoso.push(out) == 0
    assert capsys.readouterr().out.splitlines()[-1] == \
        f"pushed to {virtuoso.url}: 0 graph(s) put, 0 deleted, {len(first)} unchanged"

    (corpus / "d.txt").unlink()
    second = rebuild(corpus, out)
    assert virtuoso.push(out) == 0
    assert "DELETE https://histkg.org/id/doc/d-1 200" in capsys.readouterr().out
    assert virtuoso.counts() == expected(second)


def test_one_build_gives_virtuoso_and_oxigraph_the_same_counts(virtuoso, store, tmp_path):  # noqa: F811
    texts = {name: TEXTS[name] for name in ("a.txt", "b.txt")}
    out = tmp_path / "out"
    graphs = rebuild(write_corpus(tmp_path / "in", texts), out)
    assert virtuoso.push(out, "--all") == 0
    assert main(["push", str(out), store.url, "--all"]) == 0
    mine = expected(graphs)
    assert {g: virtuoso.counts().get(g) for g in mine} == mine == {g: store.counts().get(g) for g in mine}


def test_shipped_queries_answer_on_virtuoso_as_on_the_build(virtuoso, seed_build, tmp_path):
    from kg.sparql.query import QUERY_DIR, run

    out = tmp_path / "out"
    out.mkdir()
    for name in ("graph.trig", "graph.ttl"):
        shutil.copy(seed_build / name, out / name)
    assert virtuoso.push(out, "--all") == 0
    answered = 0
    for query in sorted(QUERY_DIR.glob("*.rq")):
        local = len(json.loads(run(out, query.stem, fmt="json"))["results"]["bindings"])
        remote = virtuoso.select(query.read_text(encoding="utf-8"), virtuoso.default_graph)
        assert len(remote) == local, query.stem
        answered += local > 0
    assert answered >= 8  # most shipped queries have rows on the seeds


def test_without_default_graph_option_the_refusal_says_what_to_do(virtuoso, seed_build, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(seed_build, out)
    with pytest.raises(PushError, match=r"not configured to have default graph .*--default-graph IRI\)$"):
        push(out, virtuoso.url, headers={"Authorization": "Basic ZGJhOmRiYQ=="})  # dba:dba


@pytest.mark.parametrize("password", ["wrong", ""])
def test_a_wrong_password_is_one_line_refusal(virtuoso, seed_build, tmp_path, capsys, password):
    out = tmp_path / "out"
    shutil.copytree(seed_build, out)
    code = main(["push", str(out), virtuoso.url, "--user", "dba", "--password", password,
                 "--default-graph", virtuoso.default_graph])
    err = capsys.readouterr().err
    assert code == PushError.exit_code and len(err.splitlines()) == 1 and "HTTP 401" in err
