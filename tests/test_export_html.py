"""Tests of the network page exporter (kg.export.html)."""

from __future__ import annotations

import html as htmllib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kg.export.html import LAYOUT_THRESHOLD, render_html, write_html
from kg.model import Document, Entity, Evidence, KnowledgeGraph, Relation

ROOT = Path(__file__).resolve().parents[1]
EVIL_NAME = "<img src=x onerror=alert(1)>"
EVIL_QUOTE = "He wrote <script>alert(1)</script> & more"
EVIL_TITLE = 'Evil "title" <script>alert(2)</script>'


def _ev(quote: str, start: int = 0, doc: str = "d-1") -> Evidence:
    return Evidence(doc, f"{doc}.txt", quote, start, start + len(quote), "r.test", 0.75)


def small_kg() -> KnowledgeGraph:
    """Four entities, one with a hostile name; a hostile quote; a date relation."""
    entities = [
        Entity("Nikolai_Bukharin", "PERSON", "Nikolai Bukharin", ["Bukharin"], "Q193636"),
        Entity("Iosif_Stalin", "PERSON", "Iosif Stalin", ["Koba"], "Q855"),
        Entity("evil", "ORG", EVIL_NAME, [EVIL_NAME + " alias"]),
        Entity("Анна_Ларина", "PERSON", "Анна Ларина"),
    ]
    relations = [
        Relation("Nikolai_Bukharin", "wrote_to", "Iosif_Stalin", "entity", [_ev("Dear Koba")]),
        Relation("Nikolai_Bukharin", "member_of", "evil", "entity", [_ev(EVIL_QUOTE, 20)]),
        Relation("Nikolai_Bukharin", "spouse", "Анна_Ларина", "entity", [_ev("his wife", 50)]),
        Relation("Nikolai_Bukharin", "born_on", "1888", "date", [_ev("(1888", 70)]),
    ]
    docs = [Document("d-1", "d-1.txt", "/in/d-1.txt", "c" * 64, title=EVIL_TITLE)]
    return KnowledgeGraph(documents=docs, entities={e.id: e for e in entities},
                          relations=relations)


def large_kg(count: int = LAYOUT_THRESHOLD + 50) -> KnowledgeGraph:
    """A ring with chords, big enough for the precomputed layout."""
    entities = {f"p{i}": Entity(f"p{i}", "PERSON" if i % 3 else "ORG", f"Person {i}")
                for i in range(count)}
    relations = [Relation(f"p{i}", "met_with", f"p{(i * 7 + 1) % count}", "entity",
                          [_ev(f"p{i} met", i)]) for i in range(count)]
    return KnowledgeGraph(entities=entities, relations=relations)


def embedded_data(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert match, "no embedded data"
    return json.loads(match.group(1))


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("html") / "graph.html"
    write_html(small_kg(), path, title=EVIL_TITLE)
    return path.read_text(encoding="utf-8")


# Offline ------------------------------------------------------------------------------

_EXTERNAL = re.compile(
    r"<(?:script|link|img|iframe|source|audio|video|embed|object)\b[^>]*?"
    r"\b(?:src|href|data)\s*=\s*[\"']?\s*(?:https?:)?//", re.I)


@pytest.mark.parametrize("kg", [small_kg(), large_kg()], ids=["small", "large"])
def test_no_reference_to_other_hosts(kg: KnowledgeGraph) -> None:
    page = render_html(kg)
    assert not _EXTERNAL.search(page)
    assert not re.search(r"<link\b", page, re.I)
    assert not re.search(r"@import|url\(\s*['\"]?(?:https?:)?//", page, re.I)
    assert "cdnjs.cloudflare.com" not in page and "cdn.jsdelivr.net" not in page


def test_vis_network_is_inline(page: str) -> None:
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert any("vis-network" in s and "DataSet" in s and len(s) > 400_000 for s in scripts)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


# Data ---------------------------------------------------------------------------------

@pytest.mark.parametrize("kg", [small_kg(), large_kg()], ids=["small", "large"])
def test_one_node_per_entity_and_one_edge_per_entity_relation(kg: KnowledgeGraph) -> None:
    data = embedded_data(render_html(kg))
    assert sorted(n["id"] for n in data["nodes"]) == sorted(kg.entities)
    assert len(data["edges"]) == sum(r.object_kind == "entity" for r in kg.relations)
    assert len(data["relations"]) == len(kg.relations)


def test_small_graph_uses_physics(page: str) -> None:
    data = embedded_data(page)
    assert data["options"]["physics"]["enabled"] is True
    assert all("x" not in n for n in data["nodes"])


def test_large_graph_has_positions_and_no_physics() -> None:
    data = embedded_data(render_html(large_kg()))
    assert data["options"]["physics"]["enabled"] is False
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in data["nodes"])


def test_nodes_carry_their_degree_and_types_their_colours(page: str) -> None:
    data = embedded_data(page)
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["Nikolai_Bukharin"]["deg"] == 3 and nodes["Iosif_Stalin"]["deg"] == 1
    assert data["types"]["ORG"]["color"] != data["types"]["PERSON"]["color"]
    assert set(data["types"]) == {"ORG", "PERSON"}
    assert nodes["Nikolai_Bukharin"]["life"] == ["1888-01-01", ""]


def test_relations_carry_the_ontologys_names_and_groups(page: str) -> None:
    data = embedded_data(page)
    names = {p: v["label"] for p, v in data["predicates"].items()}
    assert names == {"wrote_to": "wrote to", "member_of": "member of", "spouse": "married to",
                     "born_on": "born on"}
    assert {e["p"] for e in data["edges"]} == {"wrote_to", "member_of", "spouse"}
    groups = {data["predicates"][p]["group"] for p in ("wrote_to", "member_of", "spouse")}
    assert len(groups) == 3 and all(0 <= g < len(data["groups"]) for g in groups)


