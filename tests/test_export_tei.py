"""TEI out (kg/export/tei): every file valid against TEI-all (seeds, the tuned half of gold-dev,
a TEI edition with notes and page breaks written for these tests), mentions inline where they
nest, a TEI input's own markup kept, ``kg build --tei`` and ``kg export tei`` byte-identical,
and the round trip: the TEI files built again give the same entities and relations."""

from __future__ import annotations

import csv
import json
import re
import shutil
import tomllib
from pathlib import Path

import pytest

from kg.cli import main
from kg.run.tei_export import export_tei
from kg.export.tei.body import divisions
from kg.export.tei.inline import date_attrs
from kg.export.tei.source import Markup
from kg.export.tei.weave import Tag, weave
from kg.model import Passage

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "tei"
GOLD_DEV = ROOT.parent / "shared" / "gold-dev"
TEI = "{http://www.tei-c.org/ns/1.0}"


@pytest.fixture(scope="module")
def schema():
    """TEI-all 4.7.0 as lxml's RELAX NG validator (compiled once: ~6 s)."""
    etree = pytest.importorskip("lxml.etree")
    return etree.RelaxNG(etree.parse(str(DATA / "tei_all.rng")))


def invalid(schema, folder: Path) -> dict[str, list[str]]:
    """File → the schema's complaints, for every TEI file in ``folder`` that is not valid."""
    from lxml import etree

    bad = {}
    for path in sorted(folder.rglob("*.xml")):
        if not schema.validate(etree.parse(str(path))):
            bad[path.name] = [f"{e.line}: {e.message}" for e in schema.error_log][:5]
    return bad


def graph_of(out: Path) -> tuple[set, set]:
    """Entities (type, label) and relations (subject, predicate, object, modality) of a build,
    named by labels: an entity's id may carry its document's name, which a round trip changes."""
    with (out / "entities.csv").open(encoding="utf-8") as fh:
        labels = {r["id"]: r["label"] for r in csv.DictReader(fh)}
    with (out / "entities.csv").open(encoding="utf-8") as fh:
        entities = {(r["type"], r["label"]) for r in csv.DictReader(fh)}
    with (out / "relations.csv").open(encoding="utf-8") as fh:
        relations = {(labels.get(r["subject"]), r["predicate"], labels.get(r["object"], r["object"]),
                      r["modality"]) for r in csv.DictReader(fh)}
    return entities, relations


def build(inputs: Path, out: Path, *extra: str) -> Path:
    assert main(["build", str(inputs), "--out", str(out), "--quiet", *extra]) == 0
    return out


@pytest.fixture(scope="module")
def seeds_tei(seed_build, tmp_path_factory) -> Path:
    """The seeds' TEI files, written by kg export tei from the session's seed build."""
    folder, counts = export_tei(seed_build, tmp_path_factory.mktemp("seeds-tei") / "tei")
    return folder


@pytest.fixture(scope="module")
def edition(tmp_path_factory) -> Path:
    """The test edition (TEI with a footnote, a page break, names split by <hi> and <lb/>)
    built with --tei."""
    inputs = tmp_path_factory.mktemp("edition-in")
    shutil.copy(DATA / "edition.xml", inputs)
    return build(inputs, tmp_path_factory.mktemp("edition") / "out", "--tei")


@pytest.fixture(scope="module")
def dev_tuned(tmp_path_factory) -> Path:
    """The tuned half of gold-dev (never the check half) built with --tei."""
    if not (GOLD_DEV / "docs").is_dir():
        pytest.skip("../shared/gold-dev is not present next to the repository")
    held = set(tomllib.loads((ROOT / "tests" / "accuracy_floors.toml").read_text())["check_half"])
    inputs = tmp_path_factory.mktemp("dev-in")
    for path in sorted((GOLD_DEV / "docs").glob("*.txt")):
        if path.stem not in held:
            (inputs / path.name).symlink_to(path)
    assert len(list(inputs.iterdir())) == 12
    return build(inputs, tmp_path_factory.mktemp("dev") / "out", "--tei")


