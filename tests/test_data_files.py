"""kg.data_files: data files found, parsed, and their word lists checked with errors naming file and key."""

from __future__ import annotations

import pytest

from kg import data_files
from kg.errors import DataFileError


@pytest.mark.parametrize("table", [{"org": {}}, {"org": {"kind_nouns": []}}, {"org": {"kind_nouns": [1, 2]}}, {"org": []}])
def test_a_missing_or_malformed_word_list_names_the_file_and_key(monkeypatch, table):
    monkeypatch.setattr(data_files, "load_toml", lambda name: table)
    with pytest.raises(DataFileError, match=r"labels.toml \[org.kind_nouns\]"):
        data_files.word_list("labels.toml", "org", "kind_nouns")


def test_a_word_list_is_read_as_a_set():
    words = data_files.word_list("labels.toml", "org", "kind_nouns")
    assert isinstance(words, frozenset) and "party" in words
