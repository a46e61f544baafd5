"""Clean text for NLP with an exact map back to the file (including a property test)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.read import load_text, read_file
from kg.read.markup import clean_segments
from kg.read.passages import split_long

SEEDS = sorted(Path(__file__).parent.parent.joinpath("seeds").glob("*.txt"))
_MARKUP = re.compile(r"<sup>[^<]*</sup>|<[^>]*>|[*_\\#]")


_LINE_HYPHEN = re.compile(r"(?<=[^\W\d_])-[ \t]*\n[ \t]*(?=[a-z])")


def words(text: str) -> list[str]:
    """Words with Markdown/HTML markup removed, a word hyphenated at a line end joined."""
    return html.unescape(_LINE_HYPHEN.sub("", _MARKUP.sub("", text))).split()


def check_spans(text: str, passage, spans) -> None:
    for s, e in spans:
        raw = text[passage.origin[s]:passage.origin[e - 1] + 1]
        if "\n\n" in raw.replace("\r", ""):
            continue  # a span across a page break joins two paragraphs
        assert words(passage.text[s:e]) == words(raw), (passage.text[s:e], raw)


@pytest.mark.parametrize("raw,clean", [
    ("I *ask forgiveness* now", "I ask forgiveness now"),
    ("**bold** and _it_ and snake_case", "bold and it and snake_case"),
    ("\\*. either \\*\\* both", "*. either ** both"),
    ("7 pages + 7 * 2", "7 pages + 7 * 2"),
    ("Sergeevna.<sup>1</sup> She", "Sergeevna. She"),
    ("If<sup>3</sup> a death", "If a death"),
    ("line one  \nline two\ncontinued", "line one line two continued"),
    ("A &amp; B", "A & B"),
])
def test_markup_removed(raw: str, clean: str) -> None:
    c = clean_segments(raw, [(0, len(raw))])
    assert c.text == clean
    assert len(c.origin) == len(c.text) + 1
    for i, ch in enumerate(c.text):
        assert ch == " " or raw[c.origin[i]] == ch


def test_sup_markers_recorded() -> None:
    raw = "Nadezhda Sergeevna.<sup>1</sup> Tals.<sup> 2 </sup>"
    c = clean_segments(raw, [(0, len(raw))])
    assert [(label, raw[s:e]) for label, s, e in c.sups] == [
        ("1", "<sup>1</sup>"), ("2", "<sup> 2 </sup>")]


def test_soft_line_break_maps_to_newline() -> None:
    raw = "one\ntwo"
    c = clean_segments(raw, [(0, len(raw))])
    assert c.text == "one two" and raw[c.origin[3]] == "\n"


def test_headings_and_bullets(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_text("## A's *Letter* to B ##\n\nI write:\n\n- a. first\n- b. *second*\n")
    [doc] = read_file(path)
    assert [(p.layer, p.text) for p in doc.passages] == [
        ("title", "A's Letter to B"), ("body", "I write:"), ("body", "a. first"),
        ("body", "b. second")]


@pytest.mark.parametrize("seed", SEEDS, ids=[s.name[:3] for s in SEEDS])
def test_seed_passages_map_back(seed: Path) -> None:
    text = load_text(seed)
    for doc in read_file(seed):
        for p in doc.passages:
            assert len(p.origin) == len(p.text) + 1
            assert list(p.origin) == sorted(p.origin)
            n = len(p.text)
            check_spans(text, p, [(0, n), (0, min(n, 7)), (n // 3, n), (n // 2, n // 2 + 1)])


_TOKENS = st.sampled_from([
    "word", "Koba", "I", "the", "*emph*", "**strong**", "_it_", "\\*", "<sup>1</sup>",
    "x", ",", ".", "  ", " ", "\n", "  \n", "\n\n", "- ", "## ", "snake_case", "7 * 2",
    "&amp;", "—", "Ежов",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(_TOKENS, min_size=1, max_size=40), data=st.data())
def test_property_spans_keep_their_words(tmp_path_factory, parts, data) -> None:
    text = "".join(parts)
    if not text.strip():
        return
    path = tmp_path_factory.mktemp("prop") / "p.md"
    path.write_bytes(text.encode("utf-8"))
    for doc in read_file(path):
        for p in doc.passages:
            s = data.draw(st.integers(0, len(p.text) - 1))
            e = data.draw(st.integers(s + 1, len(p.text)))
            check_spans(text, p, [(s, e)])


def test_long_paragraph_is_split_with_offsets_intact(tmp_path: Path) -> None:
    sentence = "Stalin wrote to Molotov about the harvest. "
    body = sentence * 6000  # ~258,000 chars in one paragraph
    path = tmp_path / "long.txt"
    path.write_text("Transcript\n\n" + body + "\n")
    [doc] = read_file(path)
    pieces = [p for p in doc.passages if p.layer == "body"]
    assert len(pieces) >= 3 and all(len(p.text) <= 100_000 for p in pieces)
    assert all(p.text.endswith(".") for p in pieces)
    text = load_text(path)
    for p in pieces:
        assert text[p.origin[0]:p.origin[-1]] == p.text
    assert " ".join(p.text for p in pieces) == body.strip()


def test_split_long_cuts_at_spaces_without_sentences() -> None:
    text = "word " * 50
    pieces = split_long(text.strip(), list(range(len(text.strip()) + 1)), limit=40)
    assert all(len(t) <= 40 for t, _ in pieces)
    for t, origin in pieces:
        assert text[origin[0]:origin[-1]] == t


@pytest.mark.parametrize("raw,clean", [
    ("the Abbe Ton-\ngerloo spoke", "the Abbe Tongerloo spoke"),
    ("the Mis¬\nsouri river", "the Missouri river"),
    ("the Self-\nDestruction", "the Self- Destruction"),
    ("pages 12-\n14", "pages 12- 14"),
])
def test_words_hyphenated_across_line_ends_are_joined(raw, clean):
    from kg.read.markup import clean_segments

    c = clean_segments(raw, [(0, len(raw))])
    assert c.text == clean and len(c.origin) == len(c.text) + 1