def test_page_header_carries_the_summary_line(page: str) -> None:
    assert embedded_data(page)["summary"] == \
        "1 file, 1 document found in it, 4 entities, 4 relations, 4 evidence rows"


def test_evidence_and_document_are_embedded(page: str) -> None:
    data = embedded_data(page)
    quotes = [ev["quote"] for r in data["relations"] for ev in r["evidence"]]
    assert EVIL_QUOTE in quotes
    assert data["documents"]["d-1"]["title"] == EVIL_TITLE


# Escaping ------------------------------------------------------------------------------

@pytest.mark.parametrize("raw", [EVIL_NAME, EVIL_QUOTE, "<script>alert(1)</script>", EVIL_TITLE])
def test_hostile_strings_appear_only_escaped(page: str, raw: str) -> None:
    assert raw not in page


def test_hostile_strings_are_escaped_in_json_and_title(page: str) -> None:
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in page
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\u0026 more" in page
    assert f"<title>{htmllib.escape(EVIL_TITLE)}</title>" in page


def test_page_script_never_uses_html_sinks() -> None:
    script = (ROOT / "kg" / "export" / "html_assets" / "view.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script


# Files -------------------------------------------------------------------------------

_RENDER = """
import sys
sys.path.insert(0, {tests!r})
from test_export_html import large_kg
from kg.export.html import write_html
write_html(large_kg(), {path!r})
"""


def test_output_is_byte_identical_across_processes(tmp_path: Path) -> None:
    contents = []
    for seed in ("0", "999"):
        path = tmp_path / seed / "graph.html"
        code = _RENDER.format(tests=str(ROOT / "tests"), path=str(path))
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=ROOT)
        contents.append(path.read_bytes())
    assert contents[0] == contents[1]


def test_write_leaves_only_the_page(tmp_path: Path) -> None:
    write_html(small_kg(), tmp_path / "graph.html")
    assert [p.name for p in tmp_path.iterdir()] == ["graph.html"]


# Browser smoke test (Debian chromium, if installed) -----------------------------------------

@pytest.mark.parametrize("kg", [small_kg(), large_kg()], ids=["small", "large"])
def test_page_draws_offline_in_chromium(tmp_path: Path, kg: KnowledgeGraph) -> None:
    import chromium  # tests/chromium.py: skip outside CI, fail in CI, if it is missing

    chromium.require()
    path = tmp_path / "graph.html"
    write_html(kg, path)
    args = [chromium.CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--host-resolver-rules=MAP * ~NOTFOUND", "--enable-logging=stderr", "--v=0",
            "--virtual-time-budget=10000", "--dump-dom", path.as_uri()]
    run = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert 'data-kg-ready="true"' in run.stdout
    assert f"{len(kg.entities)} of {len(kg.entities)} entities" in run.stdout
    assert "alert(" not in "".join(re.findall(r"CONSOLE.*", run.stderr))
    errors = [line for line in run.stderr.splitlines() if "CONSOLE" in line and "rror" in line]
    assert not errors


# Large graphs and embedding ------------------------------------------------------------------

def test_max_nodes_keeps_the_most_connected() -> None:
    kg = large_kg(400)
    kg.relations += [Relation("p3", "met_with", f"p{i}", "entity", [_ev("met", i)]) for i in range(100, 130)]
    data = embedded_data(render_html(kg, max_nodes=50))
    ids = {n["id"] for n in data["nodes"]}
    assert len(ids) == 50 and "p3" in ids and data["total"] == 400
    assert all(e["from"] in ids and e["to"] in ids for e in data["edges"])
    assert ids == {n for e in data["edges"] for n in (e["from"], e["to"])}  # none isolated
    assert embedded_data(render_html(kg))["total"] == 400


def test_embed_snippets_escape_the_page_and_title(tmp_path: Path) -> None:
    from kg.export.embed import write_embed

    write_html(small_kg(), tmp_path / "graph.html", title=EVIL_TITLE)
    iframe, fragment = write_embed(tmp_path / "graph.html", title=EVIL_TITLE)
    snippet = iframe.read_text(encoding="utf-8")
    assert 'src="graph.html"' in snippet and htmllib.escape(EVIL_TITLE, quote=True) in snippet
    text = fragment.read_text(encoding="utf-8")
    srcdoc = re.search(r"srcdoc='([^']*)'", text)
    assert srcdoc and htmllib.unescape(srcdoc.group(1)) == (tmp_path / "graph.html").read_text(encoding="utf-8")
    assert 'sandbox="allow-scripts allow-downloads"' in text and "<script" not in text and EVIL_TITLE not in text


def test_cli_has_embed_and_max_nodes() -> None:
    from kg.cli import parser

    args = parser().parse_args(["build", "seeds", "--embed", "--max-nodes", "500"])
    assert args.embed is True and args.max_nodes == 500


def test_readme_states_the_page_and_fragment_sizes(seed_build: Path, tmp_path: Path) -> None:
    """README's sizes of the seeds' graph.html and embed-fragment.html (within 5 %)."""
    from kg.export.embed import write_embed

    page = tmp_path / "graph.html"
    page.write_bytes((seed_build / "graph.html").read_bytes())
    fragment = write_embed(page)[1]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    stated = re.search(r"`graph.html` is (\d+) kB and `embed-fragment.html` (\d+) kB", readme)
    assert stated, "README.md should state both sizes"
    for path, kb in zip((page, fragment), stated.groups()):
        assert abs(path.stat().st_size / 1000 - int(kb)) <= 0.05 * int(kb), (path.name, path.stat().st_size)
    assert fragment.stat().st_size < 1.1 * page.stat().st_size  # the library once, little escaping
