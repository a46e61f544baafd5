"""Relation rules as data: load, validate and compile ``kg/data/rules/*.toml``.

A rule file holds ``[[rule]]`` tables. A ``dependency`` rule names a trigger (lemmas, or an
entity type) and dependency paths from the trigger to the subject and the object::

    [[rule]]
    id = "spouse.wife_of.v1"
    predicate = "spouse"
    subject = ["PERSON"]
    object = ["PERSON"]
    trigger = ["wife", "husband"]
    subject_paths = ["<attr >nsubj", "<appos"]
    object_paths = [">poss", ">prep:of >pobj"]
    examples.match = ["Anna was Ivan's second wife."]
    examples.no_match = ["Anna met Ivan's wife."]

Path steps: ``>dep`` goes to a child with that dependency label, ``<dep`` to the head of a
token whose label is ``dep``; ``=be|remain`` stays on a token whose lemma is one of these; ``dep`` may be ``a|b`` or ``*``; ``>prep:of`` also fixes the
lemma of the child reached, ``<prep:as`` the lemma of the token left. ``.`` is the trigger itself;
``~name`` is the name written right after the trigger's phrase and a comma, whatever the parse
("the chief of the secret police, Mr. Beletsky, ..."); ``~name_before`` the name written right
before a comma and the trigger's phrase ("the Marquis of Salisbury, Lord Cecil's brother;");
``~place_after`` the place written after the trigger's name and a comma ("Chita, in
Transbaikalia", "Kassel, a town in Hesse", "Tarbes, France"); ``~names_after`` each name
listed after a plural noun and a colon or comma ("the three Weber brothers: Otto, Hans and
Paul"). ``unless_deps`` names dependents
of the trigger that stop a rule ("moved us to X" is no move of the mover); ``pairwise`` makes
every pair of the subjects found subject and object ("Present were A, B and C");
``object_named`` keeps a literal object only when it is written as a name (a name of an
``object`` type, or a proper noun without "a"/"an": "wrote as Martov", not "wrote as a
Marxist"); ``single_subject`` keeps only the first subject found, not the names coordinated
with it ("A (known as N), B and C": N is A's); ``one_holder`` does so when the trigger is a
singular noun ("the grand marshal, Count A and Count B": A's title; "the ministers, A and B":
both); ``not_listed`` makes no relation between two items of one list joined by "and"/"or"
("Paul, Marie and Otto" are three persons, not names of one). Other kinds: ``lifespan`` (a name followed by
"(1888–1938)"), ``metadata`` (a letter's author and recipients) and ``list`` (a verb, a
colon and "name, value; name, value" items, kg/link/lists.py).

>>> rules = load_rules([])
>>> all(r.id.count(".") >= 2 for r in rules)
True
"""

from __future__ import annotations


import difflib
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from kg.data_files import data_path, load_toml
from kg.errors import RuleError
from kg.link.rule_types import check_field_types
from kg.link.roles import expand_words, role_paths
from kg.model import ENTITY_TYPES

