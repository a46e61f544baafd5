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
from spacy.pipeline import Lemmatizer
from spacy.pipeline.attributeruler import set_token_attrs
from spacy.tokens import Doc, Token

COLUMNS = [LEMMA, POS, TAG, MORPH]
LEMMA_KEY = [ORTH, POS, MORPH, LEMMA]
KEY_IDS = [TAG, LOWER, DEP, IS_SPACE, ORTH]  # what a one-token pattern can look at
Candidate = tuple[int, int, Any]  # a one-token pattern: (its number, attr_id, predicate)
KEYS = {"TAG": "tag_", "LOWER": "lower_", "DEP": "dep_", "IS_SPACE": "is_space", "ORTH": "orth_", "TEXT": "text"}


class TableAttributeRuler:
    """A pipe with the effect of ``ruler`` (a spaCy AttributeRuler), by table."""

    def __init__(self, ruler: Any) -> None:
        self.ruler = ruler
        self.single: list[tuple[int, Any, Any, Any]] = []  # (attr_id, predicate, tag test, forms) of one-token patterns
        self.by_tag: dict[str, tuple[dict[str, list[Candidate]], list[Candidate]]] = {}
        self.multi = Matcher(ruler.vocab)
        self.openers: list[Any] = []  # the first token's predicate of each pattern of several tokens
        self.table: dict[tuple, tuple[tuple, tuple, bool]] = {}  # KEY_IDS values → (hits, merged, opens)
        self.ok = True
        for attr_id, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                if not self.supports(pattern):
                    self.ok = False
                elif len(pattern) == 1:
                    token = pattern[0]
                    self.single.append((attr_id, _predicate(token), _test(token.get("TAG")), _forms(token.get("LOWER"))))
                else:
                    self.multi.add(str(attr_id), [pattern])
                    self.openers.append(_predicate(pattern[0]))

    @staticmethod
    def supports(pattern: list[dict]) -> bool:
        """Whether every token test of ``pattern`` is one this reading evaluates."""
        return all(key in KEYS and _simple(value) for token in pattern for key, value in token.items())

    def __call__(self, doc: Doc) -> Doc:
        """Set the attributes on every token of ``doc``."""
        if not self.ok:
            return self.ruler(doc)
        entries = [self.table.get(ids) or self._entry(doc[i], ids)
                   for i, ids in enumerate(map(tuple, doc.to_array(KEY_IDS).tolist()))]
        extra = self._multi_matches(doc) if any(opens for *_, opens in entries) else {}  # none can start
        arr = doc.to_array(COLUMNS)
        for i, (hits, merged, _) in enumerate(entries):
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

    def _entry(self, tok: Token, ids: tuple[int, ...]) -> tuple[tuple, tuple, bool]:
        """The one-token patterns that match ``tok`` (attr_id, attributes), their merged
        effect, and whether a pattern of several tokens may start at ``tok``, computed once
        per (tag, form, dependency, space) combination (``ids``)."""
        key = (tok.tag_, tok.lower_, tok.dep_, tok.is_space, tok.text)
        values = dict(zip(("tag_", "lower_", "dep_", "is_space", "text"), key), orth_=tok.text)
        by_form, rest = self._for_tag(tok.tag_)
        candidates = sorted(by_form.get(tok.lower_, []) + rest, key=lambda c: c[0])
        hits = tuple((a, self.ruler.attrs[a]) for _, a, test in candidates if test(values))
        entry = self.table[ids] = (hits, _merge(hits), any(test(values) for test in self.openers))
        return entry

    def _for_tag(self, tag: str) -> tuple[dict[str, list[Candidate]], list[Candidate]]:
        """The one-token patterns whose tag test ``tag`` passes (or that test no tag), as
        (pattern number, attr_id, predicate): those that need one of some lower-case forms by
        form, and the others."""
        found = self.by_tag.get(tag)
        if found is None:
            by_form: dict[str, list[Candidate]] = {}
            rest: list[Candidate] = []
            for k, (a, test, tag_test, forms) in enumerate(self.single):
                if not tag_test(tag):
                    continue
                if forms is None:
                    rest.append((k, a, test))
                for form in forms or ():
                    by_form.setdefault(form, []).append((k, a, test))
            found = self.by_tag[tag] = (by_form, rest)
        return found

    def _multi_matches(self, doc: Doc) -> dict[int, list[tuple[int, dict]]]:
        out: dict[int, list[tuple[int, dict]]] = {}
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


def _forms(lower: Any) -> frozenset[str] | None:
    """The lower-case forms a pattern's LOWER test accepts, when they are a list (else None)."""
    if isinstance(lower, str):
        return frozenset([lower])
    if isinstance(lower, dict) and "IN" in lower:
        return frozenset(lower["IN"])
    return None


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
    looked up once and all lemmas of a Doc are written in one array. The rules are applied
    as spaCy's ``Lemmatizer.rule_lemmatize`` does, with each part of speech's word index as
    a set (the model stores it as a list of up to 57,000 words, searched once per form).
    """

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        self.table: dict[tuple[int, int, int], int] = {}
        self.by_rule = getattr(lemmatizer, "mode", None) == "rule" \
            and type(lemmatizer).rule_lemmatize is Lemmatizer.rule_lemmatize
        self.index: dict[str, frozenset[str]] = {}  # part of speech → its word index

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
                    value = self.table[(orth, pos, morph)] = strings.add(self._lemma(doc[i]))
                arr[i, 3] = value
        doc.from_array([LEMMA], arr[:, 3:4].copy())
        return doc

    def pipe(self, docs, **_: Any):
        """Apply to each Doc of ``docs``."""
        for doc in docs:
            yield self(doc)

    def _lemma(self, token: Token) -> str:
        """The first lemma the lemmatizer gives ``token``."""
        lemmatizer, pos = self.lemmatizer, token.pos_.lower()
        lookups = lemmatizer.lookups
        tables = [lookups.get_table(name, {}).get(pos) for name in ("lemma_index", "lemma_exc", "lemma_rules")]
        if not self.by_rule or pos in ("", "eol", "space") or lemmatizer.is_base_form(token) or not any(tables):
            return lemmatizer.lemmatize(token)[0]  # no rule applies: as the lemmatizer has it
        index = self.index.get(pos)
        if index is None:
            index = self.index[pos] = frozenset(tables[0] or ())
        return _first_rule_lemma(token.text, index, tables[1] or {}, tables[2] or [])


def _first_rule_lemma(orig: str, index: frozenset[str], exceptions: dict, rules: list) -> str:
    """The first of the lemmas ``Lemmatizer.rule_lemmatize`` lists for the form ``orig``."""
    string = orig.lower()
    forms: list[str] = []
    oov_forms = []
    for old, new in rules:
        if string.endswith(old):
            form = string[: len(string) - len(old)] + new
            if not form:
                pass
            elif form in index:
                forms.insert(0, form)
            elif not form.isalpha():
                forms.append(form)
            else:
                oov_forms.append(form)
    forms = list(dict.fromkeys(forms))
    for form in exceptions.get(string, []):
        if form not in forms:
            forms.insert(0, form)
    return (forms or oov_forms or [orig])[0]
