"""Selective parsing: names everywhere, the parser only where a relation can be found.

A book's sentences mostly state no relation, yet the tagger, parser, attribute ruler and
lemmatizer cost as much as the entity recogniser. The annotate step therefore runs in two
stages:

1. **Names** on every sentence: the tokenizer, a rule-based sentence splitter, and the
   components that find and type names (``kg_gazetteer``, ``ner``, ``kg_types`` …).
2. **Syntax** (``tok2vec``, ``tagger``, ``parser``, ``attribute_ruler``, ``lemmatizer``) on
   the sentences a ``wants(sentence) -> bool`` test selects — by default every sentence; the
   build passes the test its link rules derive (:class:`kg.link.needs.ParseNeeds`). Each
   selected sentence is parsed as its own Doc and its tags, lemmas and tree are copied back.

A sentence left unparsed keeps its boundaries as a flat tree (its first token the root, the
others attached to it as ``dep``, spaCy's "unclassified dependent") and has no tags or
lemmas. ``doc._.kg_sentences`` lists the first stage's sentences as ``(start, end, parsed)``
token ranges; :func:`unparsed` gives the ranges the link step skips. A Doc from the cache is
brought to the state a fresh run would give by :meth:`SelectiveRunner.reconcile`.

>>> split_stages(["tok2vec", "tagger", "kg_initials", "parser", "ner", "kg_types"])
(['kg_initials', 'ner', 'kg_types'], ['tok2vec', 'tagger', 'kg_initials', 'parser'])
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Span

from kg.annotate.attributes import TableAttributeRuler, TableLemmatizer
from kg.annotate.batching import char_batches
from kg.annotate.ner_scope import ScopedNer
from kg.annotate.recase import CaseVotes, EnglishWords, recased, shouting

SYNTAX = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "morphologizer", "senter")
BOTH = ("kg_initials",)  # keeps initials ("V. I. Lenin") from ending a sentence, in both stages
ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD]
SENTENCES = "kg_sentences"
SENT_BATCH = 256  # sentences per stage-2 batch

if not Doc.has_extension(SENTENCES):
    Doc.set_extension(SENTENCES, default=None)

Wants = Callable[[Span], bool]


def split_stages(names: list[str]) -> tuple[list[str], list[str]]:
    """The pipeline's component names as (names stage, syntax stage), in pipeline order."""
    names_stage = [n for n in names if n not in SYNTAX]
    syntax = [n for n in names if n in SYNTAX or n in BOTH]
    return names_stage, syntax


def every_sentence(_: Span) -> bool:
    """The default test: parse everything."""
    return True


def select(wants: Wants, sentences: list[list[Span]]) -> list[list[bool]]:
    """Which sentences of a document's passages to parse, one by one (a pronoun's antecedent
    is found from words, not from the parse: :mod:`kg.link.reference`)."""
    return [[bool(wants(s)) for s in group] for group in sentences]