KINDS = ("dependency", "lifespan", "metadata", "gloss", "nested", "list")
ID_RE = re.compile(r"^[a-z_]+\.[a-z0-9_]+\.v[0-9]+$")
SURFACE_STEPS = ("~name", "~name_before", "~place_after", "~names_after")  # kg/link/surface.py
STEP_RE = re.compile(r"^(?:\.|~[a-z_]+|=[a-z|'-]+|[<>](?:\*|[a-z]+(?:\|[a-z]+)*)(?::[a-z|'-]+)?)$")
OBJECT_KINDS = ("entity", "date", "literal")
REQUIRED = ("id", "predicate", "kind")
KNOWN = {
    "id", "predicate", "kind", "subject", "object", "object_kind", "trigger", "trigger_type",
    "trigger_pos", "subject_paths", "object_paths", "confidence", "qualifiers", "examples",
    "part", "role", "description", "modality", "symmetric", "trigger_text", "subject_roles",
    "object_roles", "trigger_kind", "fallback", "union", "unless", "requires", "object_text",
    "unless_deps", "pairwise", "object_named", "single_subject", "one_holder", "not_listed",
}


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a dependency path."""

    up: bool
    deps: frozenset[str] | None  # None: any label
    lemmas: frozenset[str] | None = None
    test: bool = False  # "=be|remain": stay on the token, whose lemma must be one of these
    surface: str = ""  # "name", "name_before", "place_after", "names_after": a surface step (kg/link/surface.py)


@dataclass(slots=True)
class Rule:
    """A compiled relation rule."""

    id: str
    predicate: str
    kind: str
    source: str
    subject: tuple[str, ...] = ("PERSON",)
    object: tuple[str, ...] = ("PERSON",)
    object_kind: str = "entity"
    trigger: frozenset[str] = frozenset()
    trigger_type: str | None = None
    trigger_text: re.Pattern[str] | None = None  # the trigger entity's text must match
    object_text: re.Pattern[str] | None = None  # an entity object's text must match
    trigger_pos: frozenset[str] = frozenset()
    subject_paths: list[list[Step]] = field(default_factory=list)
    object_paths: list[list[Step]] = field(default_factory=list)
    confidence: float = 0.8
    qualifiers: dict[str, Any] = field(default_factory=dict)
    examples: dict[str, list[str]] = field(default_factory=dict)
    part: str | None = None
    modality: str | None = None
    description: str = ""
    fallback: bool = False  # fires only when no other rule fired on the same trigger
    union: bool = False  # objects: every path's hits, not only the first path that hits
    unless: frozenset[str] = frozenset()  # modifiers of the trigger that stop the rule
    requires: frozenset[str] = frozenset()  # modifiers of which the trigger needs one
    unless_deps: frozenset[str] = frozenset()  # dependents of the trigger that stop the rule
    pairwise: bool = False  # the subjects found, pair by pair, are subject and object
    object_named: bool = False  # a literal object must be written as a name of an ``object`` type
    single_subject: bool = False  # only the first subject found, not its conjuncts
    one_holder: bool = False  # a singular trigger noun ("the grand marshal") is the first subject's only
    not_listed: bool = False  # no relation between items of one coordinated list ("A, B and C")


def parse_path(text: str) -> list[Step]:
    """``"<attr >nsubj"`` → two steps (up via attr, down via nsubj)."""
    steps = []
    for raw in text.split():
        if not STEP_RE.match(raw):
            raise ValueError(f"bad path step {raw!r} in {text!r}")
        if raw == ".":
            continue
        if raw[0] == "~":
            if raw not in SURFACE_STEPS:
                raise ValueError(f"unknown surface step {raw!r}; known: {list(SURFACE_STEPS)}")
            steps.append(Step(False, None, surface=raw[1:]))
            continue
        if raw[0] == "=":
            steps.append(Step(False, None, frozenset(raw[1:].split("|")), test=True))
            continue
        dep, _, lemma = raw[1:].partition(":")
        deps = None if dep == "*" else frozenset(dep.split("|"))
        lemmas = frozenset(lemma.split("|")) if lemma else None
        steps.append(Step(raw[0] == "<", deps, lemmas))
    return steps


def _fail(path: str, rule_id: str, field_name: str, problem: str) -> RuleError:
    return RuleError(path, f"field '{field_name}': {problem}", rule_id)


def _types(raw: dict, key: str, path: str, rid: str) -> tuple[str, ...]:
    value = raw.get(key, ["PERSON"])
    if isinstance(value, str):
        value = [value]
    bad = [v for v in value if v not in ENTITY_TYPES]
    if bad:
        raise _fail(path, rid, key, f"unknown type(s) {bad}; use {list(ENTITY_TYPES)}")
    return tuple(value)


def _paths(raw: dict, key: str, path: str, rid: str) -> list[list[Step]]:
    """Explicit paths, then the paths of the named roles (kg/link/roles.py)."""
    role_key = key.replace("_paths", "_roles")
    kind = raw.get("trigger_kind") or ("noun" if "NOUN" in raw.get("trigger_pos", []) else "verb")
    try:
        texts = list(raw.get(key, [])) + role_paths(kind, list(raw.get(role_key, [])))
        return [parse_path(p) for p in dict.fromkeys(texts)]
    except (ValueError, AttributeError, TypeError) as err:
        raise _fail(path, rid, role_key if role_key in raw else key, str(err)) from None


def _words(raw: dict, path: str, rid: str) -> frozenset[str]:
    try:
        return frozenset(expand_words(list(raw.get("trigger", []))))
    except ValueError as err:
        raise _fail(path, rid, "trigger", str(err)) from None


def _check_basic(raw: dict, path: str, index: int) -> str:
    rid = str(raw.get("id", f"rule #{index}"))
    check_field_types(raw, path, rid)
    for key in REQUIRED:
        if key not in raw:
            raise _fail(path, rid, key, "missing")
    if not ID_RE.match(raw["id"]):
        raise _fail(path, rid, "id", "must look like 'predicate.name.v1' (lowercase, versioned)")
    unknown = set(raw) - KNOWN
    if unknown:
        raise _fail(path, rid, sorted(unknown)[0], f"unknown field; allowed: {sorted(KNOWN)}")
    if raw["kind"] not in KINDS:
        raise _fail(path, rid, "kind", f"must be one of {list(KINDS)}")
    if raw.get("object_kind", "entity") not in OBJECT_KINDS:
        raise _fail(path, rid, "object_kind", f"must be one of {list(OBJECT_KINDS)}")
    return rid


def compile_rule(raw: dict, path: str, index: int = 0) -> Rule:
    """Validate one ``[[rule]]`` table and compile it; errors name file, rule id and field."""
    rid = _check_basic(raw, path, index)
    rule = Rule(
        id=rid, predicate=raw["predicate"], kind=raw["kind"], source=path,
        subject=_types(raw, "subject", path, rid), object=_types(raw, "object", path, rid),
        object_kind=raw.get("object_kind", "entity"),
        trigger=_words(raw, path, rid), trigger_type=raw.get("trigger_type"),
        trigger_text=_regex(raw, "trigger_text", path, rid),
        object_text=_regex(raw, "object_text", path, rid),
        trigger_pos=frozenset(raw.get("trigger_pos", [])),
        subject_paths=_paths(raw, "subject_paths", path, rid),
        object_paths=_paths(raw, "object_paths", path, rid),
        confidence=float(raw.get("confidence", 0.8)), qualifiers=dict(raw.get("qualifiers", {})),
        examples={k: list(v) for k, v in raw.get("examples", {}).items()},
        part=raw.get("part"), modality=raw.get("modality"), description=raw.get("description", ""),
        fallback=bool(raw.get("fallback", False)), union=bool(raw.get("union", False)),
        unless=frozenset(w.lower() for w in raw.get("unless", [])),
        requires=frozenset(w.lower() for w in raw.get("requires", [])),
        unless_deps=frozenset(raw.get("unless_deps", [])), pairwise=bool(raw.get("pairwise", False)),
        object_named=bool(raw.get("object_named", False)),
        single_subject=bool(raw.get("single_subject", False)),
        one_holder=bool(raw.get("one_holder", False)),
        not_listed=bool(raw.get("not_listed", False)),
    )
    _check_dependency(rule, path)
    return rule


def _regex(raw: dict, key: str, path: str, rid: str) -> re.Pattern[str] | None:
    if key not in raw:
        return None
    try:
        return re.compile(str(raw[key]))
    except re.error as exc:
        raise _fail(path, rid, key, f"not a regular expression: {exc}") from None


def _check_dependency(rule: Rule, path: str) -> None:
    if rule.kind in {"gloss", "list"} and not rule.trigger:
        raise _fail(path, rule.id, "trigger", f"a {rule.kind} rule needs 'trigger'")
    if rule.kind != "dependency":
        return
    if not rule.trigger and not rule.trigger_type:
        raise _fail(path, rule.id, "trigger", "a dependency rule needs 'trigger' or 'trigger_type'")
    if rule.trigger_type and rule.trigger_type not in ENTITY_TYPES:
        raise _fail(path, rule.id, "trigger_type", f"unknown type {rule.trigger_type!r}")
    for key in ("subject_paths", "object_paths"):
        if not getattr(rule, key) and key not in ("object_paths",):
            raise _fail(path, rule.id, key, "at least one path is needed")
    if rule.pairwise and (rule.object_paths or rule.object_kind != "entity"):
        raise _fail(path, rule.id, "pairwise", "a pairwise rule takes its objects from its subjects: no object_paths")
    if not 0 < rule.confidence <= 1:
        raise _fail(path, rule.id, "confidence", "must be in (0, 1]")


def load_rule_file(path: str | Path) -> list[Rule]:
    """All rules of one TOML file."""
    data = load_toml(Path(path).resolve())
    raws = data.get("rule", [])
    if not isinstance(raws, list) or not raws or not all(isinstance(r, dict) for r in raws):
        raise RuleError(str(path), "no [[rule]] tables found")
    return [compile_rule(raw, str(path), i) for i, raw in enumerate(raws, 1)]


def default_rule_files() -> list[Path]:
    """The rule files shipped with histkg, sorted."""
    return sorted(data_path("rules").glob("*.toml"))


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The relation rules of a build, loaded once, with their files and the SHA-256 over them
    (the version of a build's rules in ``report.json`` and the cache)."""

    rules: tuple[Rule, ...]
    files: tuple[Path, ...]
    sha256: str

    @classmethod
    def load(cls, extra: Iterable[str | Path] = ()) -> "RuleSet":
        """Shipped rules plus ``extra`` files (see :func:`load_rules`)."""
        extra = tuple(extra)
        files = (*default_rule_files(), *(Path(p) for p in extra))
        digest = hashlib.sha256()
        for path in files:
            digest.update(path.read_bytes())
        return cls(tuple(load_rules(extra)), files, digest.hexdigest())


