"""Every relation rule's own examples: those under ``match`` fire, those under ``no_match`` don't."""

from __future__ import annotations

import pytest

from kg.annotate import annotate_document
from pathlib import Path

from kg.data_files import load_toml
from kg.errors import RuleError
from kg.vocab import camel_case
from kg.link import Linker
from kg.link.check import example_problem
from kg.link.rules import compile_rule, load_rule_file, load_rules, parse_path
from kg.model import Document, Passage

RULES = load_rules()
CASES = [(r, text, want) for r in RULES for want in ("match", "no_match")
         for text in r.examples.get(want, [])]


def _document(text: str) -> Document:
    passage = Passage("t-1", "t.txt", 0, "body", text, tuple(range(len(text) + 1)))
    return Document(id="t-1", source="t.txt", path="t.txt", sha256="", passages=[passage])


@pytest.mark.parametrize("rule,text,want", CASES, ids=[f"{r.id}:{w}:{t[:30]}" for r, t, w in CASES])
def test_rule_examples(nlp, rule, text, want):
    """What `kg rules check` runs: the predicate between entities of the declared types."""
    assert example_problem(nlp, rule, text, want) is None


def test_every_dependency_rule_has_positive_and_negative_examples():
    for rule in RULES:
        if rule.kind == "dependency":
            assert rule.examples.get("match") and rule.examples.get("no_match"), rule.id


@pytest.mark.parametrize("raw,field", [
    ({"id": "spouse.x.v1", "predicate": "spouse", "kind": "nope"}, "kind"),
    ({"id": "Spouse", "predicate": "spouse", "kind": "dependency"}, "id"),
    ({"id": "spouse.x.v1", "predicate": "spouse", "kind": "dependency"}, "trigger"),
    ({"id": "spouse.x.v1", "predicate": "spouse", "kind": "dependency", "trigger": ["wife"],
      "subject_paths": ["<attr >>nsubj"]}, "subject_paths"),
    ({"id": "spouse.x.v1", "predicate": "spouse", "kind": "dependency", "trigger": ["wife"],
      "subject_paths": ["<attr"], "subject": ["HUMAN"]}, "subject"),
    ({"id": "spouse.x.v1", "kind": "dependency"}, "predicate"),
    ({"id": "met_with.x.v1", "predicate": "met_with", "kind": "dependency", "trigger": ["present"],
      "subject_paths": ["<acomp >nsubj"], "object_paths": [">prep:with >pobj"], "pairwise": True}, "pairwise"),
    ({"id": "located_in.x.v1", "predicate": "located_in", "kind": "dependency", "trigger_type": "PLACE",
      "subject_paths": ["."], "object_paths": ["~somewhere"]}, "object_paths"),
    ({"id": "moved_to.x.v1", "predicate": "moved_to", "kind": "dependency", "trigger": ["move"],
      "subject_paths": [">nsubj"], "unless_deps": "dobj"}, "unless_deps"),
    ({"id": "nickname.x.v1", "predicate": "nickname", "kind": "dependency", "trigger": ["call"],
      "subject_paths": [">nsubj"], "single_subject": "yes"}, "single_subject"),
])
def test_bad_rule_names_file_rule_and_field(raw, field):
    with pytest.raises(RuleError) as err:
        compile_rule(raw, "my_rules.toml")
    message = str(err.value)
    assert "my_rules.toml" in message and f"'{field}'" in message


def test_rule_file_without_rules_is_an_error(tmp_path):
    path = tmp_path / "empty.toml"
    path.write_text("# nothing\n")
    with pytest.raises(RuleError, match="empty.toml"):
        load_rule_file(path)


def test_duplicate_rule_ids_are_refused(tmp_path):
    path = tmp_path / "dup.toml"
    path.write_text('[[rule]]\nid = "born_on.lifespan.v1"\npredicate = "born_on"\nkind = "lifespan"\npart = "start"\n')
    with pytest.raises(RuleError, match="duplicate"):
        load_rules([path])


def test_path_syntax():
    steps = parse_path("<attr >prep:of >pobj|appos")
    assert [s.up for s in steps] == [True, False, False]
    assert steps[1].lemmas == frozenset({"of"}) and steps[2].deps == frozenset({"pobj", "appos"})


