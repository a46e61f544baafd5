"""The annotate step: Documents → spaCy Docs with histkg-typed entities → Mentions.

>>> from kg.model import Document, Passage
>>> text = "Koba wrote to Kamenev in June 1937."
>>> doc = Document(id="d-1", source="d.txt", path="d.txt", sha256="",
...                passages=[Passage("d-1", "d.txt", 0, "body", text, tuple(range(len(text) + 1)))])
>>> nlp = load_pipeline()  # doctest: +SKIP
>>> [(m.text, m.type) for m in annotate_document(nlp, doc, text).mentions]  # doctest: +SKIP
[('Koba', 'PERSON'), ('Kamenev', 'PERSON'), ('June 1937', 'DATE')]
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.annotate.components import NESTED, date_values, origin_of
from kg.annotate.batching import BATCH_SIZE, char_batches
from kg.annotate.consistency import harmonise, name_key
from kg.annotate.gazetteer import Gazetteer
from kg.annotate.doc_title import title_as_work
from kg.annotate.headings import confirm_headings
from kg.annotate.inverted import join_inverted, name_of
from kg.annotate.ops import one_thread
from kg.annotate.pipeline import load_pipeline, model_info
from kg.annotate.lemma_forms import LemmaForms
from kg.annotate.scripts import bracketed_script_names
from kg.annotate.selective import SelectiveRunner, Wants, every_sentence
from kg.annotate.type_cues import TypeCues
from kg.model import Document, Mention, Passage

__all__ = ["BATCH_SIZE", "AnnotatedDocument", "annotate_document", "load_pipeline", "model_info", "runner_for"]


@dataclass(slots=True)
class AnnotatedDocument:
    """A document with one parsed spaCy Doc per passage and its mentions."""

    document: Document
    docs: list[tuple[Passage, Doc]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


def annotate_document(nlp: Language, document: Document, file_text: str,
                      wants: Wants = every_sentence) -> AnnotatedDocument:
    """Run the pipeline on every passage of ``document``; ``file_text`` is the decoded file.

    Names are found in every sentence; the parser runs on the sentences ``wants`` selects
    (all by default; the build passes the link rules' :class:`kg.link.needs.ParseNeeds`)."""
    runner = runner_for(nlp)
    with one_thread():
        docs = [d for group in char_batches([p.text for p in document.passages]) for d in runner.names(group)]
        document.type_votes = harmonise(docs, _cues(nlp), runner.english)
        for doc in docs:
            bracketed_script_names(doc)
        pairs = list(zip(document.passages, docs))
        confirm_headings([(p.layer, d) for p, d in pairs], runner.english)
        title_as_work([(p.layer, d) for p, d in pairs])
        for doc in docs:
            join_inverted(doc)
        runner.syntax(docs, wants)
    gazetteer = nlp.get_pipe("kg_gazetteer").gazetteer
    mentions = [_mention(p, d, e, file_text, gazetteer) for p, d in pairs for e in _spans(d)]
    return AnnotatedDocument(document, pairs, mentions)


_RUNNERS: "weakref.WeakKeyDictionary[Language, SelectiveRunner]" = weakref.WeakKeyDictionary()


def runner_for(nlp: Language) -> SelectiveRunner:
    """The two-stage runner of ``nlp`` (made once per pipeline)."""
    if nlp not in _RUNNERS:
        _RUNNERS[nlp] = SelectiveRunner(nlp)
    return _RUNNERS[nlp]


_CUES: "weakref.WeakKeyDictionary[Language, TypeCues]" = weakref.WeakKeyDictionary()


def _cues(nlp: Language) -> TypeCues:
    """The type cues, with verbs in the forms of ``nlp``'s lemmatizer tables (made once)."""
    if nlp not in _CUES:
        _CUES[nlp] = TypeCues.load(LemmaForms.from_nlp(nlp))
    return _CUES[nlp]


def _spans(doc: Doc) -> list[Span]:
    """Entities plus the names nested inside longer ones, in text order."""
    at = {(e.start, e.end) for e in doc.ents}  # a nested name is never the whole of one
    nested = [s for s in doc.spans[NESTED] if (s.start, s.end) not in at] if NESTED in doc.spans else []
    return sorted([*doc.ents, *nested], key=lambda s: (s.start, -s.end))


def _mention(passage: Passage, doc: Doc, ent: Span, file_text: str, gazetteer: Gazetteer) -> Mention:
    start, end = passage.to_file(ent.start_char, ent.end_char)
    sent = ent.sent
    s_start, s_end = passage.to_file(sent.start_char, sent.end_char)
    key = ent.kb_id_ or None
    entry = gazetteer.get(key) if key else None
    return Mention(
        doc_id=passage.doc_id, source=passage.source, start=start, end=end,
        text=file_text[start:end], type=ent.label_, passage=passage.index,
        sent_start=s_start, sent_end=s_end, origin=origin_of(ent), key=key,
        wikidata=entry.wikidata if entry else None, name=name_of(ent) or _name(ent, passage),
        date=date_values(doc).get((ent.start_char, ent.end_char)) if ent.label_ == "DATE" else None,
    )


def _name(ent: Span, passage: Passage) -> str:
    """The entity's name as the passage writes it (a Doc may show capitals in another case:
    :mod:`kg.annotate.recase`), without a possessive ending, whitespace normalised."""
    text = passage.text[ent.start_char:ent.end_char]
    key = name_key(text)
    return " ".join(text.split())[: len(key)] if key else text
