/* histkg network view. All text from documents is inserted with textContent, never as HTML. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var $ = function (id) { return document.getElementById(id); };
  var hiddenTypes = {};
  var filters = { predicate: "", modality: "" };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  /* Extension point (curate.js): window.histkgHooks.relation(box, rel) / .entity(parts, id). */
  function hook(name, args) {
    var hooks = window.histkgHooks;
    if (hooks && hooks[name]) hooks[name].apply(null, args);
  }

  function label(id) {
    var entity = DATA.entities[id];
    return entity ? entity.label : id;
  }

  var nodes = new vis.DataSet(DATA.nodes);
  var edges = new vis.DataSet(DATA.edges);
  var nodeView = new vis.DataView(nodes, {
    filter: function (n) { return !hiddenTypes[n.type]; }
  });
  var edgeView = new vis.DataView(edges, {
    filter: function (e) {
      return (!filters.predicate || e.predicate === filters.predicate) &&
             (!filters.modality || e.modality === filters.modality);
    }
  });
  var network = new vis.Network($("kg-network"), { nodes: nodeView, edges: edgeView }, DATA.options);
  function markStable() {
    network.once("afterDrawing", function () {
      document.documentElement.setAttribute("data-kg-stable", "true");
    });
    network.redraw();
  }
  if (DATA.options.physics && DATA.options.physics.enabled && DATA.nodes.length) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      markStable();
    });
  } else {
    markStable();
  }

  function status() {
    $("kg-status").textContent = nodeView.length + " of " + nodes.length + " entities, " +
      edgeView.length + " of " + edges.length + " relations" +
      (DATA.total > nodes.length ? " (the most connected of " + DATA.total + ")" : "");
  }

  function buildLegend() {
    var legend = $("kg-legend");
    var counts = {};
    DATA.nodes.forEach(function (n) { counts[n.type] = (counts[n.type] || 0) + 1; });
    Object.keys(DATA.types).forEach(function (type) {
      var row = el("label");
      var box = el("input");
      box.type = "checkbox";
      box.checked = true;
      box.addEventListener("change", function () {
        hiddenTypes[type] = !box.checked;
        nodeView.refresh();
        status();
      });
      var swatch = el("span", "kg-swatch");
      swatch.style.background = DATA.types[type].color;
      row.append(box, swatch, el("span", null, DATA.types[type].label + " (" + (counts[type] || 0) + ")"));
      legend.appendChild(row);
    });
  }

  function fillSelect(select, values, key) {
    values.forEach(function (value) {
      var option = el("option", null, value);
      option.value = value;
      select.appendChild(option);
    });
    select.addEventListener("change", function () {
      filters[key] = select.value;
      edgeView.refresh();
      status();
    });
  }

  function buildFilters() {
    var predicates = {};
    DATA.edges.forEach(function (e) { predicates[e.predicate] = true; });
    fillSelect($("kg-predicate"), Object.keys(predicates).sort(), "predicate");
    fillSelect($("kg-modality"), DATA.modalities, "modality");
  }

  function entityLink(id) {
    if (!DATA.entities[id]) return el("span", null, id);
    var link = el("span", "kg-link", label(id));
    link.tabIndex = 0;
    link.addEventListener("click", function () { focusNode(id); });
    return link;
  }

  function evidenceBlock(ev) {
    var box = el("div");
    box.appendChild(el("blockquote", "kg-quote", ev.quote));
    var doc = DATA.documents[ev.doc] || { title: ev.source, source: ev.source };
    var where = doc.title + " — " + ev.source + ", characters " + ev.start + "–" + ev.end;
    box.appendChild(el("div", "kg-source", where));
    if (doc.citation) box.appendChild(el("div", "kg-source", doc.citation));
    var how = "rule " + ev.rule + ", confidence " + ev.confidence +
      (ev.modality !== "asserted" ? ", " + ev.modality : "") + ", " + ev.layer;
    box.appendChild(el("div", "kg-meta", how));
    return box;
  }

  function relationBlock(rel) {
    var box = el("div", "kg-rel");
    var head = el("div", "kg-rel-head");
    head.append(entityLink(rel.s), " — " + rel.p + " → ");
    head.append(rel.kind === "entity" ? entityLink(rel.o) : el("span", null, rel.o));
    if (rel.modality !== "asserted") head.appendChild(el("span", "kg-modality", rel.modality));
    box.appendChild(head);
    var keys = Object.keys(rel.qualifiers || {}).sort();
    if (keys.length) {
      box.appendChild(el("div", "kg-meta", keys.map(function (k) {
        var v = rel.qualifiers[k];
        return k + ": " + (typeof v === "string" ? v : JSON.stringify(v));
      }).join("; ")));
    }
    rel.evidence.forEach(function (ev) { box.appendChild(evidenceBlock(ev)); });
    hook("relation", [box, rel]);
    return box;
  }

  function openPanel(children) {
    var body = $("kg-panel-body");
    body.replaceChildren.apply(body, children);
    $("kg-panel").hidden = false;
    $("kg-panel").scrollTop = 0;
  }

  function showNode(id) {
    var entity = DATA.entities[id];
    if (!entity) return;
    var parts = [el("h2", null, entity.label)];
    var type = DATA.types[entity.type] ? DATA.types[entity.type].label : entity.type;
    var meta = type + (entity.wikidata ? " · Wikidata " + entity.wikidata : "");
    parts.push(el("div", "kg-meta", meta));
    if (entity.aliases.length) parts.push(el("div", "kg-meta", "Also: " + entity.aliases.join(", ")));
    var related = DATA.relations.filter(function (r) { return r.s === id || r.o === id; });
    parts.push(el("h3", null, related.length + " relation" + (related.length === 1 ? "" : "s")));
    related.forEach(function (r) { parts.push(relationBlock(r)); });
    hook("entity", [parts, id]);
    openPanel(parts);
  }

  function showEdge(edgeId) {
    var edge = edges.get(edgeId);
    if (edge) openPanel([el("h2", null, edge.predicate), relationBlock(DATA.relations[edge.rel])]);
  }

  function focusNode(id) {
    if (hiddenTypes[(nodes.get(id) || {}).type]) return;
    network.selectNodes([id]);
    network.focus(id, { scale: 1.2, animation: { duration: 400 } });
    showNode(id);
  }

  function search(query, jump) {
    var q = query.trim().toLowerCase();
    if (!q) { network.unselectAll(); return; }
    var hits = nodeView.getIds({
      filter: function (n) { return n.label.toLowerCase().indexOf(q) !== -1; }
    });
    network.selectNodes(hits);
    $("kg-status").textContent = hits.length + " match" + (hits.length === 1 ? "" : "es");
    if (hits.length && (jump || hits.length === 1)) focusNode(hits[0]);
  }

  function buildSearch() {
    var list = $("kg-names");
    DATA.nodes.slice(0, 5000).forEach(function (n) {
      var option = el("option");
      option.value = n.label;
      list.appendChild(option);
    });
    var box = $("kg-search");
    box.addEventListener("input", function () { search(box.value, false); });
    box.addEventListener("keydown", function (e) { if (e.key === "Enter") search(box.value, true); });
  }

  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
    else $("kg-panel").hidden = true;
  });
  $("kg-close").addEventListener("click", function () { $("kg-panel").hidden = true; });

  buildLegend();
  buildFilters();
  buildSearch();
  status();
  window.histkg = { network: network, nodes: nodes, edges: edges, data: DATA, showNode: showNode };
  document.documentElement.setAttribute("data-kg-ready", "true");
})();
