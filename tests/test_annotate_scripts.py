"""Names in Cyrillic (kg/annotate/scripts.py): romanised for ids, kept in their script as
labels, and one entity with their transliteration when the text gives both."""

from __future__ import annotations

import pytest

from kg.annotate.scripts import is_cyrillic_name_word, romanise
from kg.resolve import entity_id


@pytest.mark.parametrize("text,latin", [
    ("Фёдор Шаляпин", "Fedor Shaliapin"), ("Юрий", "Iurii"), ("ЦК", "TsK"), ("Kamenev", "Kamenev"),
])
def test_romanise_gives_latin_letters(text, latin):
    assert romanise(text) == latin


def test_a_cyrillic_name_is_never_an_entity_called_entity():
    assert entity_id("Софья Перовская") == "Sofia_Perovskaia"


@pytest.mark.parametrize("word,want", [("Перовская", True), ("перовская", False), ("Perovskaia", False)])
def test_cyrillic_name_words_are_capitalised_cyrillic(word, want):
    assert is_cyrillic_name_word(word) is want


def test_a_name_and_its_cyrillic_form_side_by_side_are_one_entity(tmp_path):
    from kg.run.build import build

    (tmp_path / "a.txt").write_text(
        "Nikolai Ilich Podvoiskii (Николай Ильич Подвойский, 1880–1948) was a Bolshevik.\n\n"
        "Later Podvoiskii led the sports movement. The clerk Ксения Орлова kept the minutes.\n")
    entities = build([tmp_path]).entities.values()
    [podvoisky] = [e for e in entities if "Николай Ильич Подвойский" in [e.label, *e.aliases]]
    assert "Nikolai Ilich Podvoiskii" in [podvoisky.label, *podvoisky.aliases]
    assert all(e.id != "entity" for e in entities)
    assert any("Орлова" in e.label and e.id.endswith("Orlova") for e in entities)
