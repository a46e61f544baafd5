"""Per-file work of a build (read → annotate → link, through the cache), in 1 or N processes.

Each file yields one picklable :class:`FileResult`. Its mentions and the mentions inside
its assertions are the *same* objects (one pickle per result keeps shared references), which
the resolve step relies on: it sets ``mention.entity`` and reads it back through
``assertion.subject``. Results come back in the order of the files, whatever the number of
processes, so ``-j N`` writes the same graph as ``-j 1``.

Workers are forked when the platform allows (they inherit the parent's loaded pipeline),
else spawned (each loads the pipeline once); :mod:`kg.run.workers` runs them, with a watchdog.
spaCy Docs never leave the process that made them: a document is linked right after it is
annotated, then its Docs are dropped.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Iterator

from spacy.language import Language

from kg.annotate import AnnotatedDocument, annotate_document, load_pipeline, runner_for
from kg.annotate.scripts import script_pairs
from kg.annotate.lemma_forms import LemmaForms
from kg.annotate.ops import one_thread
from kg.annotate.selective import Wants, every_sentence, parsed_share
from kg.run.cache import BuildCache, CacheVersions, file_key, pack_docs, unpack_docs
from kg.errors import InputError
from kg.link import Linker
from kg.link.needs import ParseNeeds
from kg.link.rules import load_rules
from kg.model import Assertion, Document, Mention
from kg.read import load_text, read_file
from kg.read.sidecar import FileMeta, apply_metadata
from kg.run.workers import run_ordered

#: seconds a worker may spend per megabyte of a file before it counts as stalled (kg build --file-timeout)
FILE_TIMEOUT = 300.0


@dataclass(slots=True)
class FileResult:
    """What one input file contributes to the graph (or the problem that stopped it)."""

    path: str
    documents: list[Document] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    assertions: list[Assertion] = field(default_factory=list)
    words: int = 0
    problem: dict[str, str] | None = None
    cache: str = "miss"  # hit (nothing recomputed) | relink (Docs from cache) | miss (parsed)
    timings: dict[str, float] = field(default_factory=dict)
    dropped: dict[str, int] = field(default_factory=dict)  # candidates removed by the guards
    parsing: dict[str, int] = field(default_factory=dict)  # sentences, and of them parsed
    worker: str = ""  # the Dask worker that made it (kg.run.cluster), else empty

    def timed(self, step: str, started: float) -> None:
        """Add the time since ``started`` to ``step``."""
        self.timings[step] = self.timings.get(step, 0.0) + time.perf_counter() - started


@dataclass(frozen=True, slots=True)
class ProcessorSpec:
    """Everything a worker needs to build its own :class:`FileProcessor` (picklable)."""

    model: str | None
    gazetteers: tuple[str, ...]
    rules: tuple[str, ...]
    cache_dir: str | None
    versions: CacheVersions | None
    names: dict[str, tuple[str, str]] = field(default_factory=dict)  # kg.read.inputs.document_names
    metadata: dict[str, FileMeta] = field(default_factory=dict)  # kg.read.sidecar: resolved path → values
    parse_all: bool = False  # BuildOptions.parse_all

    def make(self) -> FileProcessor:
        """Load the pipeline and the rules, once per process."""
        nlp = load_pipeline(self.model, self.gazetteers)
        return FileProcessor(nlp, Linker(load_rules(self.rules)), self.cache_dir, self.versions,
                             self.names, self.parse_all, metadata=self.metadata)


class FileProcessor:
    """Turns one file into a :class:`FileResult`, reusing cached work when it can."""

    def __init__(self, nlp: Language, linker: Linker, cache_dir: str | None,
                 versions: CacheVersions | None, names: dict[str, tuple[str, str]] | None = None,
                 parse_all: bool = False, wants: Wants | None = None,
                 metadata: dict[str, FileMeta] | None = None) -> None:
        self.nlp = nlp
        self.names = names or {}
        self.metadata = metadata or {}
        self.linker = linker
        self.wants = every_sentence if parse_all else wants or ParseNeeds(linker.rules, LemmaForms.from_nlp(nlp))
        self.versions = versions
        self.cache = BuildCache(cache_dir if versions else None)

    def __call__(self, path: Path) -> FileResult:
        """The documents, mentions and assertions of ``path``."""
        t = time.perf_counter()
        keys = self._keys(path)  # the file read and hashed once
        return self._hit(path, keys, t) or self._uncached(path, keys, t)

    def cached(self, path: Path) -> FileResult | None:
        """The result of ``path`` as the cache holds it (its link step's entry), else None."""
        t = time.perf_counter()
        return self._hit(path, self._keys(path), t)

    def _hit(self, path: Path, keys: tuple[str, str] | None, t: float) -> FileResult | None:
        hit = self.cache.get(keys[1], "link") if keys else None
        if hit is None:
            return None
        documents, mentions, assertions, words, *rest = hit
        result = FileResult(str(path), documents, mentions, assertions, words, cache="hit",
                            dropped=dict(rest[0]) if rest else {},
                            parsing=dict(rest[1]) if len(rest) > 1 else {})
        result.timings["cache"] = time.perf_counter() - t
        return result

    def _uncached(self, path: Path, keys: tuple[str, str] | None, t: float) -> FileResult:
        if keys is None:
            return self._parse(path, None)
        annotated = self.cache.get(keys[0], "ann")
        looked_up = time.perf_counter() - t
        result = self._relink_or_parse(path, annotated, keys)
        result.timings["cache"] = result.timings.get("cache", 0.0) + looked_up
        return result

    def _keys(self, path: Path) -> tuple[str, str] | None:
        """The cache keys (annotate, link) of ``path``; None without a cache or a readable file."""
        if self.cache.root is None or self.versions is None:
            return None
        content = _content_hash(path)
        if content is None:
            return None
        named = f"{path}\0{self.names.get(str(path))}\0{sorted(self._meta(path).items())}"  # other ids or metadata: other entries
        return (file_key(self.versions.annotate, named, content),
                file_key(self.versions.link, named, content))

    def _meta(self, path: Path) -> FileMeta:
        """What the metadata files say of ``path`` (kg.read.sidecar)."""
        return self.metadata.get(str(Path(path).resolve()), {}) if self.metadata else {}

    def _parse(self, path: Path, keys: tuple[str, str] | None) -> FileResult:
        result = FileResult(str(path))
        t = time.perf_counter()
        try:
            text = load_text(path)
            documents = read_file(path, *self.names.get(str(path), (None, None)))
            if not documents:
                raise InputError(str(path), "has no text to read (no paragraph found)")
            apply_metadata(documents[0], self._meta(path))
        except InputError as err:
            result.problem = {"file": str(path), "problem": err.problem}
            return result
        result.timed("read", t)
        packed = []
        for document in documents:
            annotated = self._annotate(document, text, result)
            if keys:
                packed.append((document, annotated.mentions, pack_docs([d for _, d in annotated.docs])))
            self._link(annotated, result)
        if keys:
            self.cache.put(keys[0], "ann", packed)
        return self._finish(result, keys)

    def _annotate(self, document: Document, text: str, result: FileResult) -> AnnotatedDocument:
        t = time.perf_counter()
        annotated = annotate_document(self.nlp, document, text, self.wants)
        _count_parsing(result, [d for _, d in annotated.docs])
        result.timed("annotate", t)
        return annotated

    def _relink_or_parse(self, path: Path, packed: list | None, keys: tuple[str, str]) -> FileResult:
        """Re-link a ``.ann`` entry; parse the file when there is none, or when it is damaged."""
        if packed:
            try:
                return self._relink(path, packed, keys)
            except (ValueError, TypeError, KeyError, IndexError, AttributeError):
                pass  # a damaged entry (its Docs cannot be rebuilt) is a miss, never an error
        return self._parse(path, keys)

    def _relink(self, path: Path, packed: list, keys: tuple[str, str]) -> FileResult:
        result = FileResult(str(path), cache="relink")
        for document, mentions, docs in packed:
            t = time.perf_counter()
            pairs = list(zip(document.passages, unpack_docs(self.nlp.vocab, docs)))
            result.timed("cache", t)
            t = time.perf_counter()
            runner = runner_for(self.nlp)
            with one_thread():
                runner.reconcile([d for _, d in pairs], self.wants)
            _count_parsing(result, [d for _, d in pairs])
            result.timed("annotate", t)
            self._link(AnnotatedDocument(document, pairs, mentions), result)
        return self._finish(result, keys)

    def _link(self, annotated: AnnotatedDocument, result: FileResult) -> None:
        t = time.perf_counter()
        before = dict(self.linker.guards.dropped)
        result.assertions += self.linker.link(annotated)
        result.assertions += script_pairs(annotated.mentions, annotated.document.passages)  # Latin = Cyrillic
        for key, n in self.linker.guards.dropped.items():
            if n > before.get(key, 0):
                result.dropped[key] = result.dropped.get(key, 0) + n - before.get(key, 0)
        result.mentions += annotated.mentions
        result.documents.append(annotated.document)
        result.words += sum(len(p.text.split()) for p in annotated.document.passages)
        result.timed("link", t)

    def _finish(self, result: FileResult, keys: tuple[str, str] | None) -> FileResult:
        if keys:
            t = time.perf_counter()
            self.cache.put(keys[1], "link", (result.documents, result.mentions, result.assertions,
                                             result.words, result.dropped, result.parsing))
            result.timed("cache", t)
        return result


def _count_parsing(result: FileResult, docs: list) -> None:
    """Add the docs' sentences, and those parsed, to the result's counts."""
    for doc in docs:
        total, parsed = parsed_share(doc)
        result.parsing["sentences"] = result.parsing.get("sentences", 0) + total
        result.parsing["parsed"] = result.parsing.get("parsed", 0) + parsed


def _content_hash(path: Path) -> str | None:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


_PROCESSOR: FileProcessor | None = None


def _init_worker(spec: ProcessorSpec) -> None:
    global _PROCESSOR
    if _PROCESSOR is None:  # spawned (not forked): load the pipeline here, once
        _PROCESSOR = spec.make()


def _work(path: Path) -> FileResult:
    assert _PROCESSOR is not None
    return _PROCESSOR(path)


def process_files(files: list[Path], processor: FileProcessor, spec: ProcessorSpec,
                  jobs: int = 1, file_timeout: float = FILE_TIMEOUT) -> Iterator[FileResult]:
    """Results of ``files`` in their order; ``jobs`` > 1 runs that many worker processes
    (:mod:`kg.run.workers`): a worker that dies or spends longer than its limit on a file
    (``file_timeout`` seconds per megabyte, at least that for a smaller file) is replaced,
    and the file tried once more, then skipped with a one-line problem. Files the cache holds
    are read here, first (from a worker they would be read, then sent: twice the work). (A
    Dask cluster is the other engine: :mod:`kg.run.engines` chooses.)
    """
    jobs = min(jobs, len(files))
    if jobs <= 1:
        yield from map(processor, files)
        return
    hits = {i: found for i, found in enumerate(map(processor.cached, files)) if found is not None}
    done = _run_workers([p for i, p in enumerate(files) if i not in hits], processor, spec, jobs, file_timeout)
    try:
        for i in range(len(files)):
            yield hits.pop(i) if i in hits else next(done)
    finally:
        done.close()  # the workers stop with the consumer


def _run_workers(files: list[Path], processor: FileProcessor, spec: ProcessorSpec,
                 jobs: int, file_timeout: float) -> Iterator[FileResult]:
    if min(jobs, len(files)) <= 1:
        yield from map(processor, files)
        return
    global _PROCESSOR
    _PROCESSOR = processor  # inherited by forked workers
    try:
        yield from run_ordered(files, _work, min(jobs, len(files)), limit=partial(time_limit, per_mb=file_timeout),
                               failed=_failed, init=_init_worker, initargs=(spec,))
    finally:
        _PROCESSOR = None


def time_limit(path: Path, per_mb: float = FILE_TIMEOUT) -> float:
    """The seconds a worker may spend on ``path``: ``per_mb`` for each megabyte, and at least
    ``per_mb`` (a small file can wait behind a slow start).

    >>> time_limit(Path("no-such-file.txt"), 300.0)
    300.0
    """
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    return max(per_mb, per_mb * size / 1_000_000)


def _failed(path: Path, why: str) -> FileResult:
    return FileResult(str(path), problem={"file": str(path), "problem": f"not processed: {why}"})