class SelectiveRunner:
    """Run ``nlp`` in the two stages on a list of texts."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        names, syntax = split_stages(nlp.pipe_names)
        faster = {"ner": ScopedNer, "attribute_ruler": TableAttributeRuler,  # less work: see their modules
                  "lemmatizer": TableLemmatizer}
        self.name_steps = [(n, faster.get(n, _same)(nlp.get_pipe(n))) for n in names]
        self.syntax_steps = [(n, faster.get(n, _same)(nlp.get_pipe(n))) for n in syntax]
        self.sentencizer = Sentencizer()
        self.english = EnglishWords.from_nlp(nlp)

    def __call__(self, texts: list[str], wants: Wants = every_sentence) -> list[Doc]:
        """Docs for ``texts``: names everywhere, syntax where ``wants`` says."""
        docs = self.names(texts)
        self.syntax(docs, wants)
        return docs

    def names(self, texts: list[str]) -> list[Doc]:
        """The first stage: tokens, sentences and names (``texts``: passages of one document)."""
        docs = [_opening_marks(self.sentencizer(self.nlp.make_doc(t))) for t in texts]
        if any(shouting(sent) for d in docs for sent in d.sents):  # read in the documents' case
            votes = CaseVotes.of(docs, self.english)
            docs = [recased(d, votes) for d in docs]
        return _run(self.name_steps, docs)

    def syntax(self, docs: list[Doc], wants: Wants = every_sentence) -> None:
        """The second stage, in place: parse the sentences ``wants`` selects (``docs``: the
        passages of one document, in order)."""
        sentences = [list(doc.sents) for doc in docs]
        flags = select(wants, sentences)
        chosen = [[s for s, w in zip(group, wanted) if w] for group, wanted in zip(sentences, flags)]
        parsed = iter(self._parse([s for group in chosen for s in group]))
        for doc, group in zip(docs, chosen):
            _copy_back(doc, [(s, next(parsed)) for s in group])

    def reconcile(self, docs: list[Doc], wants: Wants) -> int:
        """Bring the cached Docs of one document to what a fresh run with ``wants`` gives
        (the rules may have changed since): parse the sentences now wanted, flatten those no
        longer; the number of sentences parsed."""
        docs = [d for d in docs if d._.get(SENTENCES) is not None]
        sentences = [[d[a:b] for a, b, _ in d._.get(SENTENCES)] for d in docs]
        flags = select(wants, sentences)
        return sum(self._reconcile(d, spans, now) for d, spans, now in zip(docs, sentences, flags))

    def _reconcile(self, doc: Doc, spans: list[Span], now: list[bool]) -> int:
        table = doc._.get(SENTENCES)
        if now == [p for _, _, p in table]:
            return 0
        todo = [s for s, w, (_, _, p) in zip(spans, now, table) if w and not p]
        arr = doc.to_array(ATTRS)
        for span, sub in zip(todo, self._parse(todo)):
            arr[span.start:span.end] = sub.to_array(ATTRS)
        _finish(doc, arr, [(s.start, s.end, w) for s, w in zip(spans, now)])
        return len(todo)

    def _parse(self, spans: list[Span]) -> Iterator[Doc]:
        """Each span parsed as its own Doc, in batches bounded by count and characters."""
        vocab = self.nlp.vocab
        texts = [s.text for s in spans]
        done = 0
        for group in char_batches(texts, size=SENT_BATCH):
            docs = [_words_doc(vocab, s) for s in spans[done:done + len(group)]]
            done += len(group)
            yield from _run(self.syntax_steps, docs)


def _same(component):
    return component


def _words_doc(vocab, span: Span) -> Doc:
    """A new Doc with the tokens of ``span`` (the same tokenisation, not re-tokenised)."""
    spaces = [bool(t.whitespace_) for t in span]
    spaces[-1] = False
    return Doc(vocab, words=[t.text for t in span], spaces=spaces)


def _opening_marks(doc: Doc) -> Doc:
    """A sentence opens with its opening quote or bracket (as the parser has it), not after
    it: '... said. “The' → '“The ...'. A mark is opening when it follows a space and
    precedes a word without one."""
    for sent in list(doc.sents)[1:]:
        i = sent.start
        while i - 1 > 0 and doc[i - 1].is_punct and not doc[i - 1].whitespace_ \
                and doc[i - 2].whitespace_ and doc[i - 1].text not in ".!?;:,":
            i -= 1
        if i != sent.start:
            doc[sent.start].is_sent_start = False
            doc[i].is_sent_start = True
    return doc


def _run(components: list[tuple[str, Callable]], docs: list[Doc]) -> list[Doc]:
    for _, proc in components:
        docs = list(proc.pipe(docs)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
    return docs


def _copy_back(doc: Doc, parsed: list[tuple[Span, Doc]]) -> None:
    """Write the parsed sentences' analyses into ``doc``; every other sentence becomes a flat,
    unparsed tree."""
    arr = numpy.zeros((len(doc), len(ATTRS)), dtype="uint64")
    done: set[int] = set()
    for span, sub in parsed:
        arr[span.start:span.end] = sub.to_array(ATTRS)
        done.add(span.start)
    _finish(doc, arr, [(s.start, s.end, s.start in done) for s in doc.sents])


def _finish(doc: Doc, arr: numpy.ndarray, table: list[tuple[int, int, bool]]) -> None:
    root, dep = doc.vocab.strings.add("ROOT"), doc.vocab.strings.add("dep")
    for start, end, parsed in table:
        if not parsed:  # a flat tree: every token's head is the first (offsets as uint64)
            arr[start:end, :4] = 0
            arr[start, 4], arr[start, 5] = root, 0
            arr[start + 1:end, 4] = dep
            arr[start + 1:end, 5] = (start - numpy.arange(start + 1, end, dtype="int64")).astype("uint64")
    doc.from_array(ATTRS, arr)
    doc._.set(SENTENCES, table)


def unparsed(doc: Doc) -> list[tuple[int, int]]:
    """The token ranges of ``doc`` left unparsed (none for a Doc parsed whole)."""
    return [(a, b) for a, b, parsed in doc._.get(SENTENCES) or () if not parsed]


def parsed_share(doc: Doc) -> tuple[int, int]:
    """(sentences, of which parsed) of the first stage."""
    table = doc._.get(SENTENCES) or ()
    return len(table), sum(1 for *_, p in table if p)
