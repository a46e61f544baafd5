"""Speaker labels of hearings and interviews: "Mr. BULLITT. I handed copies …".

A paragraph that opens with a title and a name in capitals followed by a full stop is
spoken by that person, and so are the unlabelled paragraphs after it, until the next label.
The link step makes "I" in them the speaker (as it does for a letter's author).

>>> speaker_label("Mr. BULLITT. I handed copies of this personally.")
'Bullitt'
>>> speaker_label("The CHAIRMAN. The committee will come to order.") is None
True
>>> speaker_label("Mr. Smith went to Washington.") is None
True
>>> speaker_label("CHAPTER IV. The war") is None
True

A paragraph whose "I" names itself at its opening ("I (Don Kostuch) am ...") is spoken by that
person (:func:`self_named`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.data_files import load_toml

FILE = "link/speakers.toml"


@lru_cache(maxsize=1)
def _label_re() -> tuple[re.Pattern[str], frozenset[str]]:
    data = load_toml(FILE)
    titles = "|".join(sorted(map(re.escape, data["titles"]), key=len, reverse=True))
    pattern = re.compile(rf"^\s*(?:The\s+|(?:{titles})\.?\s+)"
                         rf"((?:[A-Z][A-Z'’-]+)(?:\s+[A-Z][A-Z'’-]+){{0,2}})\.\s")
    return pattern, frozenset(data["anonymous"])


def speaker_label(text: str) -> str | None:
    """The speaker a paragraph's label names (title-cased surname), or None; a label naming
    a role ("The CHAIRMAN.") gives None."""
    pattern, anonymous = _label_re()
    match = pattern.match(text)
    if match is None or len(match.group(1)) < 2:
        return None
    name = match.group(1)
    if name in anonymous or name.split()[-1] in anonymous:
        return None
    return " ".join(w.capitalize() for w in name.split())


_SELF_NAMED = re.compile(r"^\W*I\s*(?:\(|,\s+)((?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w'’-]+)\s*[),]")


def self_named(text: str) -> str | None:
    """The name a paragraph's "I" gives itself at its opening ("I (Don Kostuch) am the son
    of ...", "I, Anna Volkova, declare ..."): that paragraph's speaker, whoever wrote the rest.

    >>> self_named("I (Don Kostuch) am the son of John Kostuch."), self_named("I saw Lenin.")
    ('Don Kostuch', None)
    """
    match = _SELF_NAMED.match(text)
    return match.group(1) if match else None


class SpeakerTracker:
    """Carries the last labelled speaker over unlabelled paragraphs of one document."""

    def __init__(self) -> None:
        self.current: str | None = None
        self.seen = False

    def speaker(self, text: str) -> str | None:
        """The speaker of a paragraph with this text."""
        pattern, _ = _label_re()
        if pattern.match(text):
            self.seen = True
            self.current = speaker_label(text)
        return self.current if self.seen else None
