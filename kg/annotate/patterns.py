"""Token patterns that build longer names from descriptions: ``kg_patterns``.

Patterns are data (``kg/data/patterns.jsonl``, spaCy Matcher syntax, one per line with an
id, a label and a pattern). A match becomes an entity of that label; the names it swallows
("Kamenev", "Zinoviev" in "the show trial of Kamenev and Zinoviev") are kept in
``doc.spans["kg_nested"]`` so they are still mentions.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.annotate.components import add_nested, origins, overlaps
from kg.annotate.lemma_forms import LemmaForms
from kg.data_files import data_path, iter_jsonl
from kg.errors import DataFileError
from kg.model import NAMED_TYPES


SYNTAX_ATTRS = frozenset({"POS", "TAG", "DEP", "MORPH", "HEAD"})


class PatternNamer:
    """Apply the name patterns to a Doc."""

    def __init__(self, nlp: Language, path: str) -> None:
        self.matcher = Matcher(nlp.vocab)
        self.labels: dict[str, str] = {}
        self.extend: dict[str, frozenset[str]] = {}
        self.needs: set[str] | None = set()  # forms one of which a doc must hold to match
        self.forms = LemmaForms.from_nlp(nlp)
        for number, obj in iter_jsonl(data_path(path)):
            self._add(obj, path, number)

    def _add(self, obj: dict, path: str, number: int) -> None:
        rid, label = obj.get("id"), obj.get("label")
        if "extend_left" in obj:
            self.extend[label] = frozenset(w.lower() for w in obj["extend_left"])
            return
        if not isinstance(rid, str) or label not in NAMED_TYPES:
            raise DataFileError(path, f"needs an 'id' and a 'label' in {list(NAMED_TYPES)}", f"line {number}")
        try:
            pattern = by_form(obj["pattern"], self.forms)
            self.matcher.add(rid, [pattern], greedy="LONGEST")
        except (KeyError, ValueError, TypeError) as err:
            raise DataFileError(path, f"bad pattern: {err}", rid) from None
        self.labels[rid] = label
        required = _required_forms(pattern)
        self.needs = None if required is None or self.needs is None else self.needs | required

    def __call__(self, doc: Doc) -> Doc:
        self._match(doc)
        if self.extend:
            doc.ents = [self._widen(e) for e in doc.ents]
        return doc

    def _widen(self, ent: Span) -> Span:
        """'trial of X and Y' → 'show trial of X and Y' (modifier words from the data file)."""
        words = self.extend.get(ent.label_)
        start = ent.start
        while words and start > 0 and ent.doc[start - 1].lower_ in words and not ent.doc[start - 1].ent_type_:
            start -= 1
        return ent if start == ent.start else Span(ent.doc, start, ent.end, label=ent.label, kb_id=ent.kb_id)

    def _match(self, doc: Doc) -> None:
        if self.needs is not None and not any(t.lower_ in self.needs for t in doc):
            return  # cheap pre-check: the Matcher is the costliest of our components
        made = []
        for match_id, start, end in self.matcher(doc):
            span = Span(doc, start, end, label=self.labels[doc.vocab.strings[match_id]])
            origins(doc)[(span.start_char, span.end_char)] = "shape"
            made.append(span)
        made = [m for m in filter_spans(made) if not _inside_longer(m, doc.ents)]
        if made:
            inside = [e for e in doc.ents if any(m.start <= e.start and e.end <= m.end for m in made)]
            add_nested(doc, inside, made)
            rest = [e for e in doc.ents if e not in inside and not overlaps(e, made)]
            doc.ents = filter_spans([*made, *rest])


def _inside_longer(span: Span, ents) -> bool:
    """A pattern never cuts a longer name already found ("World War" in "World War II")."""
    return any(e.start <= span.start and span.end <= e.end and len(e) > len(span) for e in ents)


def _required_forms(pattern: list[dict]) -> set[str] | None:
    """Forms of a pattern token that must be present (no OP), or None if there is none."""
    for token in pattern:
        lower = token.get("LOWER")
        if "OP" not in token and lower is not None:
            return set(lower["IN"]) if isinstance(lower, dict) else {lower}
    return None


def by_form(pattern: list[dict], forms: LemmaForms) -> list[dict]:
    """The pattern with each ``LEMMA`` turned into the ``LOWER`` forms of its lemmas: names
    are found before the tagger and lemmatizer run. Tags and dependencies cannot be used.

    >>> by_form([{"LEMMA": "war"}], LemmaForms({"noun": [("s", "")]}, {}))  # every form a word could take
    [{'LOWER': {'IN': ['war', 'warred', 'warring', 'wars']}}]
    """
    out = []
    for token in pattern:
        token = dict(token)
        bad = sorted(set(token) & SYNTAX_ATTRS)
        if bad:
            raise ValueError(f"{', '.join(bad)} cannot be used: names are found before tagging")
        lemma = token.pop("LEMMA", None)
        if lemma is not None:
            lemmas = lemma["IN"] if isinstance(lemma, dict) else [lemma]
            token["LOWER"] = {"IN": sorted(forms.all_forms(lemmas))}
        out.append(token)
    return out


@Language.factory("kg_patterns", default_config={"path": "patterns.jsonl"})
def make_patterns(nlp: Language, name: str, path: str) -> PatternNamer:
    """spaCy factory for :class:`PatternNamer`."""
    return PatternNamer(nlp, path)
