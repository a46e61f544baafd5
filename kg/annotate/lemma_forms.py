"""The surface forms of a lemma, from the model's own lemmatizer tables.

The link rules and the name patterns name their words by lemma ("sentence", "imprison").
Where the tagger and lemmatizer have not run (selective parsing, :mod:`kg.annotate.selective`)
a word is recognised by its form instead: every form that the rule lemmatizer of the model
could turn into the lemma — its suffix rules run backwards ("sentence" → "sentenced",
"sentences", "sentencing") and its exception table inverted ("be" → "was", "were").
The set is a superset of the real forms (a few are not English words), which is what a
pre-check needs: it may let a sentence through in vain, never keep one out.

>>> import spacy
>>> forms = LemmaForms.from_nlp(spacy.blank("en"))  # no lemmatizer: the lemma itself
>>> sorted(forms.forms("exile"))
['exile']
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language

POS_TABLES = ("noun", "verb", "adj", "adv")


class LemmaForms:
    """Lemma → surface forms (lower case), by the rule lemmatizer's rules and exceptions."""

    def __init__(self, rules: dict[str, list[tuple[str, str]]],
                 exceptions: dict[str, dict[str, list[str]]]) -> None:
        self.rules = rules
        self.cache: dict[str, frozenset[str]] = {}
        self.inverse: dict[str, set[str]] = {}
        for table in exceptions.values():
            for form, lemmas in table.items():
                for lemma in lemmas:
                    self.inverse.setdefault(lemma.lower(), set()).add(form.lower())

    @classmethod
    def from_nlp(cls, nlp: Language) -> "LemmaForms":
        """The tables of ``nlp``'s lemmatizer (none: every lemma is only its own form)."""
        if "lemmatizer" not in nlp.component_names:
            return cls({}, {})
        lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
        if lookups is None or not lookups.has_table("lemma_rules"):
            return cls({}, {})
        rules = lookups.get_table("lemma_rules")
        exc = lookups.get_table("lemma_exc") if lookups.has_table("lemma_exc") else {}
        return cls({p: [tuple(r) for r in rules.get(p, [])] for p in POS_TABLES},
                   {p: dict(exc.get(p, {})) for p in POS_TABLES})

    def forms(self, lemma: str) -> frozenset[str]:
        """Every lower-case form the lemmatizer could reduce to ``lemma``."""
        lemma = lemma.lower()
        found = self.cache.get(lemma)
        if found is None:
            found = self.cache[lemma] = self._forms(lemma)
        return found

    def _forms(self, lemma: str) -> frozenset[str]:
        out = {lemma} | self.inverse.get(lemma, set())
        for rules in self.rules.values():
            for old, new in rules:
                if lemma.endswith(new) and (old or new):
                    out.add(lemma[:len(lemma) - len(new)] + old)
        return frozenset(out | _doubled(lemma))

    def all_forms(self, lemmas: Iterable[str]) -> frozenset[str]:
        """The union of :meth:`forms` over ``lemmas``."""
        out: set[str] = set()
        for lemma in lemmas:
            out |= self.forms(lemma)
        return frozenset(out)


def _doubled(lemma: str) -> set[str]:
    """Forms the lemmatizer reaches through its index only ("commit" → "committed")."""
    if len(lemma) > 2 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou":
        return {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return set()