def load_rules(extra: Iterable[str | Path] = ()) -> list[Rule]:
    """Shipped rules plus ``extra`` files; rule ids must be unique. A predicate of one's own
    (not in ``kg/data/predicates.toml``) is allowed: the RDF declares it (kg.export.rdf)."""
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for path in [*default_rule_files(), *[Path(p) for p in extra]]:
        for rule in load_rule_file(path):
            if rule.id in seen:
                raise RuleError(str(path), f"duplicate rule id (also in {seen[rule.id]})", rule.id)
            seen[rule.id] = str(path)
            rules.append(rule)
    return rules


def known_predicates() -> tuple[str, ...]:
    """Every predicate of ``kg/data/predicates.toml`` (core, v2, internal, symmetric, inverse,
    guards)."""
    table = load_toml("predicates.toml")
    names = {*table["core"]["predicates"], *table["v2"]["predicates"],
             *table.get("symmetric", {}).get("predicates", []), *table.get("inverse", {}),
             *table.get("guard", {}), *table.get("internal", {}).get("predicates", [])}
    return tuple(sorted(names))


def predicate_problem(predicate: str) -> str | None:
    """None for a known predicate, else a message naming the nearest known ones."""
    known = known_predicates()
    if predicate in known:
        return None
    near = difflib.get_close_matches(predicate, known, n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(near)}?" if near else ""
    return f"unknown predicate {predicate!r} (not in kg/data/predicates.toml){hint}"
