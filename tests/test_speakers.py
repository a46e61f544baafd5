"""Speaker labels of hearings: "I" in a labelled paragraph (and those after it) is the speaker."""

from __future__ import annotations

import pytest

from kg.link.speakers import SpeakerTracker, speaker_label


@pytest.mark.parametrize("text,want", [
    ("Mr. BULLITT. I handed the report to him.", "Bullitt"),
    ("Senator KNOX. To whom did you hand it?", "Knox"),
    ("The CHAIRMAN. The committee will come to order.", None),
    ("Mr. Smith went to Washington.", None),
    ("CHAPTER IV. The war", None),
])
def test_speaker_label(text, want):
    assert speaker_label(text) == want


def test_unlabelled_paragraphs_keep_the_last_speaker():
    tracker = SpeakerTracker()
    assert tracker.speaker("A preface without speakers.") is None
    assert tracker.speaker("Senator KNOX. Did you see him?") == "Knox"
    assert tracker.speaker("Mr. BULLITT. I did.") == "Bullitt"
    assert tracker.speaker("The next morning I saw him again.") == "Bullitt"
