"""kg_initials: sentences are not cut at initials, so evidence quotes keep whole names."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text,sentences", [
    ("The prosecutor A. Iu. Vyshinskii accused N. I. Bukharin of treason.", 1),
    ("I met Zh. Ch. Petrov in 1937. The trial of G. E. Zinoviev began.", 2),
    ("Then Ia. A. Iakovlev spoke. He was brief.", 2),
])
def test_no_sentence_ends_at_an_initial(nlp, text, sentences):
    sents = [s.text for s in nlp(text).sents]
    assert len(sents) == sentences, sents
    assert not any(s.endswith((" A.", " Iu.", " Zh.", " N.", " G.")) for s in sents)
