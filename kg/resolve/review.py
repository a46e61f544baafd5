"""What the resolver was least sure of, each with a curation decision ready to paste.

Four lists (``report.json``'s ``"review"``, and ``kg review OUT``):

- **weak merges**: names joined by a surname, a first name, a plural or a surname's link to
  a gazetteer person with only context words — the decision undoes it (``[[split]]``);
- **mixed types**: names whose mentions the model typed differently in a document, and the
  type the strongest cues gave them — the decision is the other type (``[[retype]]``, or a
  ``[[split]]`` of the outvoted names with that type);
- **likely splits**: a short name left between two fuller names, or written before its
  fuller name; one surname left apart in several files — the decision joins them
  (``[[merge]]``);
- **unlinked**: surnames of gazetteer persons left unlinked for want of evidence
  (``[[merge]]`` when the person is in the graph).

Each decision is the alternative to what the resolver did: keep those you agree with
(``kg build --curation``). Nothing here changes the graph.

>>> toml_block({"kind": "merge", "keep": "Alexander_Avdeiev", "entities": ["Avdeieff"]}, "A. Historian", "2026-12-02")
'[[merge]]\\nkeep = "Alexander_Avdeiev"\\nentities = ["Avdeieff"]\\nby = "A. Historian"\\ndate = 2026-12-02\\n'
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from kg.errors import OutputError
from kg.model import Entity, Mention
from kg.resolve.agree import clusters_conflict
from kg.resolve.clusters import Clusters

#: merge reasons a curator should check, least sure first
WEAK = ("gazetteer link by surname: context", "gazetteer link by surname: title", "short name", "plural",
        "gazetteer link by surname")
LIMIT = 300
LOCAL_PERSON = "local:"


def review(c: Clusters, ids: dict[str, str], entities: dict[str, Entity],
           votes: list[dict[str, Any]], unlinked: list[dict[str, Any]], mentions: list[Mention]) -> dict[str, Any]:
    """The review section of a build: weak merges, mixed types, likely splits, unlinked names."""
    def entity(key: str) -> str | None:
        return ids.get(c.final(key))

    return {"weak_merges": _weak(c, entity, entities)[:LIMIT],
            "mixed_types": _mixed(votes, entities, mentions)[:LIMIT],
            "likely_splits": (_doubts(c, entity, entities) + _same_key(c, ids, entities))[:LIMIT],
            "unlinked": _unlinked(unlinked, entities, mentions)[:LIMIT]}


def _strength(why: str) -> int:
    return next((i for i, w in enumerate(WEAK) if why.startswith(w)), len(WEAK))


def _weak(c: Clusters, entity, entities: dict[str, Entity]) -> list[dict[str, Any]]:
    items: dict[tuple[str, tuple[str, ...]], dict[str, Any]] = {}
    for event in c.log:
        ident = entity(event["target"])
        if _strength(event["why"]) == len(WEAK) or ident is None:
            continue
        e = entities[ident]
        names = [n for n in event["names"] if n != e.label]
        if not names or set(names) >= {e.label, *e.aliases}:
            continue  # the whole entity: nothing to split off
        items.setdefault((ident, tuple(names)), {"entity": ident, "label": e.label, "names": names, "why": event["why"],
                                                 "decision": {"kind": "split", "entity": ident, "names": names}})
    return sorted(items.values(), key=lambda i: (_strength(i["why"]), i["entity"], i["names"]))


def _mixed(votes: list[dict[str, Any]], entities: dict[str, Entity], mentions: list[Mention]) -> list[dict[str, Any]]:
    wanted = {(v["doc"], n) for v in votes for n in v["names"]}
    by_name: dict[tuple[str, str], set[str]] = defaultdict(set)
    for m in mentions:
        if m.entity and (m.source, m.name or m.text) in wanted:
            by_name[(m.source, m.name or m.text)].add(m.entity)
    items = []
    for v in votes:
        ids = sorted({i for n in v["names"] for i in by_name.get((v["doc"], n), ())})
        if not ids:
            continue
        if v["type"] is None:
            why = f"two types with strong cues in {v['doc']}: kept apart"
            decision = None
        else:
            other = sorted(set(v["votes"]) - {v["type"]})[0]
            why = f"{v['moved']} mention(s) typed {other} by the model, {v['type']} by the strongest cues, in {v['doc']}"
            e = entities[ids[0]]
            if set(v["moved_names"]) >= {e.label, *e.aliases}:
                decision = {"kind": "retype", "entity": ids[0], "type": other}
            else:  # only the outvoted names go back to the model's type
                decision = {"kind": "split", "entity": ids[0], "names": v["moved_names"], "type": other}
        items.append({"entities": ids, "label": entities[ids[0]].label, "type": v["type"], "votes": v["votes"],
                      "why": why, "decision": decision})
    return items


def _doubts(c: Clusters, entity, entities: dict[str, Entity]) -> list[dict[str, Any]]:
    items = []
    for d in c.doubts:
        short, candidates = entity(d["key"]), sorted({entity(k) for k in d["candidates"]} - {None})
        candidates = [k for k in candidates if k != short]
        if short is None or not candidates:
            continue
        keep = max(candidates, key=lambda k: (entities[k].mention_count, k))
        items.append({"entities": [short, *candidates], "label": entities[short].label, "why": d["why"],
                      "decision": {"kind": "merge", "keep": keep, "entities": [short]}})
    return items


def _same_key(c: Clusters, ids: dict[str, str], entities: dict[str, Entity]) -> list[dict[str, Any]]:
    """One surname (or name without a first name) left apart in several files."""
    groups: dict[str, set[str]] = defaultdict(set)
    for key, ident in ids.items():
        if key.startswith(LOCAL_PERSON) and ":PERSON:" in key and ident in entities:
            parts = key.split(":PERSON:", 1)[1].split("|")
            if len(parts) > 6 and parts[6]:  # it has a surname
                groups["|".join(parts)].add(ident)
    items = []
    for members in (sorted(m) for _, m in sorted(groups.items()) if len(m) > 1):
        keep = max(members, key=lambda k: (entities[k].mention_count, k))
        others = [m for m in members if m != keep and not clusters_conflict(_names(entities[m]), _names(entities[keep]))]
        if others:
            items.append({"entities": [keep, *others], "label": entities[keep].label,
                          "why": f"the same name in {len(others) + 1} files, not joined across files",
                          "decision": {"kind": "merge", "keep": keep, "entities": others}})
    return items


def _names(e: Entity) -> list[str]:
    return [e.label, *e.aliases]


def _unlinked(unlinked: list[dict[str, Any]], entities: dict[str, Entity], mentions: list[Mention]) -> list[dict[str, Any]]:
    wanted = {(u["doc"], n) for u in unlinked for n in u["names"]}
    where = {(m.source, m.name): m.entity for m in mentions if m.entity and (m.source, m.name) in wanted}
    items = []
    for u in unlinked:
        ident = next((where[(u["doc"], n)] for n in u["names"] if (u["doc"], n) in where), None)
        decision = ({"kind": "merge", "keep": u["entry"], "entities": [ident]}
                    if ident and u["entry"] in entities and ident != u["entry"] else None)
        items.append({**u, "entity": ident, "label": ", ".join(u["names"]),
                      "why": f"not linked to the gazetteer's {u['entry']}: {u['why_not']}", "decision": decision})
    return items


def toml_block(decision: dict[str, Any], by: str, date: str, note: str = "") -> str:
    """A decision as a ``curation.toml`` table."""
    lines = [f"[[{decision['kind']}]]"]
    for name, value in decision.items():
        if name != "kind":
            lines.append(f"{name} = {json.dumps(value, ensure_ascii=False)}")
    lines += [f"by = {json.dumps(by, ensure_ascii=False)}", f"date = {date}"]
    if note:
        lines.append(f"note = {json.dumps(note, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


SECTIONS = (("weak_merges", "Merges the resolver was least sure of: split them off if they are someone else"),
            ("mixed_types", "Names typed differently in one document: the type the strongest cues gave, and the other"),
            ("likely_splits", "Names left apart that may be one person: merge them if they are"),
            ("unlinked", "Surnames not linked to the gazetteer's person for want of evidence"))


def review_toml(section: dict[str, Any], by: str, date: str) -> str:
    """The whole review as a curation file of proposals, each with its reason as a comment."""
    out = [f"# Review of a histkg build: proposals, not decisions. Keep the tables you agree with,\n"
           f"# delete the others, and pass the file to kg build --curation.\nversion = 1\n"]
    for name, title in SECTIONS:
        items = section.get(name, [])
        out.append(f"\n# ---- {title} ({len(items)})\n")
        for item in items:
            label = item.get("label") or ", ".join(item.get("names", []))
            out.append(f"\n# {label}: {item['why']}\n")
            if item.get("decision"):
                out.append(toml_block(item["decision"], by, date, item["why"]))
    return "".join(out)


def read_review(out_dir: str | Path) -> tuple[dict[str, Any], str]:
    """The review section and the build date of a build folder's ``report.json``."""
    path = Path(out_dir) / "report.json"
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise OutputError(str(path), "not found; run `kg build ... --out DIR` first") from None
    except (OSError, ValueError) as err:
        raise OutputError(str(path), f"cannot read: {err}") from None
    if "review" not in report:
        raise OutputError(str(path), "has no review section; build again with this histkg")
    return report["review"], str(report.get("date") or "1970-01-01")[:10]


def write_review(out_dir: str | Path, by: str, dest: str | Path | None = None) -> str:
    """``kg review``: the review of a build as a curation file of proposals (written to
    ``dest`` when given); returns the text. The build is not changed."""
    section, date = read_review(out_dir)
    text = review_toml(section, by, date)
    if dest is not None:
        Path(dest).write_text(text, encoding="utf-8")
    return text