def test_lemma_test_step_stays_on_the_token():
    steps = parse_path("<pobj <prep:in =be|remain >nsubj")
    assert steps[2].test and steps[2].lemmas == frozenset({"be", "remain"}) and not steps[2].up


PREDICATES = ["accused_by", "accused", "denounced_by", "implicated_by", "spouse", "child_of",
              "parent_of", "member_of", "position_held", "author_of", "wrote_to", "follower_of",
              "met_with", "allied_with", "participated_in", "arrested_on", "executed_on", "born_on",
              "died_on", "nickname", "imprisoned_in", "killed_by", "asks_forgiveness_of"]


@pytest.mark.parametrize("predicate", PREDICATES)
def test_every_predicate_has_a_rule_with_positive_and_negative_examples(predicate):
    rules = [r for r in RULES if r.predicate == predicate]
    assert any(r.examples.get("match") and r.examples.get("no_match") for r in rules), predicate


V2 = load_toml("predicates.toml")["v2"]["predicates"]
ONTOLOGY = (Path(__file__).resolve().parents[1] / "ontology" / "histkg.ttl").read_text(encoding="utf-8")
SHAPES = (Path(__file__).resolve().parents[1] / "ontology" / "shapes.ttl").read_text(encoding="utf-8")


@pytest.mark.parametrize("predicate", V2)
def test_every_v2_predicate_has_rules_an_ontology_entry_and_a_shape(predicate):
    rules = [r for r in RULES if r.predicate == predicate]
    assert any(r.examples.get("match") and r.examples.get("no_match") for r in rules), predicate
    iri = "hkg:" + camel_case(predicate)
    entry = ONTOLOGY.split(f"\n{iri} a ", 1)[1].split(" .\n", 1)[0]
    assert f'skos:notation "{predicate}"' in entry and "rdfs:label" in entry and "rdfs:comment" in entry
    assert "rdfs:domain" in entry or "rdfs:range" in entry
    assert iri in SHAPES


@pytest.mark.parametrize("sentence,predicate,modality", [
    ("I knew nothing about Kamenev's alliance with Zinoviev.", "allied_with", "negated"),
    ("Vyshinskii falsely accused Rykov.", "accused_by", "denied"),
    ("Vyshinskii did not accuse Rykov.", "accused_by", "negated"),
    ("If Vyshinskii accused Rykov, the trial would begin.", "accused_by", "hypothetical"),
])
def test_modality_is_kept_on_every_relation(nlp, sentence, predicate, modality):
    annotated = annotate_document(nlp, _document(sentence), sentence)
    found = [a for a in Linker(RULES).link(annotated) if a.predicate == predicate]
    assert found and found[0].evidence.modality == modality


def test_letter_voice_makes_i_the_author_and_you_the_recipient(nlp):
    text = "I ask you for forgiveness."
    passage = Passage("t-1", "t.txt", 0, "body", text, tuple(range(len(text) + 1)), speaker="Lev Kamenev")
    document = Document(id="t-1", source="t.txt", path="t.txt", sha256="", passages=[passage],
                        author="Lev Kamenev", recipients=["Iosif Stalin"])
    found = Linker(RULES).link(annotate_document(nlp, document, text))
    pairs = {(a.subject.name, a.predicate, a.object.name) for a in found if hasattr(a.object, "name")}
    assert ("Lev Kamenev", "asks_forgiveness_of", "Iosif Stalin") in pairs


def test_a_denial_adverb_after_the_object_denies_the_accusation(nlp):
    text = "One of those who accused Rykov falsely was the prosecutor Andrei Vyshinskii (1883–1954)."
    found = Linker(RULES).link(annotate_document(nlp, _document(text), text))
    moods = {a.predicate: a.evidence.modality for a in found}
    assert moods.get("accused_by") == "denied"
    assert moods.get("born_on") == "asserted"


@pytest.mark.parametrize("name,expected", [
    ("Empress Frederick", "f"), ("Prince William", "m"), ("Anna Larina", "f"), ("Nikolai Bukharin", "m"),
    ("Nadia", "f"), ("Karl Radek", "m"), ("Radek", None), ("Mme. Caillaux", "f"),
])
def test_gender_cues(name, expected):
    from kg.link.arguments import gender

    assert gender(name) == expected


