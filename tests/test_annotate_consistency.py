"""Document-level type voting (kg/annotate/consistency.py): the model's guesses of one name
count as one opinion, the cues of its mentions outvote it, and the decision is recorded."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from kg.annotate.components import origins
from kg.annotate.consistency import harmonise
from kg.annotate.lemma_forms import LemmaForms
from kg.annotate.type_cues import TypeCues


@pytest.fixture(scope="module")
def cues(nlp) -> TypeCues:
    return TypeCues.load(LemmaForms.from_nlp(nlp))


def _doc(blank, text: str, *names: tuple[str, str]) -> Doc:
    """A Doc of ``text`` whose entities are ``names`` ((text, label), first occurrences),
    as the model would have labelled them (no origin recorded)."""
    doc = blank(text)
    spans, used = [], set()
    for name, label in names:
        start = next(i for i in range(len(text)) if text.startswith(name, i) and i not in used)
        used.add(start)
        spans.append(doc.char_span(start, start + len(name), label=label))
    doc.ents = spans
    return doc


def _labels(docs: list[Doc], name: str) -> set[str]:
    return {e.label_ for d in docs for e in d.ents if e.text == name}


def test_cues_outvote_the_models_repeated_guess(blank, cues):
    docs = [_doc(blank, "Pelikhov said nothing at supper.", ("Pelikhov", "PLACE")),
            _doc(blank, "The guards feared Pelikhov, who drank.", ("Pelikhov", "PLACE")),
            _doc(blank, "Then Pelikhov, the commandant, left.", ("Pelikhov", "PLACE")),
            _doc(blank, "Nobody liked Pelikhov.", ("Pelikhov", "PLACE"))]
    records = harmonise(docs, cues)
    assert _labels(docs, "Pelikhov") == {"PERSON"}
    [record] = [r for r in records if r["name"] == "Pelikhov"]
    assert record["type"] == "PERSON" and record["model"] == {"PLACE": 4}
    assert any("'who' after" in c for c in record["cues"]) and any("commandant" in c for c in record["cues"])


@pytest.mark.parametrize("texts,name,model,want", [
    (["The convoy halted in Zarechensk at dawn.", "Near Zarechensk the road ends."], "Zarechensk", "PERSON", "PLACE"),
    (["The Ruritanian Government refused the loan."], "Ruritanian Government", "PLACE", "ORG"),
    (["The strike spread to the agency Tarpol at once."], "Tarpol", "PERSON", "ORG"),
    (["The committee of Brevna raised a regiment.", "The inhabitants of Brevna fled."], "Brevna", "PERSON", "PLACE"),
    (["He bought the memoirs of Ostrovets, which sold well."], "Ostrovets", "PLACE", "PERSON"),
    (["I wonder if we could get Harwood to go?"], "Harwood", "PLACE", "PERSON"),
])
def test_place_and_organisation_cues_retype_a_guess(blank, cues, texts, name, model, want):
    docs = [_doc(blank, t, (name, model)) for t in texts if name in t]
    harmonise(docs, cues)
    assert _labels(docs, name) == {want}


@pytest.mark.parametrize("text,name,want", [
    ("Their camp lay on the Varnakh, near the ford.", "Varnakh", "PLACE"),
    ("The boats went up the Varnakh in spring.", "Varnakh", "PLACE"),
    ("Many members of the Varnakh family were interned.", "Varnakh", "PERSON"),  # a modifier
    ("Orders came to shoot all the Varnakhs at once.", "Varnakhs", "PERSON"),  # a family
])
def test_a_lone_word_after_the_article_is_no_persons_name(blank, cues, text, name, want):
    docs = [_doc(blank, text, (name, "PERSON"))]
    harmonise(docs, cues)
    assert _labels(docs, name) == {want}


def test_a_name_after_of_lends_its_who_to_the_noun_before(blank, cues):
    docs = [_doc(blank, "The mayor of Ostrava, who spoke first, was cheered.", ("Ostrava", "PLACE"))]
    harmonise(docs, cues)
    assert _labels(docs, "Ostrava") == {"PLACE"}


def test_without_cues_the_majority_of_guesses_stays(blank, cues):
    docs = [_doc(blank, "Bukharin wrote a book.", ("Bukharin", "PERSON")),
            _doc(blank, "Bukharin wrote again.", ("Bukharin", "PERSON")),
            _doc(blank, "A copy reached Bukharin.", ("Bukharin", "PLACE"))]
    harmonise(docs, cues)
    assert _labels(docs, "Bukharin") == {"PERSON"}


@pytest.mark.parametrize("text,name,label", [
    ("The Germans shelled the town.", "Germans", "PERSON"),
    ("A German officer came.", "German", "PERSON"),
    ("The ENGLISHMEN left.", "ENGLISHMEN", "PLACE"),
    # other words for a people or its member, typed a person or a place
    ("The clerk was a Southerner by birth.", "Southerner", "PERSON"),
    ("A Chinaman kept the laundry.", "Chinaman", "PERSON"),
    ("Every Negro of the county could vote.", "Negro", "PLACE"),
    ("He studied English at the academy.", "English", "PERSON"),
])
def test_a_nationality_or_a_word_for_a_people_is_never_a_person_place_or_organisation(blank, cues, text, name, label):
    docs = [_doc(blank, text, (name, label))]
    harmonise(docs, cues)
    assert _labels(docs, name) == set()


def test_a_word_for_a_people_does_not_fill_in_as_a_person_elsewhere(blank, cues):
    docs = [_doc(blank, "Southerner came in.", ("Southerner", "PERSON")), _doc(blank, "Then Southerner left.")]
    harmonise(docs, cues)
    assert _labels(docs, "Southerner") == set()


def test_a_party_word_for_its_members_stays_an_organisation(blank, cues):
    docs = [_doc(blank, "The Communists won the vote.", ("Communists", "ORG"))]
    harmonise(docs, cues)
    assert _labels(docs, "Communists") == {"ORG"}


def test_a_surname_like_a_nationality_does_not_make_the_people_a_person(blank, cues):
    doc = _doc(blank, "Anna German taught. The Germans came.", ("Anna German", "PERSON"))
    harmonise([doc], cues)
    assert [e.text for e in doc.ents] == ["Anna German"]


def test_an_ordinary_word_the_model_once_took_for_a_person_names_nobody_elsewhere(blank, cues):
    docs = [_doc(blank, "In clear weather the shore is seen.", ),
            _doc(blank, "Weather changed. Warm.", ("Weather", "PERSON")),
            _doc(blank, "Weather bad. Weather worse.")]
    harmonise(docs, cues)
    assert _labels(docs, "Weather") == set()


@pytest.mark.parametrize("text,model,want", [
    ("Lisovsk is a small town on the river.", "PERSON", "PLACE"),
    ("Tarnow was a Polish general of cavalry.", "PLACE", "PERSON"),
    ("Vesna is a football club of the city.", "PERSON", "ORG"),
])
def test_a_name_defined_by_is_a_noun_takes_its_type(blank, cues, text, model, want):
    name = text.split()[0]
    docs = [_doc(blank, text, (name, model))]
    harmonise(docs, cues)
    assert _labels(docs, name) == {want}


def test_the_build_reports_the_type_decisions(tmp_path):
    from kg.run.build import build

    (tmp_path / "a.txt").write_text("Tarasoff said no. Tarasoff, who was tired, left. The guard Tarasoff slept.\n")
    report = build([tmp_path]).report
    assert isinstance(report["type_votes"], list)
    assert all({"doc", "name", "type", "scores", "cues"} <= set(v) for v in report["type_votes"])


@pytest.fixture(scope="module")
def english(nlp):
    from kg.annotate.recase import EnglishWords

    return EnglishWords.from_nlp(nlp)


@pytest.mark.parametrize("text,name,label,kept", [
    ("The mob was Handing out leaflets.", "Handing", "PLACE", False),
    ("He is DETERMINED to teach well.", "DETERMINED", "ORG", False),
    ("We sent for Brown at once.", "Brown", "PERSON", True),  # a surname in title case
    ("He voted as a Republican all his life.", "Republican", "ORG", True),  # a party's name
    ("The Democrats won the county.", "Democrats", "GROUP", True),
])
def test_dictionary_verbs_and_adjectives_guessed_at_are_no_names(blank, cues, english, text, name, label, kept):
    docs = [_doc(blank, text, (name, label))]
    harmonise(docs, cues, english)
    assert _labels(docs, name) == ({label} if kept else set())


@pytest.mark.parametrize("text,name,label,kept", [
    ("TELEGRAM.\nThe staff signed it at night.", "TELEGRAM", "ORG", False),
    ("ORDER:\nThe men are to leave at dawn.", "ORDER", "PLACE", False),
    ("ZORNAVA.\nThe town lies on the river.", "ZORNAVA", "PLACE", True),  # no word of the dictionary
    ("The TELEGRAM came at night.", "TELEGRAM", "ORG", True),  # not a line of its own
])
def test_a_line_of_one_dictionary_noun_in_capitals_is_a_heading(blank, cues, english, text, name, label, kept):
    docs = [_doc(blank, text, (name, label))]
    harmonise(docs, cues, english)
    assert _labels(docs, name) == ({label} if kept else set())


def test_a_lone_word_set_aside_is_a_place_where_the_document_says_so(blank, cues, nlp):
    types = nlp.get_pipe("kg_types")
    docs = [types(_doc(blank, "We left Brannock at noon.", ("Brannock", "ORG"))),
            types(_doc(blank, "The coach stopped at Brannock late.", ("Brannock", "ORG"))),
            types(_doc(blank, "Tarlow sent the money.", ("Tarlow", "ORG")))]
    assert [e.text for d in docs for e in d.ents] == ["Brannock"]  # after "at": a place
    harmonise(docs, cues)
    assert _labels(docs, "Brannock") == {"PLACE"} and len([e for d in docs for e in d.ents]) == 2
    assert _labels(docs, "Tarlow") == set()  # nothing says it is a place


@pytest.mark.parametrize("text,name,model,want", [
    ("The Congress, the chief body of the district, met.", "Congress", "ORG", "ORG"),
    ("Tarnow, the chief of police, came.", "Tarnow", "PLACE", "PERSON"),
])
def test_a_person_noun_in_apposition_must_head_its_phrase(blank, cues, text, name, model, want):
    docs = [_doc(blank, text, (name, model))]
    harmonise(docs, cues)
    assert _labels(docs, name) == {want}


def test_a_lone_word_set_aside_needs_a_cue_not_a_guess_to_become_a_place(blank, cues, nlp):
    types = nlp.get_pipe("kg_types")
    docs = [types(_doc(blank, "The members of the Expedition met.", ("Expedition", "ORG"))),
            _doc(blank, "Later the Expedition went north.", ("Expedition", "PLACE"))]  # a guess only
    harmonise(docs, cues)
    assert [e.text for e in docs[0].ents] == []


@pytest.mark.parametrize("text,name,model", [
    ("The envoy of the Tarkhad, who arrived late, spoke first.", "Tarkhad", "PLACE"),
    ("Refugees from the Ostmark who crossed the river were fed.", "Ostmark", "PLACE"),
    ("The chairman of the Velsk Syndicate was an honest man.", "Velsk Syndicate", "ORG"),
])
def test_a_name_after_of_and_an_article_lends_what_follows_to_the_noun_before(blank, cues, text, name, model):
    docs = [_doc(blank, text, (name, model))]
    harmonise(docs, cues)
    assert _labels(docs, name) == {model}


def test_a_word_joined_by_a_hyphen_is_no_lone_word_after_the_article(blank, cues):
    docs = [_doc(blank, "We walked past the Ivan-and-Maria Bridge at noon.", ("Ivan", "PERSON"))]
    harmonise(docs, cues)
    assert _labels(docs, "Ivan") == {"PERSON"}


def test_a_definition_ends_with_its_first_noun_phrase(blank, cues):
    docs = [_doc(blank, "Dolgin is the present incumbent and the city's hope.", ("Dolgin", "PERSON"))]
    harmonise(docs, cues)
    assert _labels(docs, "Dolgin") == {"PERSON"}


@pytest.mark.parametrize("text,name,model,want", [
    ("The Zarian Republic, who armed the rebels, fell in a month.", "Zarian Republic", "PLACE", "PLACE"),
    ("The Board of Mines, who never answered, closed the pit.", "Board of Mines", "ORG", "ORG"),
    ("Korvin Lane was quiet that night.", "Korvin Lane", "PERSON", "PLACE"),
    ("Then Peter Hall said nothing more.", "Peter Hall", "PERSON", "PERSON"),  # a given name opens it
])
def test_a_head_word_of_a_state_or_an_institution_outweighs_person_cues(blank, cues, text, name, model, want):
    docs = [_doc(blank, text, (name, model))]
    harmonise(docs, cues)
    assert _labels(docs, name) == {want}


def test_a_surname_shaped_word_is_one_guess_that_the_text_can_outvote(blank, cues):
    texts = ["The pogroms in Zolotov were the worst.", "We stayed at Zolotov for a week.",
             "The women of Zolotov wept.", "Nobody returned to Zolotov."]
    docs = [_doc(blank, t, ("Zolotov", "PERSON")) for t in texts]
    for doc in docs:
        origins(doc)[(doc.ents[0].start_char, doc.ents[0].end_char)] = "shape"  # the surname rule's
    [record] = [r for r in harmonise(docs, cues) if r["name"] == "Zolotov"]
    assert _labels(docs, "Zolotov") == {"PLACE"}
    assert record["scores"]["PERSON"] == 1.5 and "PERSON: name shape" in record["cues"]


def test_a_title_of_a_place_votes_for_no_surname(blank, cues):
    docs = [_doc(blank, "Princess Mara of Velnia came to the ball.", ("Princess Mara of Velnia", "PERSON")),
            _doc(blank, "They sailed home to Velnia.", ("Velnia", "PLACE"))]
    harmonise(docs, cues)
    assert _labels(docs, "Velnia") == {"PLACE"}


def test_every_score_has_its_cue_recorded(blank, cues):
    docs = [_doc(blank, "Emil Tarasov spoke at noon.", ("Emil Tarasov", "PERSON")),
            _doc(blank, "Nobody liked Tarasov.", ("Tarasov", "PLACE"))]
    [record] = [r for r in harmonise(docs, cues) if r["name"] == "Tarasov"]
    assert record["type"] == "PERSON" and "PERSON: full name 'Emil Tarasov'" in record["cues"]


@pytest.mark.parametrize("text,name,want", [
    ("Then Velikinsk fell silent for a year.", "Velikinsk", "PLACE"),
    ("Nobody slept in Zarograd that winter.", "Zarograd", "PLACE"),
    ("Then Musk fell silent for a year.", "Musk", "PERSON"),  # too short to have the ending
])
def test_a_russian_town_ending_outweighs_the_models_guess_of_a_person(blank, cues, text, name, want):
    docs = [_doc(blank, text, (name, "PERSON"))]
    harmonise(docs, cues)
    assert _labels(docs, name) == {want}
