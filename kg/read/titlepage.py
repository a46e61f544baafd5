"""A book's title, authors and date from its title page: the lines before the text begins
(its contents, preface or first chapter), past the notes of whoever made the e-text.

The date is the earliest year of the imprint or copyright lines of the title page — the
book's own — never a Project Gutenberg "Release Date", nor a date found in a footnote deep
in the book; a book without one stays undated. Word lists: ``kg/data/read/title_page.toml``.

>>> page = read_title_page('''Transcriber Note
...
... Italics are shown as _this_.
...
... AN ISLAND HELL
...
... By S. A. MALSAGOFF Translated by F. H. LYON
...
... LONDON: A. M. PHILPOT LTD.
... 1926
...
... CONTENTS
...
... I. A White Guard''')
>>> page.title, page.authors, page.date, page.date_text
('An Island Hell', ['S. A. Malsagoff'], '1926', '1926')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from kg.errors import DataFileError
from kg.model import Document
from kg.read.cues import cues

DATA_FILE = "title_page.toml"
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20[0-2]\d)(?!\d)")
_NUMERAL = r"([ivxlc]+|\d+|one|two|three|first|the first)\b"
_BOX = re.compile(r"^[\s+|\-=*_]*$|^\s*[+|]")
HEAD_CHARS = 12000  # a title page is in the first pages


@dataclass(slots=True)
class TitlePage:
    """What a title page says, and the line each date came from."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    date_text: str | None = None
    end: int = 0  # offset where the text begins
    sources: dict[str, str] = field(default_factory=dict)  # title/author/date → "title page" …


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    import tomllib

    text = resources.files("kg").joinpath("data", "read", DATA_FILE).read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(DATA_FILE, f"invalid TOML: {exc}") from exc
    for key in ("text_openers", "opener_words", "by_words", "name_enders", "small_words",
                "not_name_words", "imprint_words", "not_imprint_words"):
        if not isinstance(data.get(key), list) or not all(isinstance(v, str) for v in data[key]):
            raise DataFileError(DATA_FILE, "expected a list of strings", key)
    if not isinstance(data.get("book_words"), int) or data["book_words"] < 1:
        raise DataFileError(DATA_FILE, "expected a positive whole number", "book_words")
    return data


def book_words() -> int:
    """From how many words a file is read as a book."""
    return int(_data()["book_words"])


def _norm(line: str) -> str:
    return " ".join(re.sub(r"[^\w' ]+", " ", line.replace("’", "'")).lower().split())


def _opens_text(line: str) -> bool:
    words = _norm(line)
    if words in _data()["text_openers"]:
        return True
    openers = "|".join(map(re.escape, _data()["opener_words"]))
    return bool(re.match(rf"^({openers}) {_NUMERAL}", words))


def _paragraphs(head: str) -> tuple[list[list[str]], int] | None:
    """The lines of each paragraph before the text begins, and the offset where it does;
    None when nothing in ``head`` begins a text (then there is no title page to read)."""
    out: list[list[str]] = []
    for m in re.finditer(r"(?:[^\n]*\S[^\n]*\n?)+", head):
        lines = [ln.strip() for ln in m.group().splitlines() if ln.strip()]
        if lines and _opens_text(lines[0]):
            return out, m.start()
        out.append(lines)
    return None


def _apparatus(lines: list[str]) -> bool:
    text = " ".join(lines).lower()
    return (any(text.startswith(p) or p in text[:80] for p in cues().producer_notes)
            or text.startswith(("[illustration", "transcriber", "note:", "e-text", "etext"))
            or "gutenberg" in text or "http" in text or all(_BOX.match(ln) for ln in lines[:1]))


_ROMAN = re.compile(r"^[IVXLC]+[.,]?$")


def _capital(word: str) -> str:
    """A word in capitals as a name or title word: 'GOLDMAN' → 'Goldman', 'FRANCIS-JOSEPH' →
    'Francis-Joseph', '"BLACK' → '"Black', 'II' stays."""
    if _ROMAN.match(word) and len(word.rstrip(".,")) > 1:
        return word
    return re.sub(r"[A-Za-z][A-Za-z']*", lambda m: m.group()[0].upper() + m.group()[1:].lower(), word)


def _title_case(text: str) -> str:
    if any(c.islower() for c in text):
        return text
    small = set(_data()["small_words"])
    words = text.split()
    return " ".join(w.lower() if i and w.lower() in small and not words[i - 1].endswith(":")
                    else _capital(w) for i, w in enumerate(words))


def _name(text: str) -> str | None:
    """A person's name from a line after "by" (cut at "Translated by", a comma …)."""
    enders = "|".join(map(re.escape, _data()["name_enders"]))
    text = re.split(rf",|;|\s(?:{enders})\b", text, maxsplit=1, flags=re.I)[0].strip(" .:_")
    words = text.split()
    bad = set(_data()["not_name_words"])
    if not 2 <= len(words) <= 6 or any(c.isdigit() for c in text) or text[:1] in "([_\"“" \
            or any(w.lower().strip(".,") in bad for w in words) or not all(w[:1].isupper() for w in words
                                                                         if w.lower() not in {"de", "la", "von", "van", "of"}):
        return None
    return " ".join(w if any(c.islower() for c in w) else _capital(w) for w in words)


