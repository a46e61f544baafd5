"""SHACL validation of a build's RDF against ``ontology/shapes.ttl`` (``kg validate``).

The data graph is ``graph.ttl`` (every named graph merged) plus the ontology, so ``sh:class``
constraints see the class hierarchy; pyshacl runs without inference.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> _ = (out / "graph.ttl").write_text(
...     '<http://ex.org/st> a <https://histkg.org/ontology#Statement> .')
>>> report = validate(out)
>>> report.conforms, report.violations > 0
(False, True)
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import SH

from kg.errors import OutputError
from kg.vocab import ONTOLOGY_DIR

SHAPES = ONTOLOGY_DIR / "shapes.ttl"
ONTOLOGY = ONTOLOGY_DIR / "histkg.ttl"


@dataclass(frozen=True)
class ValidationReport:
    """What pyshacl found: whether the data conforms, how many violations, the text report."""

    conforms: bool
    violations: int
    triples: int
    text: str

    def summary(self, path: str | Path) -> str:
        """One line for the CLI.

        >>> ValidationReport(True, 0, 12, "").summary("out/graph.ttl")
        'out/graph.ttl: conforms to the SHACL shapes (12 triples, 0 violations)'
        """
        verdict = "conforms to" if self.conforms else "does NOT conform to"
        return (f"{path}: {verdict} the SHACL shapes ({self.triples} triples, "
                f"{self.violations} violation{'s' if self.violations != 1 else ''})")


def _parse(path: Path, what: str) -> Graph:
    if not path.is_file():
        raise OutputError(str(path), f"{what} not found")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            return Graph().parse(path, format="turtle")
    except Exception as err:  # noqa: BLE001 - rdflib raises parser-specific errors
        raise OutputError(str(path), f"cannot parse {what}: {err}") from None


def data_file(out_dir: str | Path) -> Path:
    """The file ``kg validate`` checks: ``DIR/graph.ttl``, or the file itself if given one."""
    path = Path(out_dir)
    return path if path.is_file() else path / "graph.ttl"


def validate(out_dir: str | Path, shapes: str | Path | None = None,
             ontology: str | Path | None = None) -> ValidationReport:
    """Validate ``DIR/graph.ttl`` with the SHACL shapes (default: ``ontology/shapes.ttl``)."""
    import pyshacl

    data = _parse(data_file(out_dir), "graph.ttl (run `kg build` first)")
    shape_graph = _parse(Path(shapes) if shapes else SHAPES, "SHACL shapes")
    ont_graph = _parse(Path(ontology) if ontology else ONTOLOGY, "ontology")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        conforms, results, text = pyshacl.validate(
            data, shacl_graph=shape_graph, ont_graph=ont_graph, inference="none")
    violations = sum(1 for _ in results.subjects(SH.resultSeverity, SH.Violation))
    return ValidationReport(bool(conforms), violations, len(data), str(text))
