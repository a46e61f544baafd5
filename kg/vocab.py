"""The RDF vocabulary of histkg: every IRI the exporters write, in one place.

This module mirrors ``ontology/histkg.ttl`` (the tests check that every ``hkg:`` name
used here is declared there). Relation predicates are snake_case in the model
(``accused_by``) and camelCase in RDF (``hkg:accusedBy``); :func:`predicate_iri`
maps one to the other, also for predicates the ontology does not know yet.

>>> str(predicate_iri("accused_by"))
'https://histkg.org/ontology#accusedBy'
>>> str(predicate_iri("other:comrade_of"))
'https://histkg.org/ontology#otherComradeOf'
>>> str(CLASS_FOR_TYPE["PERSON"])
'https://histkg.org/ontology#Person'
"""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, Namespace, URIRef

#: ``ontology/``: the ontology, the SHACL shapes and the example queries (``queries/*.rq``).
ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"

RDF_TYPE = RDF.type  # rdflib computes a defined namespace's terms on each access: the hot one, once
HKG = Namespace("https://histkg.org/ontology#")
SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
SH = Namespace("http://www.w3.org/ns/shacl#")

#: Prefixes written at the top of graph.ttl / graph.trig (prefix → namespace).
PREFIXES: dict[str, str] = {
    "dcterms": str(DCTERMS),
    "hkg": str(HKG),
    "oa": str(OA),
    "owl": str(OWL),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "schema": str(SCHEMA),
    "skos": str(SKOS),
    "wd": str(WD),
    "wdt": str(WDT),
    "xsd": str(XSD),
}

# Classes ---------------------------------------------------------------------------
ENTITY = HKG.Entity
STATEMENT = HKG.Statement
EVIDENCE = HKG.Evidence
DOCUMENT = HKG.Document

#: Model entity type → (histkg class, schema.org class or None).
CLASS_FOR_TYPE: dict[str, URIRef] = {
    "PERSON": HKG.Person,
    "ORG": HKG.Organisation,
    "EVENT": HKG.Event,
    "WORK": HKG.Work,
    "PLACE": HKG.Place,
    "GROUP": HKG.Group,
    "DATE": HKG.TimeSpan,
}
SCHEMA_CLASS_FOR_TYPE: dict[str, URIRef] = {
    "PERSON": SCHEMA.Person,
    "ORG": SCHEMA.Organization,
    "EVENT": SCHEMA.Event,
    "WORK": SCHEMA.CreativeWork,
    "PLACE": SCHEMA.Place,
}

# Statement and evidence properties ------------------------------------------------------
SUBJECT = HKG.subject
PREDICATE = HKG.predicate
OBJECT = HKG.object
OBJECT_KIND = HKG.objectKind
MODALITY = HKG.modality
CONFIDENCE = HKG.confidence
RULE = HKG.rule
SOURCE_COUNT = HKG.sourceCount
HAS_EVIDENCE = HKG.evidence
IN_DOCUMENT = HKG.inDocument
LAYER = HKG.layer
PAGE = HKG.page
LAST_PAGE = HKG.lastPage
DIVISION = HKG.Division
VALUE_SOURCE = HKG.ValueSource
HAS_VALUE_SOURCE = HKG.valueSource
VALUE_FIELD = HKG.field
GIVEN_BY = HKG.givenBy
DIVISION_KIND = HKG.divisionKind
DIVISION_NUMBER = HKG.divisionNumber
EDTF = HKG.edtf
EARLIEST = HKG.earliest
LATEST = HKG.latest
QUALIFIER = HKG.qualifier

#: Qualifier keys of :class:`kg.model.Relation` with a property of their own;
#: any other key is written as ``hkg:qualifier "key=value"``.
QUALIFIER_PROPERTIES: dict[str, URIRef] = {
    "date": HKG.pointInTime,
    "start": HKG.startTime,
    "end": HKG.endTime,
    "role": HKG.role,
    "order": HKG.ordinal,
    "place": HKG.place,
    "person": HKG.person,
    "addressee": HKG.addressee,
    "note": HKG.note,
}
#: Qualifier keys whose values are dates (typed like relation dates).
DATE_QUALIFIERS: frozenset[str] = frozenset({"date", "start", "end"})

# Web Annotation ---------------------------------------------------------------------
OA_ANNOTATION = OA.Annotation
OA_SPECIFIC_RESOURCE = OA.SpecificResource
OA_HAS_SELECTOR = OA.hasSelector
OA_QUOTE_SELECTOR = OA.TextQuoteSelector
OA_POSITION_SELECTOR = OA.TextPositionSelector
OA_EXACT = OA.exact
OA_PREFIX = OA.prefix
OA_SUFFIX = OA.suffix
OA_START = OA.start
OA_END = OA.end