def _authors(paras: list[list[str]]) -> list[str]:
    """The names of the first "by" line (or the line after a lone "by"), and of a lone "and"
    a few lines after them (below a description of the first author); later "by" lines
    ("Published by", "Copyright … by") are a publisher's."""
    by = tuple(_data()["by_words"])
    lines = [line for para in paras for line in para]
    for i, line in enumerate(lines):
        low = line.lower()
        if low in by and i + 1 < len(lines):
            found, j = [lines[i + 1]], i + 2
        elif low.startswith(tuple(b + " " for b in by)):
            found, j = [line.split(None, 1)[1]], i + 1
        else:
            continue
        k = j
        while k + 1 < len(lines) and k < j + 4:
            if lines[k].lower() == "and":
                found.append(lines[k + 1])
                j = k = k + 2
            else:
                k += 1
        parts = [p for name in found for p in re.split(r"\s+and\s+", name, flags=re.I)]
        names = list(dict.fromkeys(n for n in map(_name, parts) if n))
        if names:  # else "BY THE SAME AUTHOR" over a list of works: look further
            return names
    return []


def _title(paras: list[list[str]]) -> str | None:
    """The first paragraph in words only, set in title case; the page's own mixed-case form
    of it when it gives one."""
    for lines in paras:
        text = " ".join(_before_by(lines)).replace("_", "")
        if _titled(text):
            mixed = [t for t in (" ".join(_before_by(ls)).replace("_", "") for ls in paras)
                     if t.lower() == text.lower() and any(c.islower() for c in t)]
            return (mixed[0] if mixed else _title_case(text)).strip(" .:")
    return None


def _before_by(lines: list[str]) -> list[str]:
    """The lines of a paragraph before a "by" line ("TWENTY YEARS OF BALKAN TANGLE / BY ...")."""
    by = tuple(_data()["by_words"])
    for i, line in enumerate(lines):
        if line.lower() in by or line.lower().startswith(tuple(b + " " for b in by)):
            return lines[:i]
    return lines


def _dated_title(text: str) -> bool:
    """A title may hold its years ("Russia in 1919", "... Army 1914-15"), not an imprint's
    place, publisher or day ("New York: The Macmillan Company, 1917", "April 9, 1917")."""
    rest = _YEAR.sub("", text)
    bad = set(_data()["not_name_words"]) | set(_data()["imprint_words"])
    return not re.search(r"\d{1,2}\b(?!-)", rest.replace("-", " -")) and not text.lower().startswith("from ") \
        and not any(w.lower().strip(".,:") in bad for w in text.split())


def _titled(text: str) -> bool:
    """Words set as a title: a few, capitalised (or in capitals), no year, no brackets."""
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    small = set(_data()["small_words"])
    big = [w for w in words if w.lower() not in small]
    return (0 < len(words) <= 15 and not re.search(r"[\[\]()]", text)
            and (not _YEAR.search(text) or _dated_title(text))
            and bool(big) and sum(w[0].isupper() for w in big) >= 0.75 * len(big)
            and not text.lower().startswith(("author of", "translated", "with ")))


def _date(paras: list[list[str]], skip: int) -> tuple[str, str] | None:
    """The earliest year of the imprint and copyright lines, and the line it is on."""
    years = [(int(m.group()), line) for lines in paras[skip:] for line in lines if _imprint(line)
             for m in _YEAR.finditer(line)]
    if not years:
        return None
    year, line = min(years)
    return str(year), line


def _imprint(line: str) -> bool:
    """A line whose year is the book's: an imprint or copyright line, or a year alone or
    after at most three words without figures ("LONDON, 1926", "June, 1918", "1914-15")."""
    low = line.lower()
    if any(w in low for w in _data()["not_imprint_words"]):
        return False
    if any(w in low for w in _data()["imprint_words"]):
        return True
    year = _YEAR.search(line)
    if year is None:
        return False
    before, after = line[:year.start()].strip(" .,:;_"), line[year.end():].strip(" .,:;_")
    return re.fullmatch(r"(-\d{2,4})?", after) is not None and len(before.split()) <= 3 \
        and not re.search(r"\d", before)


def read_title_page(text: str) -> TitlePage | None:
    """The title page at the head of ``text``, or None when there is none to read."""
    found = _paragraphs(text[:HEAD_CHARS])
    if found is None:
        return None
    paras, end = found
    kept = [lines for lines in paras if not _apparatus(lines)]
    page = TitlePage(_title(kept), _authors(kept), end=end)
    dated = _date(kept, 1)
    if dated:
        page.date, page.date_text = dated
    page.sources = {k: "title page" for k in ("title", "authors", "date") if getattr(page, k)}
    _header(text[:HEAD_CHARS], page)
    return page if page.title or page.authors else None


def _header(head: str, page: TitlePage) -> None:
    """A Project Gutenberg header's "Title:" and "Author:" lines name the book (its "Release
    Date" is the e-text's: never read)."""
    fields = _data()["header_fields"]
    for key, value in re.findall(r"(?m)^(Title|Author):[ \t]*(\S.*)$", head):
        if fields.get(key.lower()) == "title":
            page.title = value.strip()
        elif fields.get(key.lower()) == "author":
            page.authors = [n.strip() for n in re.split(r"\s+and\s+|;", value) if n.strip()]
        page.sources[fields[key.lower()] if fields.get(key.lower()) != "author" else "authors"] = \
            "Project Gutenberg header"


def as_book(doc: Document, page: TitlePage | None) -> None:
    """Describe the document a book's file opens with by its title page: title, authors,
    date (none without an imprint year: a date read deeper in a book, a footnote's, is not
    the book's), kind "book"; a citation found past the title page is a footnote's."""
    if page is None:
        if doc.citation is not None and doc.date_text and doc.date_text in doc.citation.text:
            doc.date = doc.date_text = None
        return
    doc.kind = "book"
    doc.title = page.title or doc.title
    doc.author = " and ".join(page.authors) or None
    doc.date, doc.date_text = page.date, page.date_text
    names = {"title": "title", "authors": "author", "date": "date"}
    doc.meta_sources.update({names[k]: where for k, where in page.sources.items()})
    if doc.citation is not None and doc.citation.start >= page.end:
        doc.citation = None