def test_seed_files_are_valid_tei_all_with_every_mention_marked(schema, seeds_tei, seed_build):
    assert sorted(p.name for p in seeds_tei.iterdir()) == [
        "000_41c2545ca8476382-1.xml", "000_41c2545ca8476382-2.xml",
        "001_6ca7c8d43ffabea7-1.xml", "001_6ca7c8d43ffabea7-2.xml"]
    assert invalid(schema, seeds_tei) == {}
    rows = (seed_build / "mentions.csv").read_text(encoding="utf-8").count("\n") - 1
    marked = sum(int(re.search(r"marked by histkg: (\d+)", p.read_text()).group(1)) for p in seeds_tei.iterdir())
    assert marked == rows


def test_gold_dev_tuned_half_is_valid_and_builds_back_to_the_same_graph(schema, dev_tuned, tmp_path):
    assert invalid(schema, dev_tuned / "tei") == {}
    again = build(dev_tuned / "tei", tmp_path / "again")
    assert graph_of(again) == graph_of(dev_tuned)


def test_seeds_build_back_to_the_same_entities_and_relations(seeds_tei, seed_build, tmp_path):
    again = build(seeds_tei, tmp_path / "again")
    assert graph_of(again) == graph_of(seed_build)


def test_tei_input_keeps_its_markup_and_only_adds_annotations(schema, edition):
    from lxml import etree

    before = etree.parse(str(DATA / "edition.xml")).getroot()
    after = etree.parse(str(edition / "tei" / "edition.xml")).getroot()
    assert invalid(schema, edition / "tei") == {} and schema.validate(etree.ElementTree(before))
    text_of = lambda root: "".join(root.find(f"{TEI}text").itertext())  # noqa: E731
    assert text_of(after) == text_of(before)
    for tag in ("pb", "note", "hi", "lb", "closer", "title"):
        assert len(after.findall(f".//{TEI}text//{TEI}{tag}")) == len(before.findall(f".//{TEI}text//{TEI}{tag}")), tag
    body = etree.tostring(after.find(f"{TEI}text"), encoding="unicode")
    assert '<persName ref="#Vladimir_Lenin"><hi rend="italic">Vladimir</hi> Lenin</persName>' in body
    assert after.find(f"{TEI}standOff/{TEI}listRelation") is not None


def test_a_name_crossing_the_editions_markup_is_left_out_and_counted(edition):
    report = json.loads((edition / "report.json").read_text(encoding="utf-8"))
    assert report["tei"]["skipped"] == {"crossing the edition's markup": 1}
    xml = (edition / "tei" / "edition.xml").read_text(encoding="utf-8")
    assert "left out: 1 (crossing the edition's markup: 1)" in xml
    assert '<hi rend="bold">Socialist</hi> <hi rend="bold">Revolutionary Party was</hi>' in xml


def test_tei_edition_builds_back_to_the_same_graph(edition, tmp_path):
    assert graph_of(build(edition / "tei", tmp_path / "again")) == graph_of(edition)


def test_build_tei_and_export_tei_write_the_same_bytes(edition, tmp_path, monkeypatch):
    monkeypatch.chdir(edition.parent)  # report.json names the inputs as the build was given them
    assert main(["export", "tei", str(edition), "--output", str(tmp_path / "tei")]) == 0
    assert (tmp_path / "tei" / "edition.xml").read_bytes() == (edition / "tei" / "edition.xml").read_bytes()


def test_export_stops_on_an_input_changed_since_the_build(tmp_path, capsys):
    inputs = tmp_path / "in"
    inputs.mkdir()
    letter = inputs / "letter.txt"
    letter.write_text("Ivan Petrov met Leonid Krasin in Moscow in 1920.\n", encoding="utf-8")
    out = build(inputs, tmp_path / "out")
    letter.write_text("Somebody met somebody else somewhere in 1920.\n", encoding="utf-8")
    assert main(["export", "tei", str(out)]) == 2
    assert "changed since the build" in capsys.readouterr().err
    assert not (out / "tei").exists()


def test_readme_fragment_is_what_the_seeds_give(seeds_tei):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"From `out/tei/(\S+)`:\n\n```xml\n(.*?)```", readme, re.S)
    xml = (seeds_tei / block.group(1)).read_text(encoding="utf-8")
    pieces = [p.strip() for line in block.group(2).splitlines() for p in line.split("…")]
    assert all(p in xml for p in pieces if p)


