"""A surname alone links to a gazetteer person only with evidence (kg/resolve/anchor.py)."""

from __future__ import annotations

import pytest

from kg.annotate.gazetteer import Gazetteer
from kg.model import Document, Mention, Passage
from kg.resolve import Resolver
from kg.resolve.anchor import context_agrees, introduced_as_unknown, rank_agrees, shared_context, title_agrees

GAZ = Gazetteer.from_entries([
    {"id": "Ivan_Pavlov", "type": "PERSON", "name": "Ivan Petrovich Pavlov", "aliases": ["Pavlov", "Ivan Pavlov"],
     "wikidata": "Q42985", "note": "physiologist, Nobel Prize 1904", "context": ["conditioned reflex"]},
    {"id": "Semen_Timoshenko", "type": "PERSON", "name": "Semen Konstantinovich Timoshenko",
     "aliases": ["Timoshenko"], "note": "people's commissar of defence 1940-1941, Marshal"},
    {"id": "Vasilii_Ulrikh", "type": "PERSON", "name": "Vasilii Vasil'evich Ul'rikh", "aliases": ["Ulrikh"],
     "note": "presiding judge of the Military Collegium at the Moscow trials"},
    {"id": "Boris_Shtiurmer", "type": "PERSON", "name": "Boris Vladimirovich Shtiurmer",
     "aliases": ["Shtiurmer", "Boris Vladimirovich"], "note": "prime minister of Russia in 1916"},
    {"id": "Alexander_III", "type": "PERSON", "name": "Alexander III", "note": "emperor of Russia 1881-1894"},
    {"id": "Grand_Duke_Mikhail", "type": "PERSON", "name": "Mikhail Aleksandrovich Romanov",
     "aliases": ["Grand Duke Michael", "Grand Duke Michael Alexandrovich"], "note": "brother of Nicholas II"},
    # ten entries of one period, each with the period's words and one of its own
    *({"id": f"Commissar_{i}", "type": "PERSON", "name": f"Ivan Komissarov{i}", "aliases": [f"Komissarov{i}"],
       "note": "commissar", "context": ["Soviet", "revolution", town]}
      for i, town in enumerate(("Archangel", "Baku", "Chita", "Dvinsk", "Elets", "Fergana", "Gomel", "Irbit",
                                "Kazan", "Luga"))),
])


def _resolve(text: str, names: list[str], key: str) -> tuple[Resolver, list[Mention]]:
    """One document of one passage; each name is found in the text in turn."""
    doc = Document("d-1", "d.txt", "d.txt", "0" * 64,
                   [Passage("d-1", "d.txt", 0, "body", text, range(len(text) + 1))])
    ms, at = [], 0
    for n in names:
        at = text.index(n, at)
        linked = key if n.split()[-1] in {"Pavlov", "Timoshenko", "Ulrikh"} else None
        ms.append(Mention("d-1", "d.txt", at, at + len(n), n, "PERSON", 0, origin="gazetteer" if linked else "model",
                          key=linked, name=n))
        at += len(n)
    resolver = Resolver(GAZ)
    resolver.resolve(ms, (), [doc])
    return resolver, ms


@pytest.mark.parametrize("text,names,key", [
    ("A locksmith named Timoshenko was sent to the island.", ["Timoshenko"], "Semen_Timoshenko"),
    ("The business manager of the camp is one Pavlov, a rascal.", ["Pavlov"], "Ivan_Pavlov"),
    ("Pavlov kept the camp's books and took bribes.", ["Pavlov"], "Ivan_Pavlov"),
    ("Nikolai Pavlov ran the stores. Pavlov took bribes.", ["Nikolai Pavlov", "Pavlov"], "Ivan_Pavlov"),
    ("Ulrikh left Moscow for the Urals.", ["Ulrikh"], "Vasilii_Ulrikh"),  # every such text names Moscow
])
def test_a_surname_without_evidence_is_not_the_famous_namesake(text, names, key):
    resolver, ms = _resolve(text, names, key)
    assert ms[-1].entity != key and resolver.unlinked and resolver.unlinked[0]["entry"] == key


@pytest.mark.parametrize("text,names,key", [
    ("The physiologist Pavlov studied the digestion of dogs.", ["Pavlov"], "Ivan_Pavlov"),
    ("Ivan Pavlov spoke first. Then Pavlov showed the dogs.", ["Ivan Pavlov", "Pavlov"], "Ivan_Pavlov"),
    ("Marshal Timoshenko inspected the troops.", ["Marshal Timoshenko"], "Semen_Timoshenko"),
    ("He lectured on the conditioned reflex; Pavlov was proud.", ["Pavlov"], "Ivan_Pavlov"),
])
def test_a_fuller_name_a_title_or_context_words_link_the_surname(text, names, key):
    resolver, ms = _resolve(text, names, key)
    assert ms[-1].entity == key and not resolver.unlinked


@pytest.mark.parametrize("words,new", [(("a", "locksmith", "named"), True), (("one",), True),
                                       (("a", "certain"), True), (("met", "general"), False), ((), False)])
def test_words_that_introduce_someone_new(words, new):
    assert introduced_as_unknown(words) is new


def test_a_form_of_address_is_no_title_evidence():
    entry = GAZ.get("Semen_Timoshenko")
    assert title_agrees("Marshal Timoshenko", entry) and not title_agrees("Mr. Timoshenko", entry)


