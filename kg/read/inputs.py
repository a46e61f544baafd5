"""Which files a build reads, what it reports instead of reading, and how it names them.

- A missing input path and an unsupported file inside an input folder (``.pdf``, ``.docx``,
  ``.bin`` …; hidden files are ignored) are *problems*: reported one line each, counted in
  ``report.json``, and the rest is built.
- Document identity comes from the file's path relative to the **input root**, the deepest
  folder holding every input (a folder input counts as itself, a file as its folder):
  ``kg build letters/`` names ``letters/a/letter.txt`` ``a/letter.txt``, document id
  ``a/letter-1``. Files whose paths differ only in the suffix (``letter.txt``, ``letter.md``)
  keep the suffix in their ids (``letter.txt-1``, ``letter.md-1``), so no two files share one.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> for name in ("a/letter.txt", "b/letter.txt", "b/letter.md", "c/scan.pdf"):
...     (d / name).parent.mkdir(exist_ok=True); _ = (d / name).write_text("x")
>>> files, problems = scan_inputs([d, d / "missing.txt"])
>>> [p["problem"][:24] for p in problems]
['unsupported file type (.', 'no such file or folder']
>>> sorted(document_names(files, [d]).values())
[('a/letter.txt', 'a/letter'), ('b/letter.md', 'b/letter.md'), ('b/letter.txt', 'b/letter.txt')]
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path, PurePosixPath

from kg.read.files import SUFFIXES

Problem = dict[str, str]
#: files an input folder may hold beside its documents: read by the build, not as documents
COMPANIONS = frozenset({"curation.toml", "metadata.csv", "metadata.toml"})


def scan_inputs(inputs: list[str | Path]) -> tuple[list[Path], list[Problem]]:
    """Readable candidates (sorted, one per file: links to a file already read are left out)
    and the problems of missing or unsupported paths.

    A file named explicitly is kept whatever its suffix (reading it says what is wrong).
    """
    found: set[Path] = set()
    problems: list[Problem] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            files, skipped = _walk(path)
            found.update(files)
            problems += skipped
        elif path.exists():
            found.add(path)
        else:
            problems.append({"file": str(path), "problem": "no such file or folder"})
    unique = {p["file"]: p for p in problems}
    return _one_per_file(found), [unique[k] for k in sorted(unique)]


def _one_per_file(found: set[Path]) -> list[Path]:
    """Sorted paths, one per file on disk: of a file and links to it (which would give two
    documents with one id), the file itself is kept, else the first link."""
    by_file: dict[Path, list[Path]] = {}
    for path in sorted(found, key=lambda p: p.as_posix()):
        by_file.setdefault(path.resolve(), []).append(path)
    kept = [next((p for p in paths if not p.is_symlink()), paths[0]) for paths in by_file.values()]
    return sorted(kept, key=lambda p: p.as_posix())


def _walk(folder: Path) -> tuple[list[Path], list[Problem]]:
    files, problems = [], []
    for path in folder.rglob("*"):
        hidden = any(part.startswith(".") for part in path.relative_to(folder).parts)
        if hidden or not path.is_file() or (path.parent == folder and path.name in COMPANIONS):
            continue
        if path.suffix.lower() in SUFFIXES:
            files.append(path)
        else:
            kind = path.suffix.lower() or "no suffix"
            problems.append({"file": str(path), "problem": f"unsupported file type ({kind}); "
                             f"histkg reads {', '.join(sorted(SUFFIXES))} (convert it to text first)"})
    return files, problems


def input_root(inputs: list[str | Path]) -> Path:
    """The deepest folder holding every input (a folder counts as itself, a file as its folder)."""
    folders = [os.path.abspath(p) if Path(p).is_dir() else os.path.dirname(os.path.abspath(p))
               for p in inputs if Path(p).exists()]
    return Path(os.path.commonpath(folders)) if folders else Path.cwd()


def document_names(files: list[Path], inputs: list[str | Path]) -> dict[str, tuple[str, str]]:
    """``str(path)`` → ``(source, id base)``: the relative path, and the stem of document ids."""
    root = input_root(inputs)
    # paths as given (made absolute), not resolved: a folder of links to books elsewhere names
    # each book by its link, not by a path climbing out of the input folder
    sources = {str(f): PurePosixPath(Path(os.path.relpath(os.path.abspath(f), root)).as_posix()) for f in files}
    counts = Counter(str(s.with_suffix("")) for s in sources.values())
    shared = {b for b, n in counts.items() if n > 1}
    return {path: (str(s), str(s) if str(s.with_suffix("")) in shared else str(s.with_suffix("")))
            for path, s in sources.items()}
