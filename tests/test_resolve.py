"""The resolve step: clustering mentions into entities, aggregating relations."""

from __future__ import annotations

import pytest

from kg.annotate.gazetteer import Gazetteer
from kg.model import Assertion, Evidence, Mention
from kg.resolve import Resolver, entity_id, name_key
from kg.resolve.relations import aggregate


def _m(name: str, type_: str = "PERSON", doc: str = "d-1", key: str | None = None) -> Mention:
    return Mention(doc, f"{doc}.txt", 0, len(name), name, type_, 0, name=name, key=key)


@pytest.mark.parametrize("a,b", [("Kuz'min", "Kuzmin"), ("I. V.  Stalin", "i. v. stalin"),
                                 ("Aikhenval’d", "Aikhenvald")])
def test_name_keys_ignore_case_spacing_and_soft_signs(a, b):
    assert name_key(a) == name_key(b)


def test_surname_joins_the_one_full_name_of_its_document():
    ms = [_m("Karl Radek"), _m("Radek"), _m("Radek", doc="d-2")]
    Resolver().resolve(ms)
    assert ms[0].entity == ms[1].entity != ms[2].entity  # a bare surname names someone only in its document


def test_ambiguous_surname_stays_apart():
    ms = [_m("Anna Larina"), _m("Maria Larina"), _m("Larina")]
    Resolver().resolve(ms)
    assert len({m.entity for m in ms}) == 3


def test_same_name_different_type_stays_apart():
    ms = [_m("Bolshevik", "ORG"), _m("Bolshevik", "GROUP")]
    Resolver().resolve(ms)
    assert ms[0].entity != ms[1].entity


def test_gazetteer_alias_merges_variants_and_gives_wikidata():
    gaz = Gazetteer.from_entries([{"id": "Leon_Trotsky", "type": "PERSON", "name": "Leon Trotsky",
                                   "aliases": ["Trotskii", "Trotsky"], "wikidata": "Q33391"}])
    ms = [_m("Trotskii"), _m("Trotsky"), _m("Leon Trotsky")]
    ents = Resolver(gaz).resolve(ms)
    assert list(ents) == ["Leon_Trotsky"] and ents["Leon_Trotsky"].wikidata == "Q33391"


def test_ids_are_iri_safe_and_stable():
    assert entity_id("Kuz'min") == "Kuzmin" and entity_id("A. Iu. Aikhenvald") == "A_Iu_Aikhenvald"


def test_same_fact_twice_is_one_relation_with_two_pieces_of_evidence():
    a, b = _m("Anna"), _m("Ivan")
    a.entity, b.entity = "Anna", "Ivan"
    ev1 = Evidence("d-1", "d.txt", "q1", 0, 5, "spouse.x.v1", 0.8)
    ev2 = Evidence("d-2", "e.txt", "q2", 7, 9, "spouse.x.v1", 0.8)
    rels = aggregate([Assertion(a, "spouse", b, "entity", ev1), Assertion(b, "spouse", a, "entity", ev2)])
    assert len(rels) == 1 and rels[0].sources == ["d-1", "d-2"]


@pytest.mark.parametrize("a,b,ok", [
    ("Aniuta", "Anna Larina", True), ("Nadia", "Nadezhda Lukina", True), ("Sonia", "Sofia Ivanova", True),
    ("Olga", "Sofia Ivanova", False), ("Kamenev", "Zinoviev", False), ("Radek", "Karl Radek", True),
    ("Anna Larina", "Anna Akhmatova", False), ("N. Bukharin", "Nikolai Bukharin", True),
])
def test_stated_identity_needs_compatible_names(a, b, ok):
    from kg.resolve.identity import compatible

    assert compatible(a, b) is ok


@pytest.mark.parametrize("names,pair,merged", [
    (["Radek", "Karl Radek"], (0, 1), True),
    (["Puskas", "Tivadar Puskas", "Imre Puskas", "Zoltan Puskas"], (0, 3), False),  # a list of namesakes
])
def test_an_apposition_of_a_short_name_needs_a_single_fuller_name(names, pair, merged):
    ms = [Mention("d-1", "d-1.txt", i * 20, i * 20 + len(n), n, "PERSON", 0, name=n) for i, n in enumerate(names)]
    Resolver().resolve(ms, same_as=[(ms[pair[0]], ms[pair[1]])])
    assert (ms[pair[0]].entity == ms[pair[1]].entity) is merged


