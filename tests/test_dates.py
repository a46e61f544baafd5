"""Date finding and normalisation (kg.dates), on sentences written for the tests."""

from __future__ import annotations

import pytest

from kg.dates import bounds, find_dates


@pytest.mark.parametrize("text,found,edtf", [
    ("The decree was signed on JANUARY 5, 1918 in Petrograd.", "JANUARY 5, 1918", "1918-01-05"),
    ("Signed 7.XI.27 in Moscow.", "7.XI.27", "1927-11-07"),
    ("Kirov was killed on 1 December 1934.", "1 December 1934", "1934-12-01"),
    ("The congress met January 26–February 10, 1934.", "January 26–February 10, 1934", "1934-01-26/1934-02-10"),
    ("The congress met March 8–16, 1921.", "March 8–16, 1921", "1921-03-08/1921-03-16"),
    ("It happened in the winter of 1919 near Omsk.", "the winter of 1919", "1919-24"),
    ("He was made a colonel in March, 1917, at Riga.", "March, 1917", "1917-03"),
    ("Famine struck in the early 1920s.", "the early 1920s", "192X"),
    ("Literature of the Twenties was bold.", "the Twenties", "192X"),
    ("Prices rose in July 1914.", "July 1914", "1914-07"),
    ("The ship sailed on the 18th of May, 1803.", "18th of May, 1803", "1803-05-18"),
    ("Dated March 3rd, 1861 at noon.", "March 3rd, 1861", "1861-03-03"),
    ("Wars of the nineteenth century.", "the nineteenth century", "18XX"),
    ("Volume covering 1917-1921 events.", "1917-1921", "1917/1921"),
    ("The town was founded in 1703.", "1703", "1703"),
])
def test_calendar_dates_are_found_and_normalised(text, found, edtf):
    dates = find_dates(text)
    assert [(d.text, d.value.edtf) for d in dates] == [(found, edtf)]
    assert text[dates[0].start:dates[0].end] == found


def test_lifespan_gives_two_dates_and_completes_two_digit_years():
    dates = find_dates("Sergei Kirov (1886–34) led Leningrad.")
    assert [(d.text, d.value.edtf, d.value.kind) for d in dates] == [
        ("1886", "1886", "lifespan"), ("34", "1934", "lifespan")]


@pytest.mark.parametrize("text", [
    "He was sentenced to ten years in the camps.",
    "Wait half a year before writing.",
    "see f. 17, op. 3, d. 1003, l. 12.",
    "Tomorrow we leave.",
])
def test_durations_relative_and_archival_numbers_are_not_calendar_dates(text):
    assert find_dates(text) == []


def test_durations_are_kept_apart_when_asked_for():
    dates = find_dates("exiled for twenty-five years", include_durations=True)
    assert [(d.text, d.value.edtf, d.value.kind) for d in dates] == [("twenty-five years", "P25Y", "duration")]


@pytest.mark.parametrize("edtf,earliest,latest", [
    ("1937-12-10", "1937-12-10", "1937-12-10"),
    ("1937-02", "1937-02-01", "1937-02-28"),
    ("193X", "1930-01-01", "1939-12-31"),
    ("1928-22", "1928-06-01", "1928-08-31"),
    ("1937-02-23/1937-03-05", "1937-02-23", "1937-03-05"),
])
def test_bounds(edtf, earliest, latest):
    value = bounds(edtf)
    assert (value.earliest, value.latest) == (earliest, latest)


@pytest.mark.parametrize("text", ["It was FEBRUARY 30, 1937.", "Signed 31.IV.37."])
def test_impossible_days_are_not_dates(text):
    assert [d for d in find_dates(text) if d.value.kind != "date" or "-" in d.value.edtf and len(d.value.edtf) == 10] == []


@pytest.mark.parametrize("text", ["in the twenties", "the nineteenth century", "three years later",
                                  "in the early thirties, for half a year", "it rained in May",
                                  "Chapter 3 of the forties", "on 3 May 1921, two days later"])
def test_the_patterns_a_text_cannot_match_are_not_needed(monkeypatch, text):
    import kg.dates as dates

    quick = dates.find_dates(text, include_durations=True)
    monkeypatch.setattr(dates, "_patterns_for", lambda _: dates._patterns())
    assert dates.find_dates(text, include_durations=True) == quick


def test_the_case_blind_patterns_read_every_letter_as_fold_does():
    import re
    import sys

    from kg.dates import fold

    letter = re.compile("(?i)[a-z]")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if not 0xD800 <= code <= 0xDFFF and letter.fullmatch(char):
            assert re.fullmatch("(?i)" + fold(char), char) and fold(char).isascii(), hex(code)


@pytest.mark.parametrize("text, expected", [
    ("the ſeventeenth century", [("the ſeventeenth century", "16XX")]),
    ("in the ſpring of 1870", [("the ſpring of 1870", "1870-21")]),
    ("in the forTıes", [("the forTıes", "194X")]),
])
def test_long_s_and_dotless_i_are_read_as_the_letters_they_stand_for(text, expected):
    from kg.dates import find_dates

    assert [(d.text, d.value.edtf) for d in find_dates(text)] == expected


@pytest.mark.parametrize("text", [
    "He came back in 1917, not in March.", "Chapter 3 tells of the forties.", "Two YEARS later, on 3 May 1921.",
    "No digits and no date here at all.", "In the nineteenth CENTURY", "1.VIII.1914 and 12.3.1915",
    "the winter of 1919–20", "(1870–1924) lived 54 years", "from May 5–June 7, 1918", "it took 3 weeks",
])
def test_a_pattern_left_out_for_a_text_could_not_have_matched_in_it(text):
    from kg.dates import _patterns, _patterns_for

    kept = _patterns_for(text)
    for pattern, _ in _patterns():
        if pattern.search(text):
            assert any(pattern is p for p, _ in kept), pattern.pattern[:60]
