"""Evidence and qualifiers of an assertion: the sentence that states it, its modality, and
qualifiers read off the trigger (role, order)."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from kg.data_files import word_list
from kg.link.commas import one_duration
from kg.link.modality import modality
from kg.link.rules import Rule
from kg.model import Evidence, Passage

ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": None}
DROP_DEPS = {"det", "punct", "cc", "conj", "relcl", "appos", "acl", "advcl", "case", "poss",
             "prep", "predet", "nummod", "quantmod"}


CONTEXT = 32  # characters of context kept on each side of a quote (W3C TextQuoteSelector)


def evidence(rule: Rule, trigger: Token, passage: Passage) -> Evidence:
    """The sentence holding ``trigger``, as a quote with file offsets and some context."""
    sent = trigger.sent
    start, end = passage.to_file(sent.start_char, sent.end_char)
    mood = rule.modality or modality(trigger, rule.predicate)
    text = passage.text
    prefix = text[max(0, sent.start_char - CONTEXT): sent.start_char]
    suffix = text[sent.end_char: sent.end_char + CONTEXT]
    quote = text[sent.start_char:sent.end_char].strip()  # as written (the Doc may show capitals recased)
    return Evidence(passage.doc_id, passage.source, quote, start, end, rule.id,
                    rule.confidence, mood, passage.layer, prefix, suffix)


def qualifiers(rule: Rule, trigger: Token) -> dict:
    """Rule qualifiers plus those read off the trigger: role (its modifiers), order (ordinal)."""
    quals = dict(rule.qualifiers)
    if quals.pop("role_from_trigger", False):
        mods = [c.text for c in trigger.children if c.dep_ in {"amod", "compound"}]
        quals["role"] = " ".join([*mods, trigger.text]).lower()
    if quals.pop("order_from_ordinal", False):
        for child in trigger.children:
            if ORDINALS.get(child.lower_):
                quals["order"] = ORDINALS[child.lower_]
    return quals


def core_phrase(tok: Token) -> str:
    """A noun with its adjectives and compounds and an 'of' phrase, without determiners,
    conjuncts or clauses: 'an autobiographical novel, some essays' → 'autobiographical novel'
    ('two years and eight months' keeps its second unit of time: one term)."""
    if tok.pos_ in {"VERB", "AUX"}:  # a charge as a clause: "of having sold secrets"
        words = sorted(_pruned(tok), key=lambda t: t.i)
        return "".join(t.text_with_ws for t in words).strip(" ,;:")
    keep = [tok]
    keep += [c for c in tok.children if _joins(c)]
    for child in tok.children:
        if child.dep_ == "compound" and (child.pos_ == "PRON" or child.ent_type_ == "PERSON" and tok.ent_type_ != "PERSON"):
            continue  # "appointed Count X Minister", "appointed him Minister": the name is no part of the title
        if child.dep_ in {"amod", "advmod"} and child.text in _praise():  # as written: "Great Chamberlain" stays
            continue  # "the famous Professor Botkin", "the then Minister": the author's words, not the title
        if child.dep_ == "conj" and one_duration(tok, child):  # "fourteen years and ten months": one term
            keep += [c for c in tok.children if c.dep_ == "cc"] + [child, *(c for c in child.children if c.dep_ == "nummod")]
        if child.dep_ in {"amod", "compound", "nummod"} or (child.dep_ == "prep" and child.lower_ == "of") \
                or _capital_for(child) \
                or (child.dep_ == "prep" and _hyphen_before(child)):  # "Commander-in-Chief of …"
            keep.extend(_pruned(child) if child.dep_ in {"prep", "nummod"}
                        else [child, *(c for c in child.children if _joins(c))])
    keep += hyphen_prefix(tok)
    keep = sorted(set(keep), key=lambda t: t.i)
    words = [t for t in keep if not (t.dep_ in {"det", "punct"} and t.head.i == tok.i) or t.i == tok.i
             or _joins(t)]  # (Tokens are made anew on each access: compared by position)
    words = [t for t in words if not _footnote_mark(t)]
    while words and words[-1].dep_ == "punct" and words[-1].i != tok.i:
        words.pop()
    while words and words[0].text in JOINERS and words[0].i != tok.i:  # "-long" of "life-long"
        words.pop(0)
    return _joined(words)


def hyphen_prefix(tok: Token) -> list[Token]:
    """The words joined by hyphens to the front of ``tok`` as one word, whatever the parse made
    of them: 'Vice' and '-' of 'Vice-Governor' (a deputy is not the governor)."""
    doc, i, out = tok.doc, tok.i, []
    while i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_ \
            and doc[i - 2].is_alpha:
        out += [doc[i - 2], doc[i - 1]]
        i -= 2
    return out


def _joined(words: list[Token]) -> str:
    """The words as written, a space where a left-out word ("experience, of") had none."""
    out = ""
    for prev, t in zip([None, *words], words):
        gap = prev is not None and t.i > prev.i + 1 and not prev.whitespace_
        out += (" " if gap else "") + t.text_with_ws
    return out.strip()


def _footnote_mark(tok: Token) -> bool:
    """A footnote's number in brackets, or one of its brackets: '[', '14', ']' of 'Tsik[14]'."""
    doc, i = tok.doc, tok.i
    if tok.text == "[":
        return i + 2 < len(doc) and doc[i + 1].is_digit and doc[i + 2].text == "]"
    if tok.text == "]":
        return i >= 2 and doc[i - 1].is_digit and doc[i - 2].text == "["
    return tok.is_digit and 0 < i < len(doc) - 1 and doc[i - 1].text == "[" and doc[i + 1].text == "]"


@lru_cache(maxsize=1)
def _praise() -> frozenset[str]:
    """Adjectives of praise or blame a literal leaves out (literals.toml [office] praise)."""
    return word_list("literals.toml", "office", "praise")


PRUNE = {"appos", "relcl", "acl", "advcl", "punct", "parataxis"}
JOINERS = {"-", "–", "'", "’"}  # punctuation inside a word ("Police-President")


def _hyphen_before(tok: Token) -> bool:
    """``tok`` is written joined to a hyphen before it: 'in' of 'Commander-in-Chief'."""
    return tok.i > 0 and _joins(tok.doc[tok.i - 1])


def _joins(tok: Token) -> bool:
    """A hyphen written inside a word: 'Police-President', not a dash between words."""
    return (tok.text in JOINERS and not tok.whitespace_ and tok.i > 0
            and not tok.doc[tok.i - 1].whitespace_)


def _pruned(tok: Token) -> list[Token]:
    """``tok`` and its dependents without appositions and clauses: 'of M. Calmette, the
    editor of the Figaro' → 'of M. Calmette'."""
    out = [tok]
    for child in tok.children:
        if (child.dep_ not in PRUNE or child.text in JOINERS) and not _after_comma(child):
            out.extend(_pruned(child))
    return out


def _capital_for(prep: Token) -> bool:
    """'Minister for Foreign Affairs', 'Secretary for War': a 'for' phrase naming the office's
    domain with a capital is part of the title ('death for treason' is not)."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return prep.dep_ == "prep" and prep.lower_ == "for" and bool(objects) and objects[0].text[:1].isupper()


def _after_comma(tok: Token) -> bool:
    """'Professor of Ancient History, Cambridge': a name set off by a comma is no part of the
    phrase (the parser hangs it on the last word as a modifier)."""
    return tok.dep_ in {"npadvmod", "nmod"} and tok.i > 0 and tok.doc[tok.i - 1].text == ","
