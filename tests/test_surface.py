"""Surface steps: the name written after a role noun's phrase and a comma ("~name"), the names
listed after a plural noun ("~names_after") …"""

from __future__ import annotations

import pytest

from kg.link.surface import name_after_phrase, names_after


def _name(nlp, text: str, trigger: str) -> list[str]:
    doc = nlp(text)
    tok = next(t for t in doc if t.text == trigger)
    return [t.text for t in name_after_phrase(tok)]


@pytest.mark.parametrize("text,trigger,want", [
    ("He acted without the consent of the director of the city archive, Mr. Petrov, and left.",
     "director", ["Petrov"]),
    ("Another commissar of a rifle brigade, Sidorenko, must be mentioned here.", "commissar",
     ["Sidorenko"]),
    ("They demanded the removal of the chief judge of the district, the hated Latvian, Ozols.",
     "judge", ["Ozols"]),
])
def test_the_name_after_the_phrase_is_found(nlp, text, trigger, want):
    assert _name(nlp, text, trigger) == want


@pytest.mark.parametrize("text,trigger", [
    ("Petrov, the director of the archive, Sidorenko and Ozols met in Riga.", "director"),
    ("The director of the archive, Petrov said, was absent.", "director"),
    ("Directors of archives, Petrov among them, met in Riga.", "Directors"),
])
def test_no_name_when_the_phrase_is_a_list_item_or_the_name_goes_on(nlp, text, trigger):
    assert _name(nlp, text, trigger) == []


def _trailing(nlp, text: str, item: str) -> str | None:
    from kg.link.surface import trailing_item

    doc = nlp(text)
    last = trailing_item(next(t for t in doc if t.text == item))
    return last.text if last is not None else None


def test_the_last_name_of_a_list_hung_on_the_verb_is_the_lists(nlp):
    doc = nlp("I talked with Mr. Orlov, Gen. Frunze, and Mr. Ivan Petrov all the morning.")
    if doc[[t.text for t in doc].index("Petrov")].dep_ != "conj":
        pytest.skip("the parser attached the last name correctly")
    assert _trailing(nlp, "I talked with Mr. Orlov, Gen. Frunze, and Mr. Ivan Petrov all the morning.",
                     "Orlov") == "Petrov"


@pytest.mark.parametrize("text,item", [
    ("I talked with Orlov all the morning and Petrov left.", "Orlov"),
    ("I talked with the minister, and Petrov left.", "minister"),
])
def test_no_trailing_item_without_a_list_of_names(nlp, text, item):
    assert _trailing(nlp, text, item) is None


@pytest.mark.parametrize("text,want", [
    ("Ivan Smirnov was taken to the hospital at Kazan. There he died.", "Kazan"),
    ("Ivan Smirnov went from Kazan to Perm. There he died.", None),
    ("Ivan Smirnov was ill. There he died.", None),
])
def test_there_is_the_one_place_named_just_before(nlp, text, want):
    from kg.link.surface import place_before

    doc = nlp(text)
    ents = {i: (e, type("M", (), {"name": e.text, "type": "PLACE"})())
            for e in doc.ents if e.label_ in {"GPE", "LOC", "PLACE"} for i in range(e.start, e.end)}
    there = next(t for t in doc if t.lower_ == "there")
    hit = place_before(there, lambda t: ents.get(t.i), ("PLACE",))
    assert (hit.name if hit else None) == want


@pytest.mark.parametrize("text,want", [
    ("In May came the Kronstadt rebellion. Many sailors took part in this rising.", "the Kronstadt rebellion"),
    ("The Kronstadt rebellion and the Tambov rebellion followed. Many took part in this rising.", None),
    ("In May came the Kronstadt rebellion. Many sailors took part in a rising.", None),
])
def test_this_noun_is_the_one_event_named_before(nlp, text, want):
    from kg.link.surface import event_before

    doc = nlp(text)
    names = {"Kronstadt": "the Kronstadt rebellion", "Tambov": "the Tambov rebellion"}
    spans = {}
    for t in doc:
        if t.text in names:  # the event spans these words' noun phrase
            name = names[t.text]
            for i in range(t.i - 1, t.i + 2):
                spans[i] = (None, type("M", (), {"name": name, "type": "EVENT"})())
    rising = next(t for t in doc if t.text == "rising")
    hit = event_before(rising, lambda tok: spans.get(tok.i), ("EVENT",))
    assert (hit.name if hit else None) == want