def test_apposition_merges_a_diminutive_with_the_full_name_but_not_a_list():
    ms = [_m("Aniuta"), _m("Anna Larina"), _m("Olga"), _m("Lev Kamenev")]
    Resolver().resolve(ms, same_as=[(ms[0], ms[1]), (ms[2], ms[3])])
    assert ms[0].entity == ms[1].entity and ms[2].entity != ms[3].entity


@pytest.mark.parametrize("a,b", [
    ("Trotsky", "Trotskii"), ("Anyuta", "Aniuta"), ("Josif Vissarionovich", "Iosif Vissarionovich"),
    ("Yezhov", "Ezhov"), ("Zinov'ev", "Zinovyev"), ("Nadya", "Nadia"), ("Alliluyeva", "Allilueva"),
    ("Yuri", "Iurii"), ("Trotskiy", "Trotsky"), ("Czarskoe Selo", "Tsarskoe Selo"), ("Czaritsyn", "Tsaritsyn"),
])
def test_transliteration_variants_share_a_key(a, b):
    from kg.resolve.keys import translit_key

    assert translit_key(a) == translit_key(b)


def test_feminine_surname_folds_for_families_only():
    from kg.resolve.keys import family_key

    assert family_key("Larina") == family_key("Larin")
    ms = [_m("Iurii Larin"), _m("Anna Larina")]
    Resolver().resolve(ms)
    assert ms[0].entity != ms[1].entity  # father and daughter stay apart


def test_full_name_variants_across_documents_are_one_entity():
    ms = [_m("Anna Larina", doc="d-2"), _m("Anyuta Larina", doc="d-1"), _m("Leon Trotsky", doc="d-2"),
          _m("Leo Trotskii", doc="d-1")]
    ents = Resolver().resolve(ms)
    assert len(ents) == 2 and all(len(e.sources) == 2 for e in ents.values())


def test_bare_names_stay_in_their_document():
    ms = [_m("Aniuta", doc="d-2"), _m("Aniuta", doc="d-1"), _m("Trotsky", doc="d-2"), _m("Trotskii", doc="d-1")]
    ents = Resolver().resolve(ms)
    assert len(ents) == 4 and all(len(e.sources) == 1 for e in ents.values())


def test_shared_first_name_is_a_near_miss_not_a_merge():
    resolver = Resolver()
    ms = [_m("Nadia"), _m("Nadezhda Sergeevna Allilueva")]
    resolver.resolve(ms)
    assert ms[0].entity != ms[1].entity
    assert resolver.near_misses == [{"name": "Nadia", "candidate": "Nadezhda Sergeevna Allilueva",
                                     "why_not": "a shared first name alone is no evidence"}]


@pytest.mark.parametrize("short,full", [("N. S.", "Nadezhda Sergeevna Allilueva"), ("Stetskiis", "A. I. Stetskii"),
                                        ("Radek", "Karl Radek"), ("Nadezhda Sergeevna", "Nadezhda Sergeevna Allilueva")])
def test_short_forms_join_the_one_fuller_name(short, full):
    ms = [_m(full), _m(short)]
    Resolver().resolve(ms)
    assert ms[0].entity == ms[1].entity


def test_initials_need_a_unique_match_in_the_same_document():
    ms = [_m("Nikolai Ivanovich Bukharin"), _m("Nikolai Ivanovich Ezhov"), _m("N. I.")]
    Resolver().resolve(ms)
    assert ms[2].entity not in {ms[0].entity, ms[1].entity}


def test_ids_do_not_depend_on_mention_order():
    a = [_m("Karl Radek"), _m("Radek", doc="d-2")]
    b = [_m("Radek", doc="d-2"), _m("Karl Radek")]
    assert list(Resolver().resolve(a)) == list(Resolver().resolve(b))


@pytest.mark.parametrize("full,short", [("Prince Henkel-Donnersmarck", "Prince Donnersmarck"),
                                        ("General Korniloff", "Korniloff"),
                                        ("Madame Alexandra Kollontai", "Madame Kollontai")])
def test_titles_and_double_surnames_resolve_to_one_person(full, short):
    ms = [_m(full), _m(short)]
    Resolver().resolve(ms)
    assert ms[0].entity == ms[1].entity


@pytest.mark.parametrize("a,b", [("Madame Kerensky", "Aleksandr Kerensky"), ("Mme. Caillaux", "Joseph Caillaux"),
                                 ("Anna Ulyanova", "Vladimir Ulyanov"), ("Anna Petrovna", "Anna Ivanovna Smirnova")])
def test_names_that_name_someone_else_stay_apart(a, b):
    ms = [_m(a), _m(b)]
    Resolver().resolve(ms)
    assert ms[0].entity != ms[1].entity


