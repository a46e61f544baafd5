"""Finding input files and decoding them into text whose offsets everything refers to.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_bytes("\\ufeffKoba".encode("utf-8"))
>>> load_text(d / "a.txt")
'Koba'
>>> [p.name for p in iter_files([d])]
['a.txt']
"""

from __future__ import annotations

import codecs
import hashlib
import re
from pathlib import Path

from charset_normalizer import from_bytes

from kg.errors import InputError

SUFFIXES: frozenset[str] = frozenset({".txt", ".md", ".markdown", ".xml", ".tei"})
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Most non-UTF-8 historical transcriptions are Windows-1252 / Latin-1; charset-normalizer
# sometimes ranks a look-alike code page (cp1250, mac_latin2) first for short texts.
WESTERN: tuple[str, ...] = ("cp1252", "latin_1", "iso8859_15")
WESTERN_TOLERANCE = 0.2
CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # Unicode's control characters (Cc) but \t\n\v\f\r
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "is a PDF; convert it to text (e.g. pdftotext) first"),
    (b"PK\x03\x04", "is a ZIP archive (or .docx/.odt); export it as plain text first"),
    (b"\xd0\xcf\x11\xe0", "is an MS Office binary file; export it as plain text first"),
    (b"{\\rtf", "is an RTF file; export it as plain text first"),
)


def iter_files(inputs: list[str | Path]) -> list[Path]:
    """Files named in ``inputs`` plus supported files found in folders (recursively).

    Hidden files and folders are skipped in folders; a file named explicitly is kept
    whatever its suffix (so that :func:`read_file` can say what is wrong with it).
    The result is sorted and without duplicates; a missing input raises InputError.
    """
    found: set[Path] = set()
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found.update(_walk(path))
        elif path.exists():
            found.add(path)
        else:
            raise InputError(str(path), "no such file or folder")
    return sorted(found, key=lambda p: p.as_posix())


def _walk(folder: Path) -> list[Path]:
    files = []
    for path in folder.rglob("*"):
        hidden = any(part.startswith(".") for part in path.relative_to(folder).parts)
        if not hidden and path.is_file() and path.suffix.lower() in SUFFIXES:
            files.append(path)
    return files


def read_bytes(path: str | Path) -> bytes:
    """The raw bytes of ``path``; InputError if missing, a folder or unreadable."""
    p = Path(path)
    if p.is_dir():
        raise InputError(str(path), "is a folder, not a file")
    try:
        return p.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror or exc})") from None


def sha256(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def decode(data: bytes, name: str) -> str:
    """Decode file bytes: BOMs first, then strict UTF-8, then charset-normalizer.

    The BOM is not part of the text. Raises InputError for empty, binary, PDF or
    undecodable input.
    """
    for magic, problem in _MAGIC:
        if data.startswith(magic):
            raise InputError(name, problem)
    text = _decode_bom(data, name)
    if text is None:
        text = _decode_guess(data, name)
    if not text.strip():
        raise InputError(name, "is empty (no text)")
    if _looks_binary(text):
        raise InputError(name, "looks like a binary file, not text")
    return text


def _decode_bom(data: bytes, name: str) -> str | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(name, f"cannot be decoded as {codec} ({exc.reason})") from None
            return text  # these codecs drop the BOM
    return None


def _decode_guess(data: bytes, name: str) -> str:
    if not data:
        raise InputError(name, "is empty (0 bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096] and not _utf16_like(data):
        raise InputError(name, "looks like a binary file, not text")
    matches = list(from_bytes(data))
    if not matches:
        raise InputError(name, "cannot be decoded (not UTF-8, UTF-16 or a known 8-bit encoding)")
    best = matches[0]
    western = [m for m in matches if m.encoding in WESTERN
               and m.chaos <= best.chaos + WESTERN_TOLERANCE]
    return str(western[0] if western else best)


def _utf16_like(data: bytes) -> bool:
    """Many NULs at even or odd positions only: UTF-16 text without a BOM."""
    head = data[:4096]
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    return max(even, odd) > len(head) // 4 and min(even, odd) == 0


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    bad = len(CONTROL.findall(sample))
    return bad > max(2, len(sample) // 100)


def load_text(path: str | Path) -> str:
    """The decoded text of ``path``: the text all offsets of :func:`read_file` refer to."""
    return decode(read_bytes(path), str(path))
