"""Rule kinds that are not dependency paths: lifespans, letter metadata, bracketed glosses
and names nested in event names. Each function takes the rules of its kind and returns
assertions for one passage (or one document, for metadata)."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.annotate.components import NESTED, date_values
from kg.link.arguments import ArgumentFinder
from kg.link.evidence import evidence, qualifiers
from kg.link.rules import Rule
from kg.model import Assertion, Document, Evidence, Mention, Passage

OPEN, CLOSE = {"[": "]", "(": ")"}, {"]", ")"}
GLOSS_MAX = 16  # tokens a bracketed gloss may span


def meta_mention(document: Document, name: str, type_: str = "PERSON") -> Mention:
    """A mention standing for a name the read step found in a document's metadata."""
    return Mention(document.id, document.source, document.start, document.start, name, type_,
                   -1, origin="metadata", name=name)


BORN, DIED = {"born", "b.", "b", "née"}, {"died", "d.", "d", "executed", "shot", "killed"}
DASHES = {"–", "-", "—", "to"}
MIN_LIFE = 10  # years: a shorter bracketed span is a term of office or a stay


def lifespans(rules: list[Rule], passage: Passage, doc: Doc, finder: ArgumentFinder) -> list[Assertion]:
    """born_on / died_on from a bracket after a person's name: "Name (1888–1938)",
    "Name (May 5, 1901 – June 10, 1950)", "Name (born 1901)", "Name (died 12 March 1938)"."""
    out = []
    for tok in doc:
        if not tok.text.startswith("(") or tok.text == "()" or tok.i == 0:
            continue
        hit = _named_before(doc, tok.i, finder)
        if hit is None or hit[1].type != "PERSON":
            continue
        dated = _bracket_dates(doc, tok.i)
        for part, ent in dated:
            value = date_values(doc).get((ent.start_char, ent.end_char))
            for rule in rules:
                if value is not None and value.kind not in {"duration"} and rule.part == part \
                        and rule.object_kind == "date":
                    out.append(Assertion(hit[1], rule.predicate, value.edtf, "date",
                                         evidence(rule, ent.root, passage)))
        out += _bracket_places(rules, hit[1], dated, passage, finder)
    return out


def _named_before(doc: Doc, open_i: int, finder: ArgumentFinder) -> tuple[Span, Mention] | None:
    """The entity a bracket at ``open_i`` follows: right before it, or before a comma, an
    emptied bracket "()" and post-nominal letters ("Name, OBE (born …)", "Name, () (…)")."""
    i = open_i - 1
    while i >= 0 and _skippable(doc[i]):
        i -= 1
    if i < 0:
        return None
    hit = finder.entity(doc[i])
    if hit is not None and i < open_i - 1 and _postnominal(hit[0]):
        return _named_before(doc, hit[0].start, finder)
    return hit


def _skippable(tok: Token) -> bool:
    """Between a name and its lifespan: a comma, an emptied bracket, post-nominal letters."""
    return tok.text in {",", "()", "(", ")"} or (_postnominal_word(tok.text)
                                                 and tok.i > 0 and tok.doc[tok.i - 1].text == ",")


def _postnominal(span: Span) -> bool:
    return all(_postnominal_word(t.text) for t in span)


