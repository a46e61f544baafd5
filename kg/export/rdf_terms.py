"""IRIs and literals for the RDF export: safe ids, content-hashed node IRIs, dates.

>>> base = "https://histkg.org/id/"
>>> str(entity_iri(base, "Kuz'min Ж"))
'https://histkg.org/id/Kuz%27min%20%D0%96'
>>> date_literal("1937-12").datatype == XSD.gYearMonth
True
>>> date_bounds("192X")
('1920-01-01', '1929-12-31')
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
from functools import lru_cache
from typing import Any
from urllib.parse import quote, urlsplit

from rdflib import XSD, Literal, URIRef

from kg.dates import plain_bounds
from kg.errors import BaseIRIError

DEFAULT_BASE = "https://histkg.org/id/"

_YEAR = re.compile(r"^\d{4}$")
_YEAR_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def check_base(base: str) -> str:
    """Return ``base`` if it is an absolute http(s) IRI ending in ``/`` or ``#``.

    >>> check_base("http://example.org/kg/")
    'http://example.org/kg/'
    """
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise BaseIRIError(f"--base {base!r}: must be an absolute http(s) IRI")
    if not base.endswith(("/", "#")) or _IRI_FORBIDDEN.search(base):
        raise BaseIRIError(f"--base {base!r}: must end with '/' or '#' and hold no spaces or <>\"{{}}|^`\\")
    return base


@lru_cache(maxsize=1 << 18)  # a pure function, asked again for every mention and statement
def safe_id(identifier: str) -> str:
    """Percent-encode everything but RFC 3986 unreserved characters (UTF-8).

    >>> safe_id("a b/c'д"), safe_id(".."), safe_id("")
    ('a%20b%2Fc%27%D0%B4', '%2E%2E', '_')
    """
    if not identifier:
        return "_"
    if set(identifier) == {"."}:  # "." and ".." would be dot-segments
        return "%2E" * len(identifier)
    return quote(identifier, safe="")


@lru_cache(maxsize=1 << 18)
def entity_iri(base: str, entity_id: str) -> URIRef:
    """The IRI of an entity: base + safe id."""
    return URIRef(base + safe_id(entity_id))


@lru_cache(maxsize=1 << 18)
def document_iri(base: str, doc_id: str) -> URIRef:
    """The IRI of a document, also the name of its graph in TriG."""
    return URIRef(f"{base}doc/{safe_id(doc_id)}")


def content_hash(*parts: Any) -> str:
    """16 hex digits of SHA-256 over a canonical JSON of ``parts``.

    >>> content_hash("a", 1) == content_hash("a", 1) != content_hash("a", 2)
    True
    """
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def decimal_literal(value: float) -> Literal:
    """A confidence as an ``xsd:decimal`` in [0, 1] with at most 4 decimals.

    >>> str(decimal_literal(0.85)), str(decimal_literal(1)), str(decimal_literal(float("nan")))
    ('0.85', '1.0', '0.0')
    """
    number = float(value) if math.isfinite(float(value)) else 0.0
    text = f"{min(max(number, 0.0), 1.0):.4f}".rstrip("0")
    return Literal(text + "0" if text.endswith(".") else text, datatype=XSD.decimal)


def _valid_day(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def date_literal(value: str) -> Literal:
    """A date as ``xsd:date`` / ``xsd:gYearMonth`` / ``xsd:gYear``, else a plain EDTF string.

    >>> [str(date_literal(v).datatype).split("#")[-1] for v in ("1937", "1937-12", "1937-12-10")]
    ['gYear', 'gYearMonth', 'date']
    >>> date_literal("1928-22").datatype is None
    True
    """
    text = value.strip()
    if _YEAR.match(text):
        return Literal(text, datatype=XSD.gYear)
    if _YEAR_MONTH.match(text):
        return Literal(text, datatype=XSD.gYearMonth)
    if _DAY.match(text) and _valid_day(text):
        return Literal(text, datatype=XSD.date)
    return Literal(text)


def _iso_day(parts: Any) -> str | None:
    year, month, day = parts.tm_year, parts.tm_mon, parts.tm_mday
    if not 1 <= year <= 9999:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


@lru_cache(maxsize=4096)
def date_bounds(value: str) -> tuple[str, str] | None:
    """Earliest and latest ISO day of an EDTF value, or ``None`` if it does not parse.

    >>> date_bounds("1928-22"), date_bounds("unknown"), date_bounds("1900-02")
    (('1928-06-01', '1928-08-31'), None, ('1900-02-01', '1900-02-28'))
    """
    plain = plain_bounds(value.strip())
    if plain is not None:
        return plain
    try:
        from edtf import parse_edtf

        parsed = parse_edtf(value.strip())
        low, high = _iso_day(parsed.lower_strict()), _iso_day(parsed.upper_strict())
    except Exception:  # noqa: BLE001 - edtf raises many kinds of errors on odd input
        return None
    if low is None or high is None:
        return None
    return low, high