@pytest.mark.parametrize("text,trigger,want", [
    ("He thought the best man was Count Orlov, Ivan Petrov's brother; nobody agreed.", "brother",
     ["Orlov"]),
    ("Count Orlov, Ivan Petrov's brother said nothing.", "brother", []),
    ("The best man was the old count, Ivan Petrov's brother.", "brother", []),
])
def test_the_name_before_the_phrase_is_found_when_the_phrase_ends(nlp, text, trigger, want):
    from kg.link.surface import name_before_phrase

    doc = nlp(text)
    tok = next(t for t in doc if t.text == trigger)
    assert [t.text for t in name_before_phrase(tok)] == want


def test_no_name_when_the_phrase_ends_in_a_list(nlp):
    assert _name(nlp, "He sat in the prisons of the commissions of Batoum, Tiflis, Vladikavkaz and Grozny.",
                 "prisons") == []


@pytest.mark.parametrize("text,trigger,before", [
    ("Slowly shaking his head, Orlov smiled.", "head", False),
    ("Rathenau was at the head of the department for raw materials, General Orlov, and others.", "head", False),
    ("After the note from Germany, the Chancellor, in a talk, referred to it.", "Chancellor", True),
])
def test_no_name_beside_a_body_part_an_idiom_or_a_place(nlp, text, trigger, before):
    from kg.link.surface import name_before_phrase

    doc = nlp(text)
    tok = next(t for t in doc if t.text == trigger)
    assert (name_before_phrase(tok) if before else name_after_phrase(tok)) == []


def _place_after(nlp, text: str, name: str) -> list[str]:
    from kg.link.surface import place_after

    doc = nlp(text)
    tok = next(t for t in doc if t.text == name)
    return [t.text for t in place_after(tok)]


@pytest.mark.parametrize("text,name,want", [
    ("The prisoners reached Chita, in Transbaikalia, after a month.", "Chita", ["Transbaikalia"]),
    ("Karl Weber was born at Kassel, a town in Hesse.", "Kassel", ["Hesse"]),
    ("The letter was posted at Lyon, France, in 1912.", "Lyon", ["France"]),
])
def test_the_place_after_a_comma_is_found(nlp, text, name, want):
    assert _place_after(nlp, text, name) == want


@pytest.mark.parametrize("text,name", [
    ("The convoy passed Kirensk, Yakutsk and Irkutsk.", "Kirensk"),
    ("The convoy passed through Omsk, Kirensk, Yakutsk, and Irkutsk.", "Kirensk"),
    ("The convoy stopped in Kirensk, in Yakutsk and in Irkutsk.", "Kirensk"),
    ("The consul at Lyon, Dupont, wrote a report.", "Lyon"),
    ("Lyon, France, 1912", "Lyon"),
])
def test_no_place_after_an_item_of_a_list_a_subject_or_a_line_without_verb(nlp, text, name):
    assert _place_after(nlp, text, name) == []


@pytest.mark.parametrize("text,trigger,want", [
    ("The school was endowed by the three Weber brothers: Otto Weber, Hans Weber and Paul Weber.",
     "brothers", ["Weber", "Weber", "Weber"]),
    # a proper noun the model left untagged keeps the list going, with no name of its own
    ("It was left to the Weber brothers: Otto Weber, Laurance, and Paul Weber.", "brothers", ["Weber", "Weber"]),
])
def test_the_names_listed_after_a_plural_noun_are_found(nlp, text, trigger, want):
    doc = nlp(text)
    tok = next(t for t in doc if t.text == trigger)
    assert [t.text for t in names_after(tok)] == want


@pytest.mark.parametrize("text,trigger", [
    ("His brother, Otto Weber, was a painter.", "brother"),  # singular: no list
    ("The meeting was attended by his brothers: Otto Weber and Paul Weber, and the mayor.", "brothers"),
    ("The brothers: Otto Weber alone came.", "brothers"),  # one name is no list
])
def test_no_names_after_a_singular_an_open_or_a_one_name_list(nlp, text, trigger):
    doc = nlp(text)
    tok = next(t for t in doc if t.text == trigger)
    assert names_after(tok) == []
