/* histkg network view: the evidence panel (an entity's or a relation's quoted evidence).
   Every string from the documents goes in with textContent. Other features add their own
   controls to each relation with addRelationAction(fn): fn(relation, index, container)
   is called for every relation block the panel draws (container is its .kg-actions div);
   addEvidenceAction(fn): fn(relation, index, evidence, container) for every quoted passage;
   addEntityAction(fn): fn(entityId, parts) before an entity's panel opens. */
var HKG = window.HKG || (window.HKG = {});
HKG.el = function (tag, className, text) {
  var node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
};
HKG.panel = function (data, onEntity) {
  "use strict";
  var el = HKG.el, actions = [], entityActions = [], evidenceActions = [];
  var $ = function (id) { return document.getElementById(id); };

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  function relationName(p) { return data.predicates[p] ? data.predicates[p].label : p.replace(/_/g, " "); }

  function label(id) { return data.entities[id] ? data.entities[id].label : id; }

  function entityLink(id) {
    if (!data.entities[id]) return el("span", null, id);
    var link = el("span", "kg-link", label(id));
    link.tabIndex = 0;
    link.addEventListener("click", function () { onEntity(id); });
    link.addEventListener("keydown", function (e) { if (e.key === "Enter") onEntity(id); });
    return link;
  }

  /* The quote alone, or with the sentences around it in its passage ("show in context"). */
  function quoteBlock(ev) {
    var quote = el("blockquote", "kg-quote", ev.quote);
    if (!ev.before && !ev.after) return [quote];
    var toggle = el("span", "kg-link kg-context-toggle", "show in context"), wide = false;
    toggle.tabIndex = 0;
    function flip() {
      wide = !wide;
      quote.replaceChildren();
      if (wide) quote.append(el("span", "kg-context", "…" + ev.before), el("mark", null, ev.quote),
                             el("span", "kg-context", ev.after + "…"));
      else quote.textContent = ev.quote;
      toggle.textContent = wide ? "quote only" : "show in context";
    }
    toggle.addEventListener("click", flip);
    toggle.addEventListener("keydown", function (e) { if (e.key === "Enter") flip(); });
    return [quote, toggle];
  }

  function evidenceBlock(ev, rel, index) {
    var box = el("div", "kg-evidence");
    box.append.apply(box, quoteBlock(ev));
    var doc = data.documents[ev.doc] || { cite: ev.source };
    var where = doc.cite + (ev.place ? ", " + ev.place : "") + " — " + ev.source +
      ", characters " + ev.start + "–" + ev.end;
    box.appendChild(el("div", "kg-source", where));
    if (doc.citation) box.appendChild(el("div", "kg-source", doc.citation));
    var how = "rule " + ev.rule + ", confidence " + ev.confidence +
      (ev.via && ev.via !== "name" ? " (through a " + (ev.via === "voice" ? "writer's I or a letter's you" : "pronoun or title") + ")" : "") +
      (ev.modality !== "asserted" ? ", " + ev.modality : "") + ", " + ev.layer;
    box.appendChild(el("div", "kg-meta", how));
    var bar = el("div", "kg-actions");
    evidenceActions.forEach(function (fn) { fn(rel, index, ev, bar); });
    if (bar.childNodes.length) box.appendChild(bar);
    return box;
  }

  function qualifierText(q) {
    return Object.keys(q || {}).sort().map(function (k) {
      var v = q[k];
      return k + ": " + (typeof v === "string" ? v : JSON.stringify(v));
    }).join("; ");
  }

  function relationBlock(rel, index) {
    var box = el("div", "kg-rel" + (rel.uncertain ? " kg-rel-uncertain" : ""));
    box.setAttribute("data-rel", String(index));
    var head = el("div", "kg-rel-head");
    head.append(entityLink(rel.s), " ", el("span", "kg-rel-name", relationName(rel.p)), " ");
    head.append(rel.kind === "entity" ? entityLink(rel.o) : el("span", null, rel.o));
    if (rel.modality !== "asserted") head.appendChild(el("span", "kg-modality", rel.modality));
    if (rel.uncertain) head.appendChild(el("span", "kg-uncertain-tag", "uncertain"));
    box.appendChild(head);
    if (rel.uncertain) {
      box.appendChild(el("div", "kg-meta", "Uncertain: confidence " + rel.confidence +
        (data.threshold !== null && data.threshold !== undefined ? ", below the build's threshold " + data.threshold : "") +
        ". Not asserted by the graph until a curator confirms it."));
    }
    var quals = qualifierText(rel.qualifiers);
    if (quals) box.appendChild(el("div", "kg-meta", quals));
    box.appendChild(el("div", "kg-meta", plural(rel.evidence.length, "passage states", "passages state") + " it:"));
    rel.evidence.forEach(function (ev) { box.appendChild(evidenceBlock(ev, rel, index)); });
    var bar = el("div", "kg-actions");
    actions.forEach(function (fn) { fn(rel, index, bar); });
    if (bar.childNodes.length) box.appendChild(bar);
    return box;
  }

  function open(children) {
    var body = $("kg-panel-body");
    body.replaceChildren.apply(body, children);
    $("kg-panel").hidden = false;
    $("kg-panel").scrollTop = 0;
  }

  function showNode(id) {
    var entity = data.entities[id];
    if (!entity) return;
    var parts = [el("h2", null, entity.label)];
    var type = data.types[entity.type] ? data.types[entity.type].label : entity.type;
    parts.push(el("div", "kg-meta", type + (entity.wikidata ? " · Wikidata " + entity.wikidata : "")));
    if (entity.aliases.length) parts.push(el("div", "kg-meta", "Also: " + entity.aliases.join(", ")));
    var related = [];
    data.relations.forEach(function (r, i) { if (r.s === id || r.o === id) related.push(i); });
    var lines = related.filter(function (i) { return data.relations[i].kind === "entity"; }).length;
    parts.push(el("h3", null, plural(related.length, "relation", "relations")));
    parts.push(el("div", "kg-meta", plural(lines, "with another entity (a line in the network)",
      "with other entities (lines in the network)") + ", " +
      plural(related.length - lines, "with a date or a text", "with dates or texts")));
    related.forEach(function (i) { parts.push(relationBlock(data.relations[i], i)); });
    entityActions.forEach(function (fn) { fn(id, parts); });
    open(parts);
  }

  function showRelation(index) {
    var rel = data.relations[index];
    if (!rel) return;
    open([el("h2", null, label(rel.s) + " " + relationName(rel.p) + " " +
                         (rel.kind === "entity" ? label(rel.o) : rel.o)),
          relationBlock(rel, index)]);
  }

  $("kg-close").addEventListener("click", function () { $("kg-panel").hidden = true; });

  return {
    showNode: showNode,
    showRelation: showRelation,
    close: function () { $("kg-panel").hidden = true; },
    relationName: relationName,
    /* Register fn(relation, index, container) to add controls to every relation block. */
    addRelationAction: function (fn) { actions.push(fn); },
    /* Register fn(relation, index, evidence, container) to add controls to every quoted passage. */
    addEvidenceAction: function (fn) { evidenceActions.push(fn); },
    /* Register fn(entityId, parts) to add controls to an entity's panel (parts: its elements). */
    addEntityAction: function (fn) { entityActions.push(fn); }
  };
};
