/* histkg curation on the page: "wrong" / "confirm" on relations, "wrong here" on one passage,
   "merge with…" (a searchable picker) on entities. Decisions collect in a list the reader
   sees, kept in this browser (localStorage, keyed by the build) until they are downloaded;
   leaving with decisions not downloaded asks first. "download curation.toml" saves them as the
   file `kg build --curation` reads (kg/data/curation.toml describes the format); where the
   page cannot download or keep them (a sandboxed frame), it says so and shows the file's text
   to copy. Nothing is sent anywhere. Hooked into the panel (panel.js: addRelationAction,
   addEvidenceAction, addEntityAction); all text goes in with textContent. */
(function () {
  "use strict";
  var kg = window.histkg;
  if (!kg || (kg.data.page && kg.data.page.readonly)) return;  /* a read-only page (kg build --readonly) */
  var DATA = kg.data, el = HKG.el;
  var FORMAT_VERSION = 1;
  var PICKS = 12;  /* matches shown by the merge picker */
  var STORE_KEY = "histkg-curation:" + (DATA.build || "page");
  var decisions = [], dirty = false;
  var sandboxed = window.origin === "null" && window.parent !== window;
  var store = (function () {
    try { var s = window.localStorage; s.getItem(STORE_KEY); return s; } catch (err) { return null; }
  })();

  function button(text, className, onClick) {
    var b = el("button", "kg-cur-btn " + className, text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  function label(id) { return DATA.entities[id] ? DATA.entities[id].label : id; }

  function today() {
    var d = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  /* A lone surrogate (half of a character, which neither UTF-8 nor TOML can hold) as U+FFFD. */
  function whole(text) {
    return String(text).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
  }

  /* A TOML basic string: JSON escapes are TOML escapes; DEL must be escaped too. */
  function tomlString(value) { return JSON.stringify(whole(value)).replace(/\u007f/g, "\\u007F"); }

  function oneLine(text) { return whole(text).replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " "); }

  function key(d) { return JSON.stringify([d.kind, d.fields]); }

  var VERDICTS = { reject: true, accept: true };

  function add(d) {
    if (decisions.some(function (x) { return key(x) === key(d); })) return false;
    var fields = JSON.stringify(d.fields);
    for (var i = decisions.length - 1; i >= 0; i--) {  /* "wrong" replaces "confirm", and back */
      var x = decisions[i];
      if (VERDICTS[d.kind] && VERDICTS[x.kind] && JSON.stringify(x.fields) === fields) decisions.splice(i, 1);
    }
    d.note = "";
    decisions.push(d);
    changed();
    return true;
  }

  function relationText(rel) {
    return label(rel.s) + " — " + kg.panel.relationName(rel.p) + " → " + (rel.kind === "entity" ? label(rel.o) : rel.o);
  }

  function relationDecision(kind, rel) {
    return { kind: kind, summary: (kind === "reject" ? "wrong: " : rel.uncertain ? "confirmed (was uncertain): " : "confirmed: ") +
             relationText(rel), fields: [["subject", rel.s], ["predicate", rel.p], ["object", rel.o]] };
  }

  /* Reject one passage: the relation stays where other passages state it. */
  function passageDecision(rel, ev) {
    return { kind: "reject", summary: "wrong in " + ev.source + " (“" + oneLine(ev.quote).slice(0, 60) + "”): " + relationText(rel),
             fields: [["subject", rel.s], ["predicate", rel.p], ["object", rel.o], ["document", ev.source], ["quote", ev.quote]] };
  }

  function mergeDecision(keep, other) {
    return { kind: "merge", summary: "merge " + label(other) + " into " + label(keep),
             fields: [["keep", keep], ["entities", [other]]] };
  }

  function tomlValue(value) {
    return Array.isArray(value) ? "[" + value.map(tomlString).join(", ") + "]" : tomlString(value);
  }

  /* The curation file: exactly the format `kg build --curation` reads. */
  function toml(by, date) {
    var lines = ["# histkg curation file, written by graph.html.",
                 "# Apply it with: kg build INPUT... --curation curation.toml",
                 "version = " + FORMAT_VERSION];
    decisions.forEach(function (d) {
      lines.push("", "# " + oneLine(d.summary), "[[" + d.kind + "]]");
      d.fields.forEach(function (f) { lines.push(f[0] + " = " + tomlValue(f[1])); });
      lines.push("by = " + tomlString(by), "date = " + date);
      if (d.note.trim()) lines.push("note = " + tomlString(d.note.trim()));
    });
    return lines.join("\n") + "\n";
  }

  var box = el("aside"), heading = el("h2"), list = el("ol"), who = el("input");
  var message = el("div", "kg-meta"), copy = el("textarea");
  box.id = "kg-curation";
  box.setAttribute("aria-label", "Corrections");
  box.hidden = true;
  list.id = "kg-curation-list";
  who.id = "kg-curator";
  who.type = "text";
  who.placeholder = "Your name (curator)";
  who.setAttribute("aria-label", "Your name");
  copy.id = "kg-curation-text";
  copy.readOnly = true;
  copy.hidden = true;
  copy.setAttribute("aria-label", "curation.toml to copy");
  var download = button("download curation.toml", "kg-download", save);
  download.id = "kg-download";
  var show = button("show the file to copy", "kg-show-toml", function () { showText(); });
  message.id = "kg-curation-message";
  box.append(heading, list, who, download, show, message, copy);
  document.getElementById("kg-graph").appendChild(box);
  who.addEventListener("input", function () { keep(); if (!copy.hidden) showText(); });

  /* Keep the decisions in this browser (nothing when the page may not: a sandboxed frame). */
  function keep() {
    if (!store) return;
    try {
      store.setItem(STORE_KEY, JSON.stringify({ decisions: decisions, by: who.value, dirty: dirty }));
    } catch (err) { /* full or forbidden: the list on the page is still there */ }
  }

  function restore() {
    var saved = null;
    try { saved = store ? JSON.parse(store.getItem(STORE_KEY) || "null") : null; } catch (err) { saved = null; }
    if (!saved || !Array.isArray(saved.decisions)) return;
    saved.decisions.forEach(function (d) {
      if (d && d.kind && Array.isArray(d.fields)) decisions.push({ kind: d.kind, summary: String(d.summary || ""),
                                                                   fields: d.fields, note: String(d.note || "") });
    });
    who.value = String(saved.by || "");
    dirty = !!saved.dirty && decisions.length > 0;
    render();
    if (decisions.length) message.textContent = decisions.length + " correction" + (decisions.length === 1 ? "" : "s") +
      " kept in this browser from an earlier visit" + (dirty ? " (not downloaded yet)." : ".");
  }

  function changed() {
    dirty = decisions.length > 0;
    render();
    keep();
    if (!copy.hidden) showText();
  }

  function render() {
    box.hidden = decisions.length === 0;
    heading.textContent = decisions.length + " correction" + (decisions.length === 1 ? "" : "s") +
      (store ? "" : " — not kept after you leave this page: download or copy them");
    list.replaceChildren.apply(list, decisions.map(function (d, i) {
      var item = el("li", null, d.summary);
      var note = el("input", "kg-cur-note");
      note.type = "text";
      note.placeholder = "note (why)";
      note.value = d.note;
      note.addEventListener("input", function () { d.note = note.value; dirty = true; keep(); });
      var remove = button("×", "kg-cur-remove", function () { decisions.splice(i, 1); changed(); });
      remove.setAttribute("aria-label", "Remove this correction");
      item.append(" ", remove, note);
      return item;
    }));
    kg.network.redraw();  /* the labels keep off the box */
  }

  function showText() {
    copy.value = toml(who.value.trim() || "YOUR NAME", today());
    copy.hidden = false;
    copy.rows = Math.min(12, copy.value.split("\n").length);
  }

  function save() {
    var by = who.value.trim();
    if (!by) {
      message.textContent = "Enter your name first: each decision records who made it.";
      who.focus();
      return;
    }
    var blob = new Blob([toml(by, today())], { type: "application/toml" });
    var url = URL.createObjectURL(blob);
    var link = el("a");
    link.href = url;
    link.download = "curation.toml";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    dirty = false;
    keep();
    if (sandboxed) {
      showText();
      message.textContent = "This page is inside a sandboxed frame: the browser may not download the file. " +
        "If no curation.toml arrived, copy the text below into a file of that name. Rebuild with: kg build INPUT... --curation curation.toml";
    } else {
      message.textContent = "Downloading curation.toml. Rebuild with: kg build INPUT... --curation curation.toml";
    }
  }

  window.addEventListener("beforeunload", function (e) {
    if (!dirty) return undefined;
    e.preventDefault();
    e.returnValue = "";
    return "";
  });

  function relationHook(container, rel) {
    var row = el("div", "kg-cur-row");
    if (rel.review) row.appendChild(el("span", "kg-review", rel.review));
    var confirm = rel.uncertain ? "confirm (accept into the graph)" : "confirm";
    [["wrong", "reject", "kg-wrong", "Wrong in every passage"], [confirm, "accept", "kg-confirm", ""]].forEach(function (b) {
      var btn = button(b[0], b[2], function () {
        add(relationDecision(b[1], rel));
        btn.textContent = b[0] + " ✓";
      });
      if (b[3]) btn.title = b[3];
      row.appendChild(btn);
    });
    container.appendChild(row);
  }

  function evidenceHook(container, rel, ev) {
    if (rel.evidence.length < 2) return;  /* one passage: "wrong" says it */
    var btn = button("wrong here", "kg-wrong-here", function () {
      add(passageDecision(rel, ev));
      btn.textContent = "wrong here ✓";
    });
    btn.title = "This passage does not state it (the others still may)";
    container.appendChild(btn);
  }

  function names(id) { return [label(id)].concat(DATA.entities[id].aliases || []).join(" ").toLowerCase(); }

  /* A search box and the first matches (label or alias) as buttons; a click merges. */
  function mergePicker(id, row) {
    var input = el("input", "kg-merge-search"), picks = el("div", "kg-merge-picks");
    input.type = "search";
    input.placeholder = "name to merge into " + label(id) + "…";
    input.setAttribute("aria-label", "Entity to merge into " + label(id));
    function fill() {
      var q = input.value.trim().toLowerCase();
      var hits = q ? Object.keys(DATA.entities).filter(function (o) { return o !== id && names(o).indexOf(q) !== -1; }) : [];
      hits.sort(function (a, b) { return label(a).localeCompare(label(b)) || (a < b ? -1 : 1); });
      picks.replaceChildren.apply(picks, hits.slice(0, PICKS).map(function (o) {
        var pick = button(label(o) + " (" + o + ")", "kg-merge-pick", function () {
          if (add(mergeDecision(id, o))) pick.textContent += " ✓";
        });
        pick.setAttribute("data-entity", o);
        return pick;
      }).concat(hits.length > PICKS ? [el("span", "kg-meta", (hits.length - PICKS) + " more: type more of the name")] : []));
    }
    input.addEventListener("input", fill);
    input.addEventListener("keydown", function (e) {
      var first = picks.querySelector(".kg-merge-pick");
      if (e.key === "Enter" && first) first.click();
    });
    row.append(input, picks);
    input.focus();
  }

  function entityHook(parts, id) {
    var row = el("div", "kg-cur-row");
    var btn = button("merge with…", "kg-merge", function () {
      btn.disabled = true;
      mergePicker(id, row);
    });
    row.appendChild(btn);
    parts.splice(2, 0, row);
  }

  kg.panel.addRelationAction(function (rel, index, bar) { relationHook(bar, rel); });
  kg.panel.addEvidenceAction(function (rel, index, ev, bar) { evidenceHook(bar, rel, ev); });
  kg.panel.addEntityAction(function (id, parts) { entityHook(parts, id); });
  restore();
  kg.curation = { decisions: decisions, toml: toml, stored: !!store, sandboxed: sandboxed,
                  dirty: function () { return dirty; } };
})();
