"""The build's progress bar (kg/run/progress.py): measured by the size of the files read, with
files and words per second beside it, then one line per later step; silent off a terminal."""

from __future__ import annotations

import doctest
import io

import pytest

import kg.run.progress
from kg.run.progress import Progress, file_sizes


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _terminal(monkeypatch) -> _Terminal:
    """stderr as a terminal (set in the test itself: pytest's capture resets it after fixtures)."""
    screen = _Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    return screen


def test_the_bar_counts_the_share_of_bytes_read_not_of_files(monkeypatch):
    terminal = _terminal(monkeypatch)
    bar = Progress([9_000, 1_000], enabled=True)
    bar.update(1_500, 9_000)
    bar._bar.refresh()  # tqdm redraws at most every 0.1 s
    shown = terminal.getvalue()
    assert "90%" in shown and "1/2 files" in shown and "words/s" in shown
    bar.close()


def test_later_steps_get_a_line_of_their_own(monkeypatch):
    terminal = _terminal(monkeypatch)
    bar = Progress([10], enabled=True)
    bar.update(2, 10)
    bar.step("resolving 2 mentions into entities")
    assert terminal.getvalue().endswith("kg build: resolving 2 mentions into entities…\n")


@pytest.mark.parametrize("enabled", [True, False])
def test_nothing_is_drawn_off_a_terminal_or_when_quiet(monkeypatch, enabled):
    screen = io.StringIO()
    monkeypatch.setattr("sys.stderr", screen)
    bar = Progress([10], enabled=enabled)
    bar.update(2, 10)
    bar.step("resolving")
    assert screen.getvalue() == ""


def test_a_file_that_cannot_be_read_counts_as_empty(tmp_path):
    (tmp_path / "a.txt").write_text("abc", encoding="utf-8")
    assert file_sizes([tmp_path / "a.txt", tmp_path / "gone.txt"]) == [3, 0]


def test_docstring_examples_run():
    result = doctest.testmod(kg.run.progress)
    assert result.failed == 0 and result.attempted > 0