def test_a_malformed_word_list_names_the_file_and_the_key(tmp_path, monkeypatch):
    from kg.errors import DataFileError
    from kg.resolve import anchor, check_data

    bad = tmp_path / "linking.toml"
    bad.write_text('introduced_by = "named"\naddress_titles = []\nnote_stopwords = []\n', encoding="utf-8")
    monkeypatch.setattr(anchor, "DATA", bad)
    anchor._lists.cache_clear()
    try:
        with pytest.raises(DataFileError) as err:
            check_data()
        assert "linking.toml [introduced_by]" in str(err.value)
    finally:
        anchor._lists.cache_clear()


@pytest.mark.parametrize("text,a,b,one", [
    ("Empress Alexandra (Princess Alice) Feodorovna wrote daily.", "Empress Alexandra", "Princess Alice", True),
    ("Anna Larina, née Anna Bukharina, came back.", "Anna Larina", "Anna Bukharina", True),
    ("Princess Paley, formerly Countess Hohenfelsen, left.", "Princess Paley", "Countess Hohenfelsen", True),
    ("Anna Larina and Maria Bukharina came back.", "Anna Larina", "Maria Bukharina", False),
    ("Anna Larina (Ivan Bukharin) came back.", "Anna Larina", "Ivan Bukharin", False),  # a woman is no man
])
def test_names_the_text_states_to_be_one_person_merge(text, a, b, one):
    doc = Document("d-1", "d.txt", "d.txt", "0" * 64, [Passage("d-1", "d.txt", 0, "body", text, range(len(text) + 1))])
    ms = [Mention("d-1", "d.txt", text.index(n), text.index(n) + len(n), n, "PERSON", 0, name=n) for n in (a, b)]
    Resolver().resolve(ms, (), [doc])
    assert (ms[0].entity == ms[1].entity) is one


@pytest.mark.parametrize("name,entry,agrees", [
    ("Grand Duke Boris Vladimirovich", "Boris_Shtiurmer", False),  # a minister was no grand duke
    ("Boris Vladimirovich", "Boris_Shtiurmer", True),
    ("Czar Alexander III", "Alexander_III", True),  # "emperor" in the note: a sovereign, like a czar
    ("Grand Duke Alexander", "Alexander_III", False),
    ("General Timoshenko", "Semen_Timoshenko", True),  # no royal rank asked for
])
def test_a_royal_title_must_be_the_entrys_rank(name, entry, agrees):
    assert rank_agrees(name, GAZ.get(entry)) is agrees


def test_a_grand_dukes_first_name_and_patronymic_are_not_the_ministers():
    text = "We went to the Grand Duke Boris Vladimirovich. There we met Boris Vladimirovich and a lady."
    doc = Document("d-1", "d.txt", "d.txt", "0" * 64, [Passage("d-1", "d.txt", 0, "body", text, range(len(text) + 1))])
    names = ["Grand Duke Boris Vladimirovich", "Boris Vladimirovich"]
    ms, at = [], 0
    for n in names:
        at = text.index(n, at)
        key = "Boris_Shtiurmer" if n == "Boris Vladimirovich" else None
        ms.append(Mention("d-1", "d.txt", at, at + len(n), n, "PERSON", 0, key=key, name=n,
                          origin="gazetteer" if key else "model"))
        at += len(n)
    Resolver(GAZ).resolve(ms, (), [doc])
    assert ms[0].entity == ms[1].entity and "Shtiurmer" not in ms[0].entity


@pytest.mark.parametrize("name", ["Grand-Duke Michael", "Grand-Duke Michael Alexandrovitch", "Grand Duke Michael"])
def test_a_hyphenated_royal_title_links_like_the_spaced_one(name):
    text = f"The {name} arrived in the evening."
    doc = Document("d-1", "d.txt", "d.txt", "0" * 64, [Passage("d-1", "d.txt", 0, "body", text, range(len(text) + 1))])
    at = text.index(name)
    m = Mention("d-1", "d.txt", at, at + len(name), name, "PERSON", 0, name=name)
    Resolver(GAZ).resolve([m], (), [doc])
    assert m.entity == "Grand_Duke_Mikhail"


def test_context_words_ten_entries_share_are_no_evidence():
    shared = shared_context(GAZ.entries.values())
    assert {"soviet", "revolution"} <= shared and not {"chita", "kazan"} & shared
    entry = GAZ.get("Commissar_3")
    assert not context_agrees(frozenset({"soviet", "revolution"}), "the Soviet and the revolution", entry, shared)
    assert context_agrees(frozenset({"soviet"}), "the Soviet", entry)  # without the shared words: evidence


@pytest.mark.parametrize("text,linked", [
    ("After the revolution the Soviet sent Komissarov3 to the islands.", False),  # the period's words only
    ("Komissarov3 came back from Dvinsk to the Soviet.", True),  # a word of his own
])
def test_a_surname_among_the_periods_words_alone_stays_local(text, linked):
    resolver, ms = _resolve_one(text, "Komissarov3", "Commissar_3")
    assert (ms[0].entity == "Commissar_3") is linked


def _resolve_one(text: str, name: str, key: str) -> tuple[Resolver, list[Mention]]:
    doc = Document("d-1", "d.txt", "d.txt", "0" * 64,
                   [Passage("d-1", "d.txt", 0, "body", text, range(len(text) + 1))])
    at = text.index(name)
    ms = [Mention("d-1", "d.txt", at, at + len(name), name, "PERSON", 0, origin="gazetteer", key=key, name=name)]
    resolver = Resolver(GAZ)
    resolver.resolve(ms, (), [doc])
    return resolver, ms