def _postnominal_word(text: str) -> bool:
    """Post-nominal letters: 'OBE', 'KCMG', 'OSB', 'T.C' (capitals and dots, 2–6 letters)."""
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def _bracket_places(rules: list[Rule], person: Mention, dated: list[tuple[str, Span]],
                    passage: Passage, finder: ArgumentFinder) -> list[Assertion]:
    """born_in / died_in from the first place beside each date of a lifespan bracket:
    "(San Fernando, Chile, August 29, 1869 – Santiago, July 23, 1925)",
    "(18 December 1931 in Mladá Boleslav – 10 November 1991 in Prague)",
    "(born 6 April 1953, Berlin)" (the country or region after a town is not the place)."""
    if not dated:
        return []
    doc = dated[0][1].doc
    open_i = next(t.i for t in reversed(doc[:dated[0][1].start]) if t.text.startswith("("))
    close_i = next(t.i for t in doc[dated[-1][1].end:] if t.text == ")")
    halves = {dated[0][0]: (open_i, close_i)}
    if len(dated) == 2:
        dash = [t.i for t in doc[dated[0][1].end:dated[1][1].start] if t.text in DASHES][-1]
        halves = {"start": (open_i, dash), "end": (dash, close_i)}
    out = []
    for rule in (r for r in rules if r.object_kind == "entity" and r.part in halves):
        lo, hi = halves[rule.part]
        place = next((hit for ent in doc.ents if lo < ent.start and ent.end <= hi
                      for hit in [finder.entity(ent.root)]
                      if hit is not None and hit[1].type in rule.object), None)
        if place is not None:
            out.append(Assertion(person, rule.predicate, place[1], "entity",
                                 evidence(rule, place[0].root, passage)))
    return out


def _bracket_dates(doc: Doc, open_i: int) -> list[tuple[str, Span]]:
    """(part, DATE span) pairs in the bracket opening at ``open_i``: a dash between two dates
    makes them start and end; 'born'/'died' words name the part of a single date."""
    close = next((t.i for t in doc[open_i + 1: open_i + 24] if t.text == ")"), None)
    if close is None:
        return []
    inside = doc[open_i + 1: close]
    dates = [e for e in doc.ents if e.label_ == "DATE" and open_i < e.start and e.end <= close]
    words = {t.lower_ for t in inside}
    if len(dates) == 2 and any(t.text in DASHES for t in doc[dates[0].end: dates[1].start]):
        return [] if _short_span(dates) else [("start", dates[0]), ("end", dates[1])]
    if len(dates) == 1 and words & BORN:
        return [("start", dates[0])]
    if len(dates) == 1 and words & DIED:
        return [("end", dates[0])]
    return []


def _short_span(dates: list[Span]) -> bool:
    """Two years less than MIN_LIFE apart bound a term or a stay, not a life: 'Its first
    commander was Admiral X (1944 – 45)', 'alumni include X (1946 - 1950)'."""
    values = [date_values(d.doc).get((d.start_char, d.end_char)) for d in dates]
    years = [int(v.edtf[:4]) for v in values if v is not None and v.edtf[:4].isdigit()]
    return len(years) == 2 and 0 <= years[1] - years[0] < MIN_LIFE


def metadata(rules: list[Rule], document: Document, mentions: list[Mention]) -> list[Assertion]:
    """wrote_to (author → each recipient) and author_of (author → the document's title)."""
    passage = _metadata_passage(document)
    title = _title_work(document, mentions)
    out = []
    for author in (meta_mention(document, name) for name in document.authors()):
        for rule in rules:
            ev = _metadata_evidence(rule, document, passage)
            quals = {"date": document.date} if document.date else {}
            if rule.predicate == "wrote_to":
                out += [Assertion(author, "wrote_to", meta_mention(document, n), "entity", ev, dict(quals))
                        for n in document.recipients]
            elif rule.predicate == "author_of" and title is not None:
                out.append(Assertion(author, "author_of", title, "entity", ev, dict(quals)))
    return out


def _title_work(document: Document, mentions: list[Mention]) -> Mention | None:
    titles = {p.index for p in document.passages if p.layer == "title"}
    works = [m for m in mentions if m.type == "WORK" and m.passage in titles]
    return works[0] if works else None


def _metadata_evidence(rule: Rule, document: Document, passage: Passage | None) -> Evidence:
    if passage is None:
        return Evidence(document.id, document.source, document.author or "", document.start,
                        document.start, rule.id, rule.confidence, "asserted", "title")
    start, end = passage.to_file(0, len(passage.text))
    return Evidence(document.id, document.source, passage.text, start, end, rule.id,
                    rule.confidence, "asserted", passage.layer)


