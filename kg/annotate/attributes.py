"""The model's attribute ruler and lemmatizer, run by table.

spaCy's ``attribute_ruler`` runs a Matcher of ~180 patterns over every token and builds a
Span for every match — nearly one per token, as the tag map is a pattern per tag. Almost
all its patterns look at one token's tag, lower-case form, dependency label and
whitespace-ness, so their combined effect on a token is a function of those four values:
:class:`TableAttributeRuler` computes it once per distinct combination and keeps it, and
runs a Matcher only for the few patterns that span two tokens. The attributes set are the
same, in the same order of precedence (a later pattern wins), as the ruler's own; a ruler
with a pattern this reading does not cover is run as it is.

>>> import spacy
>>> TableAttributeRuler.supports([{"TAG": {"IN": ["NN", "NNS"]}, "LOWER": "men"}])
True
"""

from __future__ import annotations

import re
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.matcher import Matcher
from spacy.pipeline.attributeruler import set_token_attrs
from spacy.tokens import Doc, Token

COLUMNS = [LEMMA, POS, TAG, MORPH]
LEMMA_KEY = [ORTH, POS, MORPH, LEMMA]
KEY_IDS = [TAG, LOWER, DEP, IS_SPACE, ORTH]  # what a one-token pattern can look at
KEYS = {"TAG": "tag_", "LOWER": "lower_", "DEP": "dep_", "IS_SPACE": "is_space", "ORTH": "orth_", "TEXT": "text"}


class TableAttributeRuler:
    """A pipe with the effect of ``ruler`` (a spaCy AttributeRuler), by table."""

    def __init__(self, ruler: Any) -> None:
        self.ruler = ruler
        self.single: list[tuple[int, Any, Any]] = []  # (attr_id, predicate, tag test) of one-token patterns
        self.by_tag: dict[str, list[tuple[int, Any]]] = {}
        self.multi = Matcher(ruler.vocab)
        self.has_multi = False
        self.table: dict[tuple, tuple[tuple, tuple]] = {}  # KEY_IDS values → (hits, merged attributes)
        self.ok = True
        for attr_id, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                if not self.supports(pattern):
                    self.ok = False
                elif len(pattern) == 1:
                    self.single.append((attr_id, _predicate(pattern[0]), _test(pattern[0].get("TAG", None))))
                else:
                    self.multi.add(str(attr_id), [pattern])
                    self.has_multi = True

    @staticmethod
    def supports(pattern: list[dict]) -> bool:
        """Whether every token test of ``pattern`` is one this reading evaluates."""
        return all(key in KEYS and _simple(value) for token in pattern for key, value in token.items())

    def __call__(self, doc: Doc) -> Doc:
        """Set the attributes on every token of ``doc``."""
        if not self.ok:
            return self.ruler(doc)
        extra = self._multi_matches(doc)
        arr = doc.to_array(COLUMNS)
        for i, ids in enumerate(doc.to_array(KEY_IDS).tolist()):
            hits, merged = self.table.get(tuple(ids)) or self._entry(doc[i], tuple(ids))
            if i in extra:
                merged = _merge(sorted(hits + tuple(extra[i]), key=lambda h: h[0]))
            for column, value in merged:
                if column < 0:  # an attribute the array does not carry (DEP): set it directly
                    set_token_attrs(doc[i], {-column: value})
                else:
                    arr[i, column] = value
        doc.from_array(COLUMNS, arr)
        return doc

    def pipe(self, docs, **_: Any):
        """Apply to each Doc of ``docs``."""
        for doc in docs:
            yield self(doc)

    def _entry(self, tok: Token, ids: tuple[int, ...]) -> tuple[tuple, tuple]:
        """The one-token patterns that match ``tok`` (attr_id, attributes), and their merged
        effect, computed once per (tag, form, dependency, space) combination (``ids``)."""
        key = (tok.tag_, tok.lower_, tok.dep_, tok.is_space, tok.text)
        values = dict(zip(("tag_", "lower_", "dep_", "is_space", "text"), key), orth_=tok.text)
        hits = tuple((a, self.ruler.attrs[a]) for a, test in self._for_tag(tok.tag_) if test(values))
        entry = self.table[ids] = (hits, _merge(hits))
        return entry

    def _for_tag(self, tag: str) -> list[tuple[int, Any]]:
        """The one-token patterns whose tag test ``tag`` passes (or that test no tag)."""
        found = self.by_tag.get(tag)
        if found is None:
            found = self.by_tag[tag] = [(a, test) for a, test, tag_test in self.single if tag_test(tag)]
        return found

    def _multi_matches(self, doc: Doc) -> dict[int, list[tuple[int, dict]]]:
        out: dict[int, list[tuple[int, dict]]] = {}
        if not self.has_multi:
            return out
        for match_id, start, end in self.multi(doc, allow_missing=True):
            attr_id = int(doc.vocab.strings[match_id])
            target = doc[start:end][self.ruler.indices[attr_id]].i
            out.setdefault(target, []).append((attr_id, self.ruler.attrs[attr_id]))
        return out


def _merge(hits) -> tuple[tuple[int, int], ...]:
    """The attributes ``hits`` set, the later winning: (column in ``COLUMNS``, value), or
    (-attribute id, value) for an attribute outside the columns."""
    final: dict[int, int] = {}
    for _, attrs in hits:
        final.update(attrs)
    return tuple((COLUMNS.index(a) if a in COLUMNS else -a, v) for a, v in final.items())


def _simple(value: Any) -> bool:
    if isinstance(value, (str, bool)):
        return True
    return isinstance(value, dict) and len(value) == 1 and next(iter(value)) in {"IN", "NOT_IN", "REGEX"}


def _predicate(token: dict):
    tests = [(KEYS[key], _test(value)) for key, value in token.items()]
    return lambda values: all(test(values[attr]) for attr, test in tests)


def _test(value: Any):
    if value is None:  # no test
        return lambda v: True
    if not isinstance(value, dict):
        return lambda v: v == value
    op, arg = next(iter(value.items()))
    if op == "IN":
        allowed = set(arg)
        return lambda v: v in allowed
    if op == "NOT_IN":
        banned = set(arg)
        return lambda v: v not in banned
    regex = re.compile(arg)
    return lambda v: bool(regex.search(str(v)))


class TableLemmatizer:
    """A pipe with the effect of the model's rule lemmatizer, by table.

    The lemmatizer gives a token without a lemma the first lemma of
    ``lemmatizer.lemmatize(token)``, a function of the token's form, part of speech and
    morphology (its own cache has that key); here the lemma of each such combination is
    looked up once and all lemmas of a Doc are written in one array.
    """

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        self.table: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        """Set the lemma of every token that has none."""
        if getattr(self.lemmatizer, "overwrite", False):
            return self.lemmatizer(doc)
        arr = doc.to_array(LEMMA_KEY)
        strings = doc.vocab.strings
        for i, (orth, pos, morph, lemma) in enumerate(arr.tolist()):
            if lemma == 0:
                value = self.table.get((orth, pos, morph))
                if value is None:
                    value = self.table[(orth, pos, morph)] = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
                arr[i, 3] = value
        doc.from_array([LEMMA], arr[:, 3:4].copy())
        return doc

    def pipe(self, docs, **_: Any):
        """Apply to each Doc of ``docs``."""
        for doc in docs:
            yield self(doc)
