"""OCR debris on constructed files: column fragments, garbled duplicates, no false alarms."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from kg.read import load_text, read_file
from kg.read.debris import region_prf as char_prf

PARAS = [
    "I write to you because the investigation has ended and I have nothing left to hide "
    "from you, nor from the party that raised me and that I served for twenty years.",
    "In the spring of 1932 I met Kuzmin and Aikhenvald in the apartment on the Arbat, where "
    "they spoke about the platform and asked me to read it, which I refused to do at once.",
    "Later I learned that the conference had taken place without me, and I concealed this "
    "fact out of pity for the young people, which was my great and unforgivable mistake.",
    "Now I ask only that my wife and my son be spared, because they knew nothing of these "
    "matters and cannot be held to answer for what I said or failed to say at the plenum.",
]
COLUMN = ("over this news, we saw\naid that his father had\n\nising in mathematics,\n"
          "l education classes as\nns to complex geome-\n\ntouched us! An enemy\nway, but "
          "right here, so\nto us.\n\nfully and a little more\n\nhose parents had also")


def garble(text: str, keep: int = 4, seed: int = 1) -> str:
    """Keep short runs of words (about one word in ``keep``), in order, dropping the rest,
    as a bad OCR pass of a damaged page does."""
    rnd = random.Random(seed)
    words, out, k = text.split(), [], 0
    while k < len(words):
        run = rnd.randint(2, 3)
        out.extend(words[k:k + run])
        k += run + rnd.randint(run * (keep - 1) - 1, run * (keep - 1) + 1)
    return " ".join(out)


def _regions(path: Path) -> list[tuple[int, int]]:
    return [r for d in read_file(path) for r in d.debris]


def _write(tmp_path: Path, parts: list[str]) -> tuple[Path, list[tuple[int, int]]]:
    """Write parts separated by blank lines; parts wrapped in [[...]] are gold debris."""
    text, gold = "", []
    for part in parts:
        if text:
            text += "\n\n"
        if part.startswith("[["):
            gold.append((len(text), len(text) + len(part) - 4))
            part = part[2:-2]
        text += part
    path = tmp_path / "doc.txt"
    path.write_text(text + "\n")
    return path, gold


def test_column_fragments(tmp_path: Path) -> None:
    path, gold = _write(tmp_path, ["## A to B", PARAS[0], PARAS[1], f"[[{COLUMN}]]",
                                   PARAS[2], PARAS[3]])
    assert char_prf(_regions(path), gold)[2] >= 0.9
    [doc] = read_file(path)
    assert not any("geome" in p.text for p in doc.passages)
    assert len([p for p in doc.passages if p.layer == "body"]) == 4


def test_garbled_run_before_the_whole_text(tmp_path: Path) -> None:
    damaged = "\n\n".join(garble(p, seed=k) for k, p in enumerate(PARAS[1:]))
    path, gold = _write(tmp_path, ["## A to B", PARAS[0], f"[[{damaged}]]", *PARAS[1:]])
    p, r, f1 = char_prf(_regions(path), gold)
    assert f1 >= 0.9, (p, r, f1)


def test_truncated_stub_next_to_garbled_text(tmp_path: Path) -> None:
    damaged = garble(PARAS[2], keep=3) + "\n\n" + PARAS[3][:12].rstrip()
    path, gold = _write(tmp_path, [PARAS[0], PARAS[1], f"[[{damaged}]]", PARAS[2], PARAS[3]])
    assert char_prf(_regions(path), gold)[2] >= 0.9


@pytest.mark.parametrize("parts", [
    pytest.param(PARAS, id="clean letter"),
    pytest.param([PARAS[0], "\u201c" + PARAS[1][:80] + "\u201d", PARAS[1]], id="verbatim quote"),
    pytest.param(["To the men who died in North Russia\nof wounds and of sickness,\n"
                  "this book is\nreverently dedicated.", PARAS[0]], id="dedication"),
    pytest.param(["Mr. BULLITT. I did, sir.", "The CHAIRMAN. Did you see him?",
                  "Mr. BULLITT. I did, sir, and I talked with him for a long time about the "
                  "terms and the situation in Petrograd."], id="testimony"),
    pytest.param(["by", "JOHN REED", "TEN DAYS THAT SHOOK THE WORLD", "CHAPTER I",
                  PARAS[0]], id="title page"),
])
def test_no_false_alarms(tmp_path: Path, parts: list[str]) -> None:
    path, _ = _write(tmp_path, parts)
    assert _regions(path) == []


def test_hard_wrapped_prose_is_not_debris(tmp_path: Path) -> None:
    import textwrap

    wrapped = [textwrap.fill(p, 68) for p in PARAS] + [
        textwrap.fill("and so the meeting ended late in the night, as the delegates "
                      "went home through the snow.", 68)]
    path, _ = _write(tmp_path, wrapped)
    assert _regions(path) == []
    text = load_text(path)
    [doc] = read_file(path)
    assert doc.passages[0].text == PARAS[0]
    assert text[doc.passages[0].origin[0]:doc.passages[0].origin[-1]].count("\n") >= 1
