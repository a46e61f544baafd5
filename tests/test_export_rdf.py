"""Tests of the RDF exporter (kg.export.rdf), the ontology, the shapes and the queries."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import DCTERMS, PROV, RDF, RDFS, SKOS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg import vocab as V
from kg.export import rdf
from kg.export.rdf_terms import document_iri, entity_iri
from kg.model import Citation, Document, Entity, Evidence, KnowledgeGraph, Relation, Review

# rdflib 7 warns about its own deprecated internals when tests parse or iterate datasets.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontology"
BASE = "https://histkg.org/id/"
HKG = "https://histkg.org/ontology#"
PREFIXES = f"PREFIX hkg: <{HKG}>\nPREFIX id: <{BASE}>\nPREFIX oa: <http://www.w3.org/ns/oa#>\n"


def _ev(doc: str, quote: str, start: int, rule: str = "r.test", modality: str = "asserted",
        confidence: float = 0.8) -> Evidence:
    source = {"letter-1": "letter.txt", "memoir-1": "larina memoir.txt"}[doc]
    return Evidence(doc, source, quote, start, start + len(quote), rule, confidence, modality)


def build_kg() -> KnowledgeGraph:
    """Two documents, five entities (an apostrophe, Cyrillic), dates, literals, qualifiers."""
    people = [
        Entity("Nikolai_Bukharin", "PERSON", "Nikolai Bukharin", ["Bukharin", "N. I."],
               "Q193636", ["letter-1", "memoir-1"]),
        Entity("Iosif_Stalin", "PERSON", "Iosif Stalin", ["Koba", "Stalin"], "Q855", ["letter-1"]),
        Entity("Kuz'min", "PERSON", "V. V. Kuz'min", ["Kuzmin"], None, ["letter-1"]),
        Entity("Анна_Ларина", "PERSON", "Анна Ларина", ["Anna Larina"], None, ["memoir-1"]),
        Entity("Trial_of_the_Twenty_One", "EVENT", "Trial of the Twenty-One"),
    ]
    docs = [
        Document("letter-1", "letter.txt", "/in/letter.txt", "a" * 64, title="Letter to Koba",
                 kind="letter", date="1937-12-10", author="Nikolai Bukharin", recipients=["Koba"],
                 citation=Citation("APRF, f. 3, op. 24, d. 427, l. 13–18", 0, 36, archive="APRF",
                                   fond="3", opis="24", delo="427", listy="13–18")),
        Document("memoir-1", "larina memoir.txt", "/in/larina memoir.txt", "b" * 64,
                 title="This I Cannot Forget", date="1993"),
    ]
    relations = [
        Relation("Nikolai_Bukharin", "accused_by", "Kuz'min", "entity", [
            _ev("letter-1", "Kuz'min accused me", 120),
            _ev("memoir-1", "accused by Kuz'min", 40, rule="r.passive", confidence=0.9)]),
        Relation("Nikolai_Bukharin", "spouse", "Анна_Ларина", "entity",
                 [_ev("memoir-1", "his wife Анна", 10)], {"order": 2}),
        Relation("Nikolai_Bukharin", "wrote_to", "Iosif_Stalin", "entity",
                 [_ev("letter-1", "Dear Koba", 60)], {"date": "1937-12-10", "tone": "pleading"},
                 Review("accepted", "A. Historian", "2026-12-02")),
        Relation("Nikolai_Bukharin", "participated_in", "Trial_of_the_Twenty_One", "entity",
                 [_ev("memoir-1", "at the trial", 200)], {"role": "defendant"}),
        Relation("Nikolai_Bukharin", "executed_on", "1938-03-14", "date",
                 [_ev("memoir-1", "shot on 14 March 1938", 300)]),
        Relation("Nikolai_Bukharin", "born_on", "1888", "date", [_ev("memoir-1", "(1888", 5)]),
        Relation("Анна_Ларина", "imprisoned_in", "1937-06", "date",
                 [_ev("memoir-1", "June 1937", 9)]),
        Relation("Iosif_Stalin", "nickname", "Koba", "literal", [_ev("letter-1", "Koba", 60)]),
        Relation("Kuz'min", "other:declared_wish_to_kill", "Iosif_Stalin", "entity",
                 [_ev("letter-1", "he never wished to kill", 400, modality="denied")]),
        # below the build's threshold, kept by --keep-uncertain (kg.export.uncertain)
        Relation("Анна_Ларина", "child_of", "Iosif_Stalin", "entity",
                 [_ev("letter-1", "his daughter", 700, rule="r.pronoun", confidence=0.35)],
                 uncertain=True),
    ]
    report = {"program": {"name": "histkg", "version": "0.1.0"}, "date": "2025-01-31",
              "model": {"name": "en_core_web_sm", "version": "3.8.0", "spacy_version": "3.8.7"},
              "rules": {"count": 21, "sha256": "c" * 64}, "uncertain": {"threshold": 0.6}}
    rejected = [Relation("Iosif_Stalin", "met_with", "Kuz'min", "entity",
                         [_ev("letter-1", "Stalin met Kuz'min", 500)], {},
                         Review("rejected", "A. Historian", "2026-12-02", "Kuz'min accused no one here"))]
    return KnowledgeGraph(documents=docs, entities={e.id: e for e in people}, relations=relations,
                          report=report, rejected=rejected)


def iri(entity_id: str) -> URIRef:
    return entity_iri(BASE, entity_id)


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("rdf")
    kg = build_kg()
    rdf.write_turtle(kg, directory / "graph.ttl")
    rdf.write_trig(kg, directory / "graph.trig")
    return directory


@pytest.fixture(scope="module")
def graph(out: Path) -> Graph:
    return Graph().parse(out / "graph.ttl", format="turtle")


@pytest.fixture(scope="module")
def store(out: Path) -> ox.Store:
    store = ox.Store()
    store.load(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    return store


def ask(store: ox.Store, where: str) -> bool:
    return bool(store.query(PREFIXES + "ASK { " + where + " }"))


def select(store: ox.Store, query: str) -> list[dict[str, str]]:
    solutions = store.query(query)
    names = [v.value for v in solutions.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in solutions]


# Parsing ------------------------------------------------------------------------------

@pytest.mark.parametrize("name,fmt", [("graph.ttl", "turtle"), ("graph.trig", "trig")])
def test_output_parses_in_rdflib(out: Path, name: str, fmt: str) -> None:
    dataset = Dataset()
    dataset.parse(out / name, format=fmt)
    assert len(dataset) > 0 or sum(len(g) for g in dataset.graphs()) > 100


@pytest.mark.parametrize("name,fmt", [("graph.ttl", ox.RdfFormat.TURTLE),
                                      ("graph.trig", ox.RdfFormat.TRIG)])
def test_output_parses_in_pyoxigraph(out: Path, name: str, fmt: ox.RdfFormat) -> None:
    quads = list(ox.parse(path=str(out / name), format=fmt))
    assert len(quads) > 100


@pytest.mark.parametrize("name", ["histkg.ttl", "shapes.ttl"])
def test_ontology_files_parse_in_pyoxigraph(name: str) -> None:
    assert list(ox.parse(path=str(ONTOLOGY / name), format=ox.RdfFormat.TURTLE))


def test_trig_has_one_named_graph_per_document(out: Path) -> None:
    dataset = Dataset()
    dataset.parse(out / "graph.trig", format="trig")
    named = {str(g.identifier) for g in dataset.graphs() if len(g) and
             g.identifier != dataset.default_graph.identifier}
    assert named == {f"{BASE}doc/letter-1", f"{BASE}doc/memoir-1", f"{BASE}graph/rejected"}


def test_each_named_graph_holds_its_documents_evidence(out: Path) -> None:
    store = ox.Store()
    store.load(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG)
    rows = select(store, PREFIXES + """SELECT ?g ?doc WHERE {
        GRAPH ?g { ?ev a hkg:Evidence ; hkg:inDocument ?doc } }""")
    assert rows and all(r["g"] == r["doc"] for r in rows if r["g"] != f"{BASE}graph/rejected")


# The statement model ----------------------------------------------------------------------

def test_direct_triple_and_statement_node(store: ox.Store) -> None:
    kuzmin = "<" + iri("Kuz'min") + ">"
    assert ask(store, f"id:Nikolai_Bukharin hkg:accusedBy {kuzmin}")
    rows = select(store, PREFIXES + f"""SELECT ?count ?conf (COUNT(?ev) AS ?n) WHERE {{
        ?st a hkg:Statement ; hkg:subject id:Nikolai_Bukharin ; hkg:predicate hkg:accusedBy ;
            hkg:object {kuzmin} ; hkg:modality "asserted" ; hkg:sourceCount ?count ;
            hkg:confidence ?conf ; hkg:evidence ?ev }} GROUP BY ?count ?conf""")
    assert rows == [{"count": "2", "conf": "0.9", "n": "2"}]


def test_evidence_has_quote_and_position_selectors(store: ox.Store) -> None:
    rows = select(store, PREFIXES + """SELECT ?quote ?start ?end ?file WHERE {
        ?st hkg:predicate hkg:accusedBy ; hkg:evidence ?ev .
        ?ev hkg:inDocument/hkg:fileName ?file ; oa:hasSelector ?q, ?p .
        ?q a oa:TextQuoteSelector ; oa:exact ?quote .
        ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end } ORDER BY ?file""")
    assert rows == [
        {"quote": "accused by Kuz'min", "start": "40", "end": "58", "file": "larina memoir.txt"},
        {"quote": "Kuz'min accused me", "start": "120", "end": "138", "file": "letter.txt"},
    ]


def test_denied_statement_has_no_direct_triple(store: ox.Store) -> None:
    assert ask(store, '?st hkg:predicate hkg:otherDeclaredWishToKill ; hkg:modality "denied"')
    assert not ask(store, "?s hkg:otherDeclaredWishToKill ?o")


@pytest.mark.parametrize("subject,predicate,value,datatype", [
    ("Nikolai_Bukharin", "executedOn", "1938-03-14", XSD.date),
    ("Nikolai_Bukharin", "bornOn", "1888", XSD.gYear),
    ("Анна_Ларина", "imprisonedIn", "1937-06", XSD.gYearMonth),
])
def test_dates_are_typed_literals(graph: Graph, subject: str, predicate: str, value: str,
                                  datatype: URIRef) -> None:
    assert (iri(subject), URIRef(HKG + predicate), Literal(value, datatype=datatype)) in graph


def test_literal_object_and_qualifiers(store: ox.Store) -> None:
    assert ask(store, 'id:Iosif_Stalin hkg:nickname "Koba"')
    assert ask(store, '?st hkg:predicate hkg:wroteTo ; hkg:pointInTime "1937-12-10"^^<'
               + str(XSD.date) + '> ; hkg:qualifier "tone=pleading"')
    assert ask(store, '?st hkg:predicate hkg:spouse ; hkg:ordinal 2')


def test_timeline_bounds(store: ox.Store) -> None:
    assert ask(store, '?st hkg:predicate hkg:bornOn ; hkg:earliest "1888-01-01"^^<'
               + str(XSD.date) + '> ; hkg:latest "1888-12-31"^^<' + str(XSD.date) + ">")


def test_entities_and_documents(graph: Graph) -> None:
    doc = URIRef(f"{BASE}doc/letter-1")
    assert (doc, V.DOC_AUTHOR, iri("Nikolai_Bukharin")) in graph
    assert (doc, V.DOC_RECIPIENT, iri("Iosif_Stalin")) in graph
    assert (doc, V.HKG.fond, Literal("3")) in graph
    assert (iri("Iosif_Stalin"), URIRef("http://www.w3.org/2002/07/owl#sameAs"),
            URIRef("http://www.wikidata.org/entity/Q855")) in graph
    assert (iri("Анна_Ларина"), RDF.type, V.HKG.Person) in graph


@pytest.mark.parametrize("entity_id,local", [
    ("Kuz'min", "Kuz%27min"),
    ("Анна_Ларина", "%D0%90%D0%BD%D0%BD%D0%B0_%D0%9B%D0%B0%D1%80%D0%B8%D0%BD%D0%B0"),
    ("a b/c", "a%20b%2Fc"), ("..", "%2E%2E"),
])
def test_entity_iris_are_safe(entity_id: str, local: str) -> None:
    assert str(iri(entity_id)) == BASE + local


def test_cyrillic_label_round_trips(graph: Graph) -> None:
    assert graph.value(iri("Анна_Ларина"), URIRef("http://www.w3.org/2000/01/rdf-schema#label")) \
        == Literal("Анна Ларина")


# Consistency with the dataset, the ontology and the shapes -----------------------------

def test_turtle_is_isomorphic_to_dataset_union(graph: Graph) -> None:
    dataset = rdf.to_dataset(build_kg())
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    assert isomorphic(union, graph)


def test_trig_graphs_are_isomorphic_to_dataset_graphs(out: Path) -> None:
    expected = rdf.to_dataset(build_kg())
    parsed = Dataset()
    parsed.parse(out / "graph.trig", format="trig")
    for name in (f"{BASE}doc/letter-1", f"{BASE}doc/memoir-1"):
        assert isomorphic(expected.graph(URIRef(name)), parsed.graph(URIRef(name)))


def _ontology() -> Graph:
    return Graph().parse(ONTOLOGY / "histkg.ttl")


def test_shacl_conforms(graph: Graph) -> None:
    pyshacl = pytest.importorskip("pyshacl")
    conforms, _, text = pyshacl.validate(graph, shacl_graph=str(ONTOLOGY / "shapes.ttl"),
                                         ont_graph=_ontology(), inference="none")
    assert conforms, text


def test_shacl_catches_statement_without_evidence() -> None:
    pyshacl = pytest.importorskip("pyshacl")
    kg = build_kg()
    kg.relations.append(Relation("Iosif_Stalin", "spouse", "Анна_Ларина", "entity", []))
    broken = Graph()
    for s, p, o, _ in rdf.to_dataset(kg).quads((None, None, None, None)):
        broken.add((s, p, o))
    conforms, _, text = pyshacl.validate(broken, shacl_graph=str(ONTOLOGY / "shapes.ttl"))
    assert not conforms and "quoted passage" in text


def test_every_predicate_is_declared(graph: Graph) -> None:
    declared = set(_ontology().subjects(RDF.type, None))
    declared |= set(graph.subjects(RDF.type, RDF.Property))
    used = {p for p in graph.predicates() if str(p).startswith(HKG)}
    used |= {o for o in graph.objects(None, V.PREDICATE)}
    assert used and used <= declared, used - declared


def test_vocab_mirrors_ontology() -> None:
    declared = {str(s) for s in _ontology().subjects(RDF.type, None) if str(s).startswith(HKG)}
    in_vocab = {str(v) for v in vars(V).values()
                if isinstance(v, URIRef) and str(v).startswith(HKG)}
    for table in (V.CLASS_FOR_TYPE, V.QUALIFIER_PROPERTIES, V.CITATION_PROPERTIES):
        in_vocab |= {str(v) for v in table.values()}
    in_vocab |= {str(V.predicate_iri(p)) for p in V.KNOWN_PREDICATES}
    assert in_vocab <= declared, in_vocab - declared
    names = {str(o) for o in _ontology().objects(None, SKOS.notation)}
    assert set(V.KNOWN_PREDICATES) <= names


# Curation (kg.export.rdf_review) --------------------------------------------------------

def test_reviewed_statements_carry_status_curator_date_and_note(graph: Graph) -> None:
    statuses = {str(o) for o in graph.objects(None, V.REVIEW_STATUS)}
    assert statuses == {"accepted", "rejected"}
    [rejected] = graph.subjects(V.REVIEW_STATUS, Literal("rejected"))
    curator = graph.value(rejected, PROV.wasAttributedTo)
    assert (curator, RDF.type, PROV.Person) in graph and str(graph.value(curator, RDFS.label)) == "A. Historian"
    assert str(graph.value(rejected, V.REVIEW_NOTE)) == "Kuz'min accused no one here"
    assert graph.value(rejected, DCTERMS.date) == Literal("2026-12-02", datatype=XSD.date)


def test_a_rejected_statement_has_no_direct_triple_and_a_graph_of_its_own(graph: Graph, out: Path) -> None:
    assert (iri("Iosif_Stalin"), V.HKG.metWith, iri("Kuz'min")) not in graph
    assert (iri("Nikolai_Bukharin"), V.HKG.wroteTo, iri("Iosif_Stalin")) in graph
    dataset = Dataset()
    dataset.parse(out / "graph.trig", format="trig")
    own = dataset.graph(URIRef(BASE + "graph/rejected"))
    assert set(own.subjects(V.REVIEW_STATUS, None)) == set(graph.subjects(V.REVIEW_STATUS, Literal("rejected")))
    assert not set(dataset.graph(document_iri(BASE, "letter-1")).subjects(V.REVIEW_STATUS, Literal("rejected")))


def test_an_uncertain_statement_is_flagged_and_has_no_direct_triple(graph: Graph, store: ox.Store) -> None:
    [node] = graph.subjects(V.UNCERTAIN, Literal(True))
    assert graph.value(node, V.SUBJECT) == iri("Анна_Ларина")
    assert graph.value(node, V.CONFIDENCE) == Literal("0.35", datatype=XSD.decimal)
    assert (iri("Анна_Ларина"), V.HKG.childOf, iri("Iosif_Stalin")) not in graph
    assert ask(store, "?run hkg:minConfidence 0.6")


@pytest.mark.parametrize("change,message", [
    (lambda g, st: g.add((iri("Анна_Ларина"), V.HKG.childOf, iri("Iosif_Stalin"))),
     "has a direct triple"),
    (lambda g, st: (g.remove((st, V.CONFIDENCE, None)), g.add((st, V.CONFIDENCE, Literal("0.7", datatype=XSD.decimal)))),
     "not below its build's hkg:minConfidence"),
    (lambda g, st: g.add((st, V.REVIEW_STATUS, Literal("accepted"))), "no longer uncertain"),
])
def test_shacl_catches_a_broken_uncertain_statement(graph: Graph, change, message: str) -> None:
    pyshacl = pytest.importorskip("pyshacl")
    broken = Graph()
    for triple in graph:
        broken.add(triple)
    [node] = broken.subjects(V.UNCERTAIN, Literal(True))
    change(broken, node)
    conforms, _, text = pyshacl.validate(broken, shacl_graph=str(ONTOLOGY / "shapes.ttl"),
                                         ont_graph=_ontology(), inference="none")
    assert not conforms and message in text


# Queries ----------------------------------------------------------------------------

def test_uncertain_query_lists_the_flagged_statement(store: ox.Store) -> None:
    rows = select(store, (ONTOLOGY / "queries" / "uncertain.rq").read_text())
    assert [(r["confidence"], r["subjectLabel"], r["property"], r["rule"]) for r in rows] == [
        ("0.35", "Анна Ларина", "childOf", "r.pronoun")]


def test_accusation_query(store: ox.Store) -> None:
    rows = select(store, (ONTOLOGY / "queries" / "accusations.rq").read_text())
    assert [(r["accuserLabel"], r["accusedLabel"], r["file"]) for r in rows] == [
        ("V. V. Kuz'min", "Nikolai Bukharin", "larina memoir.txt"),
        ("V. V. Kuz'min", "Nikolai Bukharin", "letter.txt"),
    ]


@pytest.mark.parametrize("name,expected", [
    ("family.rq", {("spouse", "Nikolai Bukharin", "Анна Ларина")}),
    ("multi_source.rq", {("Nikolai Bukharin", "2"), ("V. V. Kuz'min", "2")}),
])
def test_research_queries(store: ox.Store, name: str, expected: set[tuple[str, ...]]) -> None:
    rows = select(store, (ONTOLOGY / "queries" / name).read_text())
    keys = {"family.rq": ("relation", "personLabel", "relativeLabel"),
            "multi_source.rq": ("label", "documents")}[name]
    assert {tuple(r[k] for k in keys) for r in rows} == expected


@pytest.mark.parametrize("query", sorted((ONTOLOGY / "queries").glob("*.rq")), ids=lambda p: p.name)
def test_every_query_runs(store: ox.Store, query: Path) -> None:
    assert select(store, query.read_text())


# Files --------------------------------------------------------------------------------

_WRITE = """
import sys
sys.path.insert(0, {tests!r})
from test_export_rdf import build_kg
from kg.export import jsonld, rdf
(getattr(rdf, {func!r}, None) or getattr(jsonld, {func!r}))(build_kg(), {path!r})
"""


@pytest.mark.parametrize("func,name", [("write_turtle", "graph.ttl"), ("write_trig", "graph.trig"),
                                       ("write_jsonld", "graph.jsonld")])
def test_output_is_byte_identical_across_processes(tmp_path: Path, func: str, name: str) -> None:
    contents = []
    for seed in ("1", "12345"):
        path = tmp_path / seed / name
        code = _WRITE.format(tests=str(ROOT / "tests"), func=func, path=str(path))
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=ROOT)
        contents.append(path.read_bytes())
    assert contents[0] == contents[1]


def test_atomic_write_leaves_no_temporary_files(out: Path) -> None:
    assert sorted(p.name for p in out.iterdir()) == ["graph.trig", "graph.ttl"]


def test_custom_base(tmp_path: Path) -> None:
    rdf.write_turtle(build_kg(), tmp_path / "g.ttl", base="http://example.org/kg/")
    graph = Graph().parse(tmp_path / "g.ttl")
    assert (URIRef("http://example.org/kg/Iosif_Stalin"), RDF.type, V.HKG.Person) in graph


@pytest.mark.parametrize("base", ["histkg", "http://example.org/kg", "http://ex.org/a b/"])
def test_bad_base_is_refused(base: str) -> None:
    with pytest.raises(ValueError):
        rdf.to_dataset(build_kg(), base=base)


def _reference_key(term):
    """The order the writers promise, as a tuple: IRIs before literals, then text, datatype, language."""
    from rdflib import Literal as Lit

    if isinstance(term, Lit):
        return (1, str(term), str(term.datatype or ""), term.language or "")
    return (0, str(term), "", "")


def test_the_written_order_of_terms_is_the_promised_one_even_with_control_characters():
    from itertools import permutations

    from rdflib import XSD, Literal as Lit, URIRef as IRI

    from kg.export.turtle import term_key

    terms = [IRI("http://ex.org/a"), IRI("http://ex.org/ab"), IRI("http://ex.org/a%20"),
             Lit("a"), Lit("a\x00"), Lit("a\x00b"), Lit("a\x01"), Lit(""), Lit("a", lang="en"),
             Lit("a", datatype=XSD.string), Lit("1", datatype=XSD.integer), Lit("1", datatype=XSD.gYear),
             Lit("ab"), Lit("a b")]
    expected = sorted(terms, key=_reference_key)
    for start in list(permutations(range(3))):  # whatever the order they come in
        shuffled = [terms[i] for i in start] + terms[3:][::-1]
        assert sorted(shuffled, key=term_key) == expected
