"""Words glued to the front of a name by the model: "Thereupon Toropoff", "Once Avdeieff",
"Knowing Avdeieff" name Toropoff and Avdeieff.

A capitalised word opening a sentence is taken into the following name by the statistical
model when it does not know the word. Two kinds are cut off a name's front (data:
``kg/data/labels.toml`` ``[openers]``):

- adverbs, conjunctions and prepositions that open sentences (``words``);
- participles opening a sentence: a capitalised word ending in ``-ing`` whose stem is an
  English verb of the model's lemmatizer tables ("Knowing" ← know, "Seeing" ← see), unless
  the name rules know it as a first name (not ``-ed``: "United States", "Allied Powers").

>>> op = Openers(frozenset({"thereupon"}), frozenset({"know"}))
>>> op.is_opener("Thereupon"), op.is_opener("Knowing"), op.is_opener("Toropoff"), op.is_opener("Peking")
(True, True, False, False)
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language

from kg.data_files import load_toml

PARTICIPLE = "ing"


class Openers:
    """Which capitalised words are no part of the name they open."""

    def __init__(self, words: frozenset[str], verbs: frozenset[str], nouns: frozenset[str] = frozenset()) -> None:
        self.words = words
        self.verbs = verbs
        self.nouns = nouns

    @classmethod
    def from_nlp(cls, nlp: Language) -> "Openers":
        """The shipped word list, and the verbs of ``nlp``'s lemmatizer tables (none without one)."""
        return cls(opener_words(), _index(nlp, "verb"), _index(nlp, "noun"))

    def is_opener(self, word: str, sentence_start: bool = True, rest: str = "") -> bool:
        """A capitalised adverb or conjunction ("Thereupon"), or a participle opening a
        sentence ("Knowing") before a name that is not a common noun (``rest``: "Reading
        Gaol" is a name)."""
        low = word.lower()
        if not word[:1].isupper() or low not in self.words and not word.isalpha():
            return False  # a listed word may have stops ("P.M.")
        return low in self.words or sentence_start and rest.lower() not in self.nouns and self._participle(low)

    def _participle(self, low: str) -> bool:
        from kg.annotate.first_names import is_first_name

        if not low.endswith(PARTICIPLE) or len(low) < len(PARTICIPLE) + 3 or is_first_name(low.title()):
            return False
        stem = low[: -len(PARTICIPLE)]
        return bool({stem, stem + "e", stem[:-1]} & self.verbs)


@lru_cache(maxsize=1)
def opener_words() -> frozenset[str]:
    """The adverbs, conjunctions and interjections that open sentences (lower case)."""
    return frozenset(w.lower() for w in load_toml("labels.toml").get("openers", {}).get("words", []))


def _index(nlp: Language, pos: str) -> frozenset[str]:
    """The words of one part of speech in ``nlp``'s lemmatizer index (none without one)."""
    if "lemmatizer" not in nlp.component_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(lookups.get_table("lemma_index").get(pos, ()))
