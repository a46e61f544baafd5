"""The notebooks in notebooks/ run from top to bottom (nbclient + ipykernel) and show what they promise."""

from __future__ import annotations

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
CELL_TIMEOUT = 240


def _execute(name: str) -> "nbformat.NotebookNode":
    book = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = nbclient.NotebookClient(book, timeout=CELL_TIMEOUT, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()
    return book


def _outputs(book: "nbformat.NotebookNode", mime: str) -> str:
    parts = []
    for cell in book.cells:
        for out in cell.get("outputs", []):
            parts.append(out.get("text", "") if mime == "stream" else out.get("data", {}).get(mime, ""))
    return "\n".join(parts)


@pytest.mark.parametrize("name", ["01_explore.ipynb", "02_rules.ipynb"])
def test_notebooks_are_stored_without_outputs(name: str) -> None:
    book = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(book)
    code = [c for c in book.cells if c.cell_type == "code"]
    assert code and all(not c.outputs and c.execution_count is None for c in code)


def test_explore_notebook_runs() -> None:
    book = _execute("01_explore.ipynb")
    html = _outputs(book, "text/html")
    assert 'class="entities"' in html  # displaCy's entity view
    assert "<iframe" in html and "srcdoc=" in html  # the network, inline
    text = _outputs(book, "text/plain")
    assert "kg.Graph" in text and "betweenness" in html + text and "Nikolai" in text


def test_rules_notebook_runs_and_the_rule_fires() -> None:
    book = _execute("02_rules.ipynb")
    stream = _outputs(book, "stream")
    assert "visited.visit.v1 fired" in stream
    assert "visited.visit.v1  (trigger `visited`, word 3): did not fire" in stream  # explain
    assert "passes kg rules check and fires on a paraphrase" in stream  # suggest