@pytest.mark.parametrize("spelt,name", [("Bo-ro-din", "Borodin"), ("Ra-de-e-e-k", "Radek")])
def test_a_name_spelt_out_in_syllables_is_the_name(spelt, name):
    assert name_key(spelt) == name_key(name)


@pytest.mark.parametrize("name", ["Ebert-Scheidemann", "Rimsky-Korsakov", "Jean-Paul"])
def test_hyphenated_names_stay_hyphenated(name):
    assert "-" in name_key(name)


def test_evidence_aggregation_is_linear(monkeypatch: pytest.MonkeyPatch) -> None:
    """One fact stated 4,000 times (a long repetitive file): each evidence is compared once,
    not with every evidence gathered before it (8 million comparisons when quadratic)."""
    import kg.resolve.relations as relations

    calls = 0
    key = relations._evidence_key

    def counted(ev: Evidence) -> tuple:
        nonlocal calls
        calls += 1
        return key(ev)

    monkeypatch.setattr(relations, "_evidence_key", counted)
    a = Mention("d-1", "d.txt", 0, 4, "Anna", "PERSON", 0, name="Anna", entity="Anna")
    b = Mention("d-1", "d.txt", 9, 13, "Ivan", "PERSON", 0, name="Ivan", entity="Ivan")
    n = 4000
    said = [Assertion(a, "met_with", b, "entity", Evidence("d-1", "d.txt", "Anna met Ivan.", 20 * i,
                                                          20 * i + 14, "met_with.x.v1", 0.8))
            for i in range(n)]
    rels = aggregate(said + said)  # every evidence twice: kept once
    assert [len(r.evidence) for r in rels] == [n]
    assert calls < 10 * n


@pytest.mark.parametrize("a,b", [
    ("Social-Revolutionary", "Social Revolutionary"),
    ("Austria-Hungary", "Austria - Hungary"),
])
def test_a_hyphen_or_a_space_is_one_name_of_a_body_or_place(a, b):
    kind = "ORG" if a.startswith("Social") else "PLACE"
    ms = [Mention("d-1", "d.txt", 0, len(a), a, kind, 0, name=a),
          Mention("d-1", "d.txt", 40, 40 + len(b), b, kind, 0, name=b)]
    Resolver().resolve(ms)
    assert ms[0].entity == ms[1].entity


def test_one_bare_name_in_two_books_is_two_entities_with_short_ids():
    ms = [Mention("a-1", "books/pg65453_The_Last_Days.txt", 0, 5, "Popov", "PERSON", 0, name="Popov"),
          Mention("b-1", "books/pg68923_An_Island_Hell.txt", 0, 5, "Popov", "PERSON", 0, name="Popov")]
    ents = Resolver().resolve(ms)
    assert sorted(ents) == ["Popov", "Popov_pg68923"]


@pytest.mark.parametrize("name,linked", [
    ("Vasily Vasilievich Ryzhov", False),  # a surname of his own: not the entry's namesake
    ("Vasily Vasilievich", True), ("V. V. Ulrikh", True),
])
def test_a_full_name_needs_the_entrys_surname_not_its_first_name_and_patronymic(name, linked):
    from kg.resolve import names_entry

    gaz = Gazetteer.from_entries([{"id": "Vasilii_Ulrikh", "type": "PERSON", "name": "Vasilii Vasil'evich Ul'rikh",
                                   "aliases": ["Ulrikh", "Vasily Vasilievich", "V. V. Ulrikh"]}])
    assert names_entry(name, gaz.get("Vasilii_Ulrikh")) is linked


@pytest.mark.parametrize("others,linked", [
    ([], True),  # a first name and patronymic the gazetteer lists
    (["Vasily Vasilievich Ryzhov"], False),  # the document gives them to someone else
    (["Vasily Vasilievich Ryzhov", "Vasily Vasilievich Ulrikh"], True),  # … and to the entry's person too
])
def test_a_first_name_and_patronymic_link_unless_the_document_gives_them_only_to_another(others, linked):
    gaz = Gazetteer.from_entries([{"id": "Vasilii_Ulrikh", "type": "PERSON", "name": "Vasilii Vasil'evich Ul'rikh",
                                   "aliases": ["Ulrikh", "Vasily Vasilievich", "Vasily Vasilievich Ulrikh"]}])
    ms = [_m("Vasily Vasilievich"), *map(_m, others)]
    Resolver(gaz).resolve(ms)
    assert (ms[0].entity == "Vasilii_Ulrikh") is linked