@pytest.mark.parametrize("spans, kept", [
    ([(0, 4), (5, 9)], ["0-4", "5-9"]),                 # side by side
    ([(0, 9), (0, 4)], ["0-9", "0-4"]),                 # nested, same start
    ([(0, 6), (4, 9)], ["0-6"]),                        # crossing: the later one left out
    ([(2, 2), (0, 9)], ["0-9"]),                        # empty span: left out
])
def test_weave_nests_spans_and_leaves_out_crossing_ones(spans, kept):
    tags = [Tag(a, b, "rs") for a, b in spans]
    text, skipped = weave("Koba and Lenin", tags, escape=True)
    assert sorted(f"{t.start}-{t.end}" for t in tags if t not in skipped) == sorted(kept)
    assert text.count("<rs>") == text.count("</rs>") == len(kept)


@pytest.mark.parametrize("xml, name, fits", [
    ("<p>I saw Vladimir Lenin.</p>", "Vladimir Lenin", "Vladimir Lenin"),
    ("<p>I saw <hi>Vladimir</hi> Lenin.</p>", "Vladimir</hi> Lenin", "<hi>Vladimir</hi> Lenin"),
    ("<p>I saw Vladimir <hi>Lenin</hi>.</p>", "Vladimir <hi>Lenin", "Vladimir <hi>Lenin</hi>"),
    ("<p>I saw Vladimir<lb/> Lenin.</p>", "Vladimir<lb/> Lenin", "Vladimir<lb/> Lenin"),
    ("<p>I saw <hi>Vladimir</hi> <hi>Lenin here</hi>.</p>", "Vladimir</hi> <hi>Lenin", None),
    ("<p>I saw A&amp;B.</p>", "A&am", None),
])
def test_markup_fit_widens_over_edge_tags_or_refuses(xml, name, fits):
    text = f"<TEI><text>{xml}</text></TEI>"
    start = text.index(name)
    span = Markup(text).fit(start, start + len(name))
    assert (text[span[0]:span[1]] if span else None) == fits


@pytest.mark.parametrize("value, attrs", [
    ("1937-12-10", {"when": "1937-12-10"}),
    ("1937-02", {"when": "1937-02"}),
    ("1920s", {}),
    ("192X", {"notBefore": "1920-01-01", "notAfter": "1929-12-31"}),
    ("1937?", {"notBefore": "1937-01-01", "notAfter": "1937-12-31"}),
    ("1928-22", {"notBefore": "1928-06-01", "notAfter": "1928-08-31"}),
])
def test_dates_get_when_or_their_bounds(value, attrs):
    assert dict(date_attrs(value)) == attrs


def test_blocks_that_cannot_stand_where_they_are_open_a_new_division():
    layers = ["title", "dateline", "body", "dateline", "body", "signature", "footnote", "citation"]
    ps = [Passage("d-1", "d.txt", i, layer, "x", (i, i + 1)) for i, layer in enumerate(layers)]
    assert divisions(ps) == [(None, [(0, "head"), (1, "dateline"), (2, "p"), (3, "dateline")]),
                             (None, [(4, "p"), (5, "closer"), (6, "note")]), (None, [(7, "bibl")])]


def test_entity_ids_a_tei_input_already_uses_are_prefixed(schema, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    xml = (DATA / "edition.xml").read_text(encoding="utf-8")
    (inputs / "edition.xml").write_text(xml.replace('<persName ref="#gorky">', '<persName xml:id="Vladimir_Lenin" ref="#gorky">'),
                                        encoding="utf-8")
    out = build(inputs, tmp_path / "out", "--tei")
    written = (out / "tei" / "edition.xml").read_text(encoding="utf-8")
    ids = re.findall(r'xml:id="([^"]+)"', written)
    assert len(ids) == len(set(ids))
    assert '<person xml:id="hkg_Vladimir_Lenin">' in written and 'ref="#hkg_Vladimir_Lenin"' in written
    assert invalid(schema, out / "tei") == {}
