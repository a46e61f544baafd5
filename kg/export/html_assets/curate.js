/* histkg curation on the page: "wrong" / "confirm" on relations, "merge with…" on entities.
   Decisions collect in a list the reader sees; "download curation.toml" saves them as the
   file `kg build --curation` reads (kg/data/curation.toml describes the format). Nothing is
   sent anywhere: the file is made in the page (a Blob) and downloaded.
   Hooked into the panel (panel.js: addRelationAction, addEntityAction); all text goes in
   with textContent. */
(function () {
  "use strict";
  var kg = window.histkg;
  if (!kg || (kg.data.page && kg.data.page.readonly)) return;  /* a read-only page (kg build --readonly) */
  var DATA = kg.data;
  var FORMAT_VERSION = 1;
  var decisions = [];

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function button(text, className, onClick) {
    var b = el("button", "kg-cur-btn " + className, text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  function label(id) {
    return DATA.entities[id] ? DATA.entities[id].label : id;
  }

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
  function tomlString(value) {
    return JSON.stringify(whole(value)).replace(/\u007f/g, "\\u007F");
  }

  function oneLine(text) {
    return whole(text).replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ");
  }

  function key(d) {
    return JSON.stringify([d.kind, d.fields]);
  }

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
    render();
    return true;
  }

  function relationDecision(kind, rel) {
    var summary = label(rel.s) + " — " + kg.panel.relationName(rel.p) + " → " + (rel.kind === "entity" ? label(rel.o) : rel.o);
    return { kind: kind, summary: (kind === "reject" ? "wrong: " : rel.uncertain ? "confirmed (was uncertain): " : "confirmed: ") + summary,
             fields: [["subject", rel.s], ["predicate", rel.p], ["object", rel.o]] };
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

  var box = el("aside");
  box.id = "kg-curation";
  box.setAttribute("aria-label", "Corrections");
  box.hidden = true;
  var heading = el("h2");
  var list = el("ol");
  list.id = "kg-curation-list";
  var who = el("input");
  who.id = "kg-curator";
  who.type = "text";
  who.placeholder = "Your name (curator)";
  who.setAttribute("aria-label", "Your name");
  var message = el("div", "kg-meta");
  var download = button("download curation.toml", "kg-download", save);
  download.id = "kg-download";
  box.append(heading, list, who, download, message);
  document.getElementById("kg-main").appendChild(box);

  function render() {
    box.hidden = decisions.length === 0;
    heading.textContent = decisions.length + " correction" + (decisions.length === 1 ? "" : "s");
    list.replaceChildren.apply(list, decisions.map(function (d, i) {
      var item = el("li", null, d.summary);
      var note = el("input", "kg-cur-note");
      note.type = "text";
      note.placeholder = "note (why)";
      note.value = d.note;
      note.addEventListener("input", function () { d.note = note.value; });
      var remove = button("×", "kg-cur-remove", function () { decisions.splice(i, 1); render(); });
      remove.setAttribute("aria-label", "Remove this correction");
      item.append(" ", remove, note);
      return item;
    }));
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
    message.textContent = "Saved. Rebuild with: kg build INPUT... --curation curation.toml";
  }

  function relationHook(container, rel) {
    var row = el("div", "kg-cur-row");
    if (rel.review) row.appendChild(el("span", "kg-review", rel.review));
    var confirm = rel.uncertain ? "confirm (accept into the graph)" : "confirm";
    [["wrong", "reject", "kg-wrong"], [confirm, "accept", "kg-confirm"]].forEach(function (b) {
      var btn = button(b[0], b[2], function () {
        add(relationDecision(b[1], rel));
        btn.textContent = b[0] + " ✓";
      });
      row.appendChild(btn);
    });
    container.appendChild(row);
  }

  function mergePicker(id, row) {
    var select = el("select", "kg-merge-select");
    select.setAttribute("aria-label", "Entity to merge into " + label(id));
    select.appendChild(el("option", null, "merge into " + label(id) + "…"));
    Object.keys(DATA.entities).filter(function (o) { return o !== id; })
      .sort(function (a, b) { return label(a).localeCompare(label(b)) || (a < b ? -1 : 1); })
      .forEach(function (o) {
        var option = el("option", null, label(o) + " (" + o + ")");
        option.value = o;
        select.appendChild(option);
      });
    select.addEventListener("change", function () {
      if (select.value && DATA.entities[select.value]) add(mergeDecision(id, select.value));
    });
    row.appendChild(select);
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
  kg.panel.addEntityAction(function (id, parts) { entityHook(parts, id); });
  kg.curation = { decisions: decisions, toml: toml };
})();
