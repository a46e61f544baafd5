"""Document metadata the user writes: ``metadata.csv`` or ``metadata.toml`` in an input
folder, or a file given with ``kg build --metadata FILE``. It is the best source: its values
replace what the read step found (a title page, a letter's heading), and each value records
where it came from.

CSV: a ``path`` column (relative to the metadata file's folder) and any of the columns
``title, author, date, kind, place, citation, licence``; an empty cell says nothing. TOML: one
table per file, its key the path::

    ["pg60315_My_Disillusionment_in_Russia.txt"]
    title = "My Disillusionment in Russia"
    author = "Emma Goldman"
    date = "1923"
    kind = "book"

A file's errors (an unknown column or key, a date that is not EDTF, an unknown kind, a path
that names no input) stop the build with one line naming the file, the line or table and
the problem.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_text("text")
>>> _ = (d / "metadata.csv").write_text("path,title,date\\na.txt,The Letter,1937-12-10\\n")
>>> found = load_sidecars([d])
>>> found[str((d / "a.txt").resolve())]
{'title': ('The Letter', 'metadata.csv line 2'), 'date': ('1937-12-10', 'metadata.csv line 2')}
"""

from __future__ import annotations

import csv
import re
import tomllib
from pathlib import Path

from kg.dates import bounds
from kg.errors import InputError
from kg.model import Document
from kg.read.citation import parse_citation

FIELDS = ("title", "author", "date", "kind", "place", "citation", "licence")
KINDS = ("letter", "report", "article", "book", "editorial_note", "document")
NAMES = ("metadata.csv", "metadata.toml")  # looked for in each input folder
MAX_BYTES = 16 * 1024 * 1024

#: a file's metadata: field → (value, where it was written: "metadata.csv line 3")
FileMeta = dict[str, tuple[str, str]]


def sidecar_files(inputs: list[str | Path], explicit: str | Path | None = None) -> list[Path]:
    """The metadata files of a build: those in the input folders, then ``explicit``."""
    found = [Path(p) / n for p in inputs for n in NAMES if Path(p).is_dir() and (Path(p) / n).is_file()]
    if explicit is not None:
        if not Path(explicit).is_file():
            raise InputError(str(explicit), "no such metadata file")
        found.append(Path(explicit))
    return found


def load_sidecars(inputs: list[str | Path], explicit: str | Path | None = None) -> dict[str, FileMeta]:
    """Resolved file path → its metadata, from every metadata file of the build (later files win)."""
    out: dict[str, FileMeta] = {}
    for path in sidecar_files(inputs, explicit):
        for target, values in _read(path).items():
            out.setdefault(target, {}).update(values)
    return out


def _read(path: Path) -> dict[str, FileMeta]:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InputError(str(path), f"is larger than {MAX_BYTES // 2**20} MiB: not a metadata file")
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(str(path), f"cannot be read ({type(err).__name__})") from err
    rows = _csv_rows(path, text) if path.suffix.lower() == ".csv" else _toml_rows(path, text)
    out: dict[str, FileMeta] = {}
    for where, name, values in rows:
        target = (path.parent / name).resolve()
        if not target.is_file():
            raise InputError(str(path), f"{where}: '{name}' names no file beside it")
        out[str(target)] = {k: (_checked(path, where, k, v), f"{path.name} {where}") for k, v in values.items() if v}
    return out


def _csv_rows(path: Path, text: str) -> list[tuple[str, str, dict[str, str]]]:
    reader = csv.DictReader(text.splitlines())
    columns = reader.fieldnames or []
    unknown = [c for c in columns if c not in ("path", *FIELDS)]
    if "path" not in columns or unknown:
        raise InputError(str(path), f"line 1: columns are path and any of {', '.join(FIELDS)}"
                         + (f"; not {', '.join(unknown)}" if unknown else "; 'path' is missing"))
    return [(f"line {reader.line_num}", row["path"].strip(), {k: (row.get(k) or "").strip() for k in FIELDS})
            for row in reader if (row.get("path") or "").strip()]


def _toml_rows(path: Path, text: str) -> list[tuple[str, str, dict[str, str]]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise InputError(str(path), f"invalid TOML: {err}") from err
    rows = []
    for name, table in data.items():
        where = f"table [\"{name}\"]"
        if not isinstance(table, dict) or any(k not in FIELDS or not isinstance(v, str) for k, v in table.items()):
            raise InputError(str(path), f"{where}: keys are any of {', '.join(FIELDS)}, each a string")
        rows.append((where, name, {k: v.strip() for k, v in table.items()}))
    return rows


def _checked(path: Path, where: str, key: str, value: str) -> str:
    if key == "date" and not bounds(value).earliest:
        raise InputError(str(path), f"{where}: date '{value}' is not an EDTF date (1923, 1937-12-10, 1917-03/1917-11)")
    if key == "kind" and value not in KINDS:
        raise InputError(str(path), f"{where}: kind '{value}' is not one of {', '.join(KINDS)}")
    return value


def apply_metadata(doc: Document, meta: FileMeta | None) -> None:
    """Give a file's first document the values its metadata file states (they replace what
    the text gave), each with where it was written in ``doc.meta_sources``."""
    for key, (value, where) in (meta or {}).items():
        if key == "citation":
            doc.citation = parse_citation(value, doc.start, doc.start)
        else:
            setattr(doc, key, value)
        if key == "date":
            doc.date_text = None
        doc.meta_sources[key] = where


_FRONT = re.compile(r"\A\ufeff?---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.S)


def front_matter(text: str) -> tuple[FileMeta, int]:
    """The metadata of a Markdown file's front matter (``---`` lines around ``key: value``
    lines at its very start) and where it ends (0 when there is none). Keys histkg does not
    know, and dates or kinds it cannot use, are left out.

    >>> front_matter("---\\ntitle: Letter from Odessa\\ndate: 1905-10-02\\nlayout: post\\n---\\n\\nText.")
    ({'title': ('Letter from Odessa', 'front matter'), 'date': ('1905-10-02', 'front matter')}, 64)
    """
    match = _FRONT.match(text)
    if match is None:
        return {}, 0
    meta: FileMeta = {}
    for line in match.group(1).splitlines():
        key, _, value = line.partition(":")
        key, value = key.strip().lower(), value.strip().strip("'\"")
        usable = key in FIELDS and value and (key != "date" or bounds(value).earliest) \
            and (key != "kind" or value in KINDS)
        if usable:
            meta[key] = (value, "front matter")
    return meta, match.end()
