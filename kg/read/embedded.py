"""A document reprinted inside another (a letter quoted whole in a newspaper article).

Cues: a run of first/second-person paragraphs ("I", "you") that ends with a signature
(a closing line ending in a name, or a name line) and a date line; the paragraph before
it may announce it ("Here we reprint the ... letter of ... X").

>>> paras = ["Here we reprint the letter of Ivan Petrov.", "I write to you.", "I ask you.",
...          "Yours, Ivan Petrov", "10 May 1937", "He was shot."]
>>> find_embedded(paras)
(1, 5)
"""

from __future__ import annotations

import re

from kg.read.cues import cues
from kg.read.dates import is_date_line
from kg.read.meta import NAME, fuller_name, is_signature, name_at_end

_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|‘[^’]*’")
_WORD = re.compile(r"[\w'’]+")
MIN_PARAGRAPHS = 2


def is_personal(text: str) -> bool:
    """Someone speaking in the first person singular or to "you" (outside quotations)."""
    words = [w.replace("’", "'") for w in _WORD.findall(_QUOTED.sub(" ", text))]
    return any(w.lower() in cues().first_person or w.lower() in cues().second_person
               for w in words)


def has_reprint_cue(text: str) -> bool:
    """The paragraph announces a reprinted text ("Here we reprint ...")."""
    low = text.lower()
    return any(cue in low for cue in cues().reprint_cues)


def _closing(paras: list[str]) -> tuple[int, int] | None:
    """(index of the signing paragraph, index after the closing date) of the first closing."""
    for i in range(1, len(paras)):
        if is_date_line(paras[i]):
            signer = paras[i - 1]
            if is_signature(signer) or name_at_end(signer):
                return i - 1, i + 1
    return None


def find_embedded(paras: list[str]) -> tuple[int, int] | None:
    """``(start, end)`` paragraph range of an embedded letter, or None."""
    closing = _closing(paras)
    if closing is None:
        return None
    sign, end = closing
    start = sign
    while start > 0 and is_personal(paras[start - 1]) and not has_reprint_cue(paras[start - 1]):
        start -= 1
    return (start, end) if sign - start >= MIN_PARAGRAPHS else None


def embedded_author(paras: list[str], start: int, end: int) -> str | None:
    """The writer: the name that signs it, or the name the announcing paragraph ends with."""
    signed = next((name_at_end(p) or (p.strip() if is_signature(p) else None)
                   for p in reversed(paras[start:end]) if not is_date_line(p)), None)
    announced = None
    if start > 0 and has_reprint_cue(paras[start - 1]):
        tail = paras[start - 1].strip().split(".")[-2:]
        announced = name_at_end(".".join(tail).strip())
    return fuller_name(signed, announced)


def glossed_vocative(text: str) -> str | None:
    """"forgive me, Koba [a nickname for Stalin]" → "Stalin"."""
    glosses = "|".join(re.escape(g) for g in cues().vocative_glosses)
    m = re.search(rf",\s*{NAME}\s*\[(?:{glosses})\s*,?\s*({NAME})\]", text)
    return m.group(1) if m else None


def address_forms_in(text: str) -> list[str]:
    """People addressed by a known form of address ("Iosif Vissarionovich!")."""
    low = text.lower()
    return [person for form, person in cues().address_forms.items()
            if re.search(rf"\b{re.escape(form)}\s*[!,]", low)]
