"""When two person names can be one person (kg/resolve/agree.py)."""

from __future__ import annotations

import pytest

from kg.resolve.agree import agree, clusters_conflict, conflict


@pytest.mark.parametrize("a,b", [("N. Bukharin", "Nikolai Bukharin"), ("Olga Nikolaevna", "Grand Duchess Olga"),
                                 ("Nadia Allilueva", "Nadezhda Allilueva"), ("Korniloff", "General Kornilov"),
                                 ("Prince Henkel-Donnersmarck", "Prince Donnersmarck"),
                                 ("Madame Kollontai", "Alexandra Kollontai")])
def test_names_that_can_be_one_person_agree(a, b):
    assert agree(a, b)


@pytest.mark.parametrize("a,b,part", [
    ("Olga Nikolaievna", "Tatiana Nikolaievna", "given name"),
    ("Grand Duke Nicholas Mikhailovich", "Grand Duke George Mikhailovich", "given name"),
    ("Sergius Mikhailovich", "Sergius Alexandrovich", "patronymic"),
    ("Zorin", "Zorina", "surname"), ("Madame Zorin", "Zorin", "sex"), ("Madame Kerensky", "Aleksandr Kerensky", "sex"),
    ("Empress Maria", "Grand Duchess Maria", "royal rank"), ("Alexander II", "Alexander III", "ordinal"),
    ("Princess Alice of Hesse", "Princess Alice of Albany", "territory"),
    ("Germans", "Anastasia", "not a person's name"), ("Lisa Zorin", "Ivan Zorin", "given name"),
])
def test_names_of_two_persons_disagree_on_a_part(a, b, part):
    assert conflict(a, b) == part


def test_a_gazetteer_person_may_hold_a_pseudonym_but_not_another_first_name():
    tomskii = ["Mikhail Pavlovich Tomskii", "Efremov"]
    assert clusters_conflict(tomskii, ["Tomsky"]) is None
    assert clusters_conflict(tomskii, ["Ivan Tomsky"]).startswith("given name")
    assert clusters_conflict(["Karl Radek"], ["Zinoviev"]).startswith("surname")
