"""The cache's file format: data only (msgpack), never code.

A cache folder may be shared (a cluster file system), so reading an entry must not be able to
run anything: entries are msgpack (spaCy's ``srsly.msgpack``, its packer and unpacker without
the plugin look-up that costs 0.3 ms a call) with a few tagged extension
types — tuples, ``array.array`` and numpy arrays as bytes, and instances of histkg's own
model dataclasses (:data:`CLASSES`, built field by field without calling any code). A model
object reached twice (a mention and the assertion that names it) is written once and read
back as one object, as the resolve step needs. Anything else is refused when writing; a
file that is not a well-formed entry raises :class:`ValueError` when reading.

>>> from kg.model import DateValue
>>> value = [("a", 1), DateValue("1918"), numpy.arange(3, dtype="uint64")]
>>> back = loads(dumps(value))
>>> back[0], back[1], back[2].tolist()
(('a', 1), DateValue(edtf='1918', earliest=None, latest=None, kind='date'), [0, 1, 2])
>>> loads(b"KGC1" + b"\\xc7\\x01\\x63\\x00")  # an unknown tag
Traceback (most recent call last):
...
ValueError: not a cache entry: unknown extension type 99
"""

from __future__ import annotations

import array
import dataclasses
from typing import Any

import numpy
from srsly.msgpack import ExtType
from srsly.msgpack._packer import Packer
from srsly.msgpack._unpacker import unpackb

from kg.model import Assertion, Citation, DateValue, Document, Evidence, FootnoteRef, Mention, Passage

MAGIC = b"KGC1"
CLASSES: dict[str, type] = {cls.__name__: cls for cls in (
    Assertion, Citation, DateValue, Document, Evidence, FootnoteRef, Mention, Passage)}
_FIELDS = {name: tuple(f.name for f in dataclasses.fields(cls)) for name, cls in CLASSES.items()}
_TUPLE, _OBJECT, _SAME, _NDARRAY, _ARRAY = 1, 2, 3, 4, 5


class _Writer:
    def __init__(self) -> None:
        self.seen: dict[int, int] = {}
        self.keep: list[Any] = []  # the objects whose id() is in seen stay alive while writing

    def pack(self, value: Any) -> bytes:
        return Packer(default=self.default, strict_types=True, use_bin_type=True).pack(value)

    def default(self, value: Any) -> ExtType:
        kind = type(value)
        if kind is tuple:
            return ExtType(_TUPLE, self.pack(list(value)))
        if kind is numpy.ndarray:
            return ExtType(_NDARRAY, self.pack([value.dtype.str, list(value.shape), value.tobytes()]))
        if kind is array.array:
            return ExtType(_ARRAY, self.pack([value.typecode, value.tobytes()]))
        if kind.__name__ in CLASSES and CLASSES[kind.__name__] is kind:
            return self._object(value)
        raise TypeError(f"the cache cannot hold a {kind.__module__}.{kind.__name__}")

    def _object(self, value: Any) -> ExtType:
        if id(value) in self.seen:
            return ExtType(_SAME, self.pack(self.seen[id(value)]))
        number = self.seen[id(value)] = len(self.seen)
        self.keep.append(value)
        name = type(value).__name__
        return ExtType(_OBJECT, self.pack([number, name, [getattr(value, f) for f in _FIELDS[name]]]))


class _Reader:
    def __init__(self) -> None:
        self.objects: dict[int, Any] = {}

    def unpack(self, data: bytes) -> Any:
        return unpackb(data, ext_hook=self.ext, raw=False, strict_map_key=False, use_list=True)

    def ext(self, code: int, data: bytes) -> Any:
        if code == _TUPLE:
            return tuple(self.unpack(data))
        if code == _NDARRAY:
            dtype, shape, raw = self.unpack(data)
            return numpy.frombuffer(raw, dtype=numpy.dtype(dtype)).reshape(shape).copy()
        if code == _ARRAY:
            typecode, raw = self.unpack(data)
            return array.array(typecode, raw)
        if code == _SAME:
            return self.objects[self.unpack(data)]
        if code == _OBJECT:
            return self._object(*self.unpack(data))
        raise ValueError(f"not a cache entry: unknown extension type {code}")

    def _object(self, number: int, name: str, values: list[Any]) -> Any:
        cls = CLASSES[name]
        if len(values) != len(_FIELDS[name]):
            raise ValueError(f"not a cache entry: {name} with {len(values)} fields")
        obj = object.__new__(cls)
        for field_name, value in zip(_FIELDS[name], values):
            object.__setattr__(obj, field_name, value)
        self.objects[number] = obj
        return obj


def dumps(value: Any) -> bytes:
    """``value`` as the bytes of a cache entry; :class:`TypeError` for what it cannot hold."""
    return MAGIC + _Writer().pack(value)


def loads(data: bytes) -> Any:
    """The value of a cache entry; :class:`ValueError` when ``data`` is not a whole entry."""
    if not data.startswith(MAGIC):
        raise ValueError("not a cache entry: no KGC1 header")
    try:
        return _Reader().unpack(data[len(MAGIC):])
    except ValueError:
        raise
    except Exception as err:  # noqa: BLE001 - truncated, wrong types, unknown names: all one answer
        raise ValueError(f"not a cache entry: {type(err).__name__}: {err}") from None