def test_her_does_not_resolve_to_a_man(nlp):
    text = "Empress Maria spoke to Prince Paul. Later Prince Paul left, and her husband Count Orlov stayed."
    found = Linker(RULES).link(annotate_document(nlp, _document(text), text))
    spouses = {frozenset((a.subject.name, a.object.name)) for a in found if a.predicate == "spouse"}
    assert frozenset(("Count Orlov", "Prince Paul")) not in spouses


def test_his_wife_after_a_bracketed_lifespan_is_the_fathers_wife(tmp_path):
    """'X was the son of Y (1820 – 88) and his wife Z': Z is Y's wife and X's mother,
    not X's wife (the brackets make the parser attach 'wife' to the verb)."""
    import kg

    (tmp_path / "bio.txt").write_text(
        "Ivan Volkov (1861 - 1922) was an officer. He was the son of Petr Volkov (1820 - 88) "
        "and his wife Maria Orlova (1830 - 1904).\n", encoding="utf-8")
    rel = kg.build_graph(tmp_path / "bio.txt").relations
    facts = set(zip(rel["subject"], rel["predicate"], rel["object"]))
    spouses = {frozenset((s, o)) for s, p, o in facts if p == "spouse"}
    assert spouses == {frozenset(("Petr_Volkov", "Maria_Orlova"))}  # symmetric: one fact
    assert {("Ivan_Volkov", "child_of", "Petr_Volkov"), ("Ivan_Volkov", "child_of", "Maria_Orlova")} <= facts


def _rule(**fields):
    base = {"id": "met_with.t.v1", "predicate": "met_with", "kind": "dependency"}
    return compile_rule({**base, **fields}, "t.toml")


@pytest.mark.parametrize("rule,text,want", [
    # unless_deps: a dependent of the trigger stops the rule
    (_rule(predicate="moved_to", id="moved_to.t.v1", object=["PLACE"], trigger=["move"], trigger_pos=["VERB"],
           subject_paths=[">nsubj"], object_paths=[">prep:to >pobj"], unless_deps=["dobj"]),
     "In 1920 the Bolsheviks moved Ivan Smirnov to Tobolsk.", set()),
    # pairwise: every pair of the subjects found
    (_rule(trigger=["present"], trigger_pos=["ADJ"], subject_paths=["<acomp >nsubj"], pairwise=True),
     "Ivan Smirnov, Boris Orlov and Anna Volkova were present.",
     {("Ivan Smirnov", "Boris Orlov"), ("Ivan Smirnov", "Anna Volkova"), ("Boris Orlov", "Anna Volkova")}),
    # single_subject: the first subject, not the names coordinated with it
    (_rule(predicate="nickname", id="nickname.t.v1", object_kind="literal", trigger=["know"],
           trigger_pos=["VERB"], subject_paths=["<acl"], object_paths=[">prep:as >pobj"], single_subject=True),
     "Ivan Smirnov (known as Sokol), Boris Orlov and Petr Volkov escaped.", {("Ivan Smirnov", "Sokol")}),
    # object_named: a literal written as a name, not a description
    (_rule(predicate="nickname", id="nickname.t.v1", object_kind="literal", trigger=["write"],
           trigger_pos=["VERB"], subject_paths=[">nsubj"], object_paths=[">prep:as >pobj"], object_named=True),
     "Ivan Smirnov wrote as a Marxist.", set()),
])
def test_rule_fields_shape_what_a_rule_states(nlp, rule, text, want):
    from kg.link.check import run_example

    got = {(a.subject.name, getattr(a.object, "name", a.object)) for a in run_example(nlp, rule, text)}
    assert {tuple(sorted(p)) for p in got} == {tuple(sorted(p)) for p in want}


def test_a_rule_file_with_a_byte_order_mark_loads(tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + '[[rule]]\nid = "born_on.bom_test.v1"\npredicate = "born_on"\n'
                     'kind = "lifespan"\npart = "start"\n'.encode())
    assert [r.id for r in load_rule_file(path)] == ["born_on.bom_test.v1"]