def _metadata_passage(document: Document) -> Passage | None:
    """The passage that states who wrote to whom: the title, else the signature, else the first."""
    for layer in ("title", "signature"):
        for passage in document.passages:
            if passage.layer == layer and passage.text.strip():
                return passage
    return document.passages[0] if document.passages else None


def glosses(rules: list[Rule], passage: Passage, doc: Doc, finder: ArgumentFinder) -> list[Assertion]:
    """Bracketed glosses after a name: "Anyuta [his second wife]", "Koba [a nickname for Stalin]".

    The glossed name fills the role the rule's ``glossed`` field names (subject by default);
    the other argument is found from the trigger inside the brackets. In a letter's body a
    third-person pronoun inside an editor's gloss is the letter's author.
    """
    out = []
    by_lemma = {lemma: [r for r in rules if lemma in r.trigger] for r in rules for lemma in r.trigger}
    for ent in doc.ents:
        inside = _bracket_after(ent)
        hit = finder.entity(ent.root)
        if inside is None or hit is None:
            continue
        for tok in inside:
            for rule in by_lemma.get(tok.lemma_.lower(), ()):
                out += _gloss(rule, tok, hit[1], passage, finder)
    return out


def _bracket_after(ent: Span) -> Span | None:
    doc = ent.doc
    if ent.end >= len(doc) or doc[ent.end].text not in OPEN:
        return None
    for j in range(ent.end + 1, min(len(doc), ent.end + GLOSS_MAX)):
        if doc[j].text in CLOSE:
            return doc[ent.end + 1:j]
    return None


def _gloss(rule: Rule, trigger: Token, glossed: Mention, passage: Passage,
           finder: ArgumentFinder) -> list[Assertion]:
    if glossed.type not in (rule.object if rule.part == "object" else rule.subject):
        return []
    paths = rule.subject_paths if rule.part == "object" else rule.object_paths
    types = rule.subject if rule.part == "object" else rule.object
    others = finder.find(trigger, paths, types, {glossed.name}, editorial=True)
    ev, quals = evidence(rule, trigger, passage), qualifiers(rule, trigger)
    if rule.part == "object":
        value = glossed.text if rule.object_kind == "literal" else glossed
        return [Assertion(o, rule.predicate, value, rule.object_kind, ev, dict(quals)) for o in others]
    return [Assertion(glossed, rule.predicate, o, rule.object_kind, ev, dict(quals)) for o in others]


def _hyphen_joined(span: Span) -> bool:
    """'Franco' of 'the Franco-German War': a name joined by a hyphen to the next word is part
    of an adjective, not someone who took part."""
    doc = span.doc
    return (span.end < len(doc) and doc[span.end].text == "-" and not doc[span.end - 1].whitespace_
            or span.start > 0 and doc[span.start - 1].text == "-" and not doc[span.start - 1].whitespace_)


def nested(rules: list[Rule], passage: Passage, doc: Doc, finder: ArgumentFinder) -> list[Assertion]:
    """Names inside an event's name take part in it: "the trial of Kamenev and Zinoviev"."""
    if NESTED not in doc.spans:
        return []
    out = []
    for inner in (s for s in doc.spans[NESTED] if not _hyphen_joined(s)):
        outer = next((e for e in doc.ents if e.start <= inner.start and inner.end <= e.end), None)
        inner_hit, outer_hit = finder.nested(inner), finder.entity(outer.root) if outer else None
        for rule in rules:
            if outer is not None and any(t.lower_ in rule.unless for t in doc[outer.start:inner.start]):
                continue  # "the murder of the Romanovs": the victims, not those who took part
            if inner_hit and outer_hit and inner_hit.type in rule.subject and outer_hit[1].type in rule.object:
                out.append(Assertion(inner_hit, rule.predicate, outer_hit[1], "entity",
                                     evidence(rule, inner.root, passage), qualifiers(rule, inner.root)))
    return out