# Documents ----------------------------------------------------------------------------
DOC_KIND = HKG.kind
DOC_FILE_NAME = HKG.fileName
DOC_SHA256 = HKG.sha256
DOC_AUTHOR = HKG.author
DOC_AUTHOR_NAME = HKG.authorName
DOC_RECIPIENT = HKG.recipient
DOC_RECIPIENT_NAME = HKG.recipientName
DOC_DATE_TEXT = HKG.dateText
DOC_PUBLISHED = HKG.published
#: Citation attribute of :class:`kg.model.Citation` → property.
CITATION_PROPERTIES: dict[str, URIRef] = {
    "archive": HKG.archive,
    "fond": HKG.fond,
    "opis": HKG.opis,
    "delo": HKG.delo,
    "listy": HKG.listy,
    "published": HKG.published,
}

# Provenance: the build run that generated the statements ---------------------------------
BUILD_ACTIVITY = HKG.BuildActivity
PROGRAM_VERSION = HKG.programVersion
MODEL_NAME = HKG.modelName
MODEL_VERSION = HKG.modelVersion
SPACY_VERSION = HKG.spacyVersion
RULES_SHA256 = HKG.rulesSha256
RULE_COUNT = HKG.ruleCount
WAS_GENERATED_BY = PROV.wasGeneratedBy
WAS_ASSOCIATED_WITH = PROV.wasAssociatedWith
SOFTWARE_AGENT = PROV.SoftwareAgent
ACTIVITY = PROV.Activity
# Curation: who reviewed a statement (kg.curate, kg.export.rdf_review) ---------------------
REVIEW_STATUS = HKG.reviewStatus
REVIEW_NOTE = HKG.reviewNote
WAS_ATTRIBUTED_TO = PROV.wasAttributedTo
PERSON_AGENT = PROV.Person
# A curator's change to an entity (merge, split, relabel, retype), kg.curate.entities
ENTITY_CURATION = HKG.EntityCuration
CURATION_KIND = HKG.curationKind
CURATION_NOTE = HKG.curationNote
WAS_DERIVED_FROM = PROV.wasDerivedFrom
WAS_INFLUENCED_BY = PROV.wasInfluencedBy
USED = PROV.used
#: Kinds of entity changes (mirrors kg/data/curation.toml and the SHACL shapes).
ENTITY_CHANGE_KINDS: tuple[str, ...] = ("merge", "split", "relabel", "retype")
# Confidence threshold (kg.export.uncertain): statements below it, kept by --keep-uncertain
UNCERTAIN = HKG.uncertain
MIN_CONFIDENCE = HKG.minConfidence
#: Review statuses (mirrors kg.model.Review and the SHACL shapes).
REVIEW_STATUSES: tuple[str, ...] = ("accepted", "rejected", "added")
#: A document mentions an entity (schema.org), written for every document an entity occurs in.
MENTIONS = SCHEMA.mentions

#: The relation predicates the ontology declares (snake_case names of the model).
KNOWN_PREDICATES: tuple[str, ...] = (
    "accused", "accused_by", "allied_with", "arrested_on", "asks_forgiveness_of",
    "author_of", "born_on", "child_of", "denounced_by", "died_on", "executed_on",
    "follower_of", "imprisoned_in", "implicated_by", "killed_by", "met_with",
    "member_of", "nickname", "parent_of", "participated_in", "position_held",
    "requested", "spouse", "wrote_to",
    # predicates v2 (issue 13)
    "born_in", "died_in", "educated_at", "sibling_of", "head_of", "editor_of", "exiled_to",
    "sentenced_to", "rehabilitated_on", "resigned_from", "moved_to", "located_in",
)

#: Modalities a statement may have (mirrors kg.model.MODALITIES and the SHACL shapes).
MODALITY_VALUES: tuple[str, ...] = ("asserted", "negated", "denied", "hypothetical", "reported")
#: Modalities under which the plain ("truthy") triple is written, as in Wikidata's wdt:.
TRUTHY_MODALITIES: frozenset[str] = frozenset({"asserted", "reported"})

_WORD = re.compile(r"[A-Za-z0-9]+")
_WIKIDATA_ID = re.compile(r"^Q[1-9][0-9]*$")


def camel_case(name: str) -> str:
    """``accused_by`` → ``accusedBy``; any run of non-alphanumerics separates words.

    >>> camel_case("other:comrade_of"), camel_case("spouse"), camel_case("Ä-b")
    ('otherComradeOf', 'spouse', 'b')
    """
    words = _WORD.findall(name)
    if not words:
        return "relatedTo"
    head, *rest = words
    return head[0].lower() + head[1:] + "".join(w[0].upper() + w[1:] for w in rest)


def predicate_iri(name: str) -> URIRef:
    """The property IRI of a model predicate name (declared or not)."""
    return HKG[camel_case(name)]


def wikidata_iri(qid: str | None) -> URIRef | None:
    """``Q855`` → ``wd:Q855``; ``None`` for anything that is not a Wikidata item id.

    >>> wikidata_iri("Q855") == WD.Q855, wikidata_iri("855"), wikidata_iri(None)
    (True, None, None)
    """
    if qid and _WIKIDATA_ID.match(qid.strip()):
        return WD[qid.strip()]
    return None
