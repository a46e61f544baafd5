/* histkg network view: data, filters, search, counts; wires labels, timeline and panel.
   All text from documents is inserted with textContent (or fillText), never as HTML. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var $ = function (id) { return document.getElementById(id); };
  var el = HKG.el;
  var GREY = "#d4d4d4";
  /* A phone or tablet: no hover, so no tooltips (a tap would leave one behind); the panel says it all. */
  var TOUCH = !!(window.matchMedia && window.matchMedia("(hover: none)").matches);
  var UNCERTAIN = { color: "#8f8f8f", dashes: [2, 4] };  /* below the build's --min-confidence */
  var hiddenTypes = {}, filters = { predicate: "", modality: "", uncertain: true };
  var showUnconnected = false, placedUnconnected = false, forced = [];
  var visibleEdges = {}, linkedNodes = {}, greyIds = {}, byId = {};
  /* A big build opens on DATA.first (the most connected of each source); the reader adds
     entities by search or by a neighbour's name, or shows them all. */
  var inFirst = {}, added = {}, showAll = !(DATA.first || []).length;
  DATA.nodes.forEach(function (n) { byId[n.id] = n; });
  (DATA.first || []).forEach(function (id) { inFirst[id] = true; });
  var sources = HKG.sources(DATA, refresh);

  function typeColor(type) { return (DATA.types[type] || { color: "#9c9c9c" }).color; }
  function relationName(p) { return DATA.predicates[p] ? DATA.predicates[p].label : p; }
  function groupColor(p) {
    var g = DATA.predicates[p] ? DATA.groups[DATA.predicates[p].group] : null;
    return g ? g.color : "#999";
  }

  function visNode(n, grey) {
    var ring = sources.outline(n);
    var item = {
      id: n.id, name: n.name, type: n.type, deg: n.deg, life: n.life,
      size: n.deg ? Math.min(8 + 4.5 * Math.sqrt(n.deg), 42) : 6, borderWidth: ring ? ring.width : 1,
      color: { background: grey ? GREY : typeColor(n.type), border: grey ? "#bbb" : ring ? ring.color : "#fff",
               highlight: { background: typeColor(n.type), border: "#222" },
               hover: { background: typeColor(n.type), border: "#444" } },
      title: TOUCH ? undefined : n.name + " (" + (DATA.types[n.type] || { label: n.type }).label + ")\n" +
             n.deg + " relation" + (n.deg === 1 ? "" : "s") + " with other entities"
    };
    if (n.x !== undefined) { item.x = n.x; item.y = n.y; }
    return item;
  }

  function uncertainText() {
    return "uncertain" + (DATA.threshold !== null && DATA.threshold !== undefined ?
      ": confidence below " + DATA.threshold : "");
  }

  function visEdge(e) {
    var dashed = e.m !== "asserted" && e.m !== "reported";
    var rel = DATA.relations[e.rel];
    var note = (e.m !== "asserted" ? " (" + e.m + ")" : "") +
      (e.u ? " (uncertain, confidence " + rel.confidence + ")" : "");
    return {
      id: e.id, rel: e.rel, from: e.from, to: e.to, predicate: e.p, modality: e.m, t: e.t,
      uncertain: !!e.u, label: relationName(e.p), font: { size: 0 },
      dashes: e.u ? UNCERTAIN.dashes : dashed, width: e.u ? 1.2 : 1.6,
      color: { color: e.u ? UNCERTAIN.color : groupColor(e.p), highlight: "#222", hover: "#222",
               opacity: e.u ? 0.9 : 0.75 },
      title: TOUCH ? undefined : DATA.entities[e.from].label + " — " + relationName(e.p) + " → " +
             DATA.entities[e.to].label + note
    };
  }

  var nodes = new vis.DataSet(DATA.nodes.map(function (n) { return visNode(n, false); }));
  var edges = new vis.DataSet(DATA.edges.map(visEdge));
  var unconnected = DATA.nodes.filter(function (n) { return !n.deg; });
  var timeline = HKG.timeline(DATA.edges, refresh);

  function edgePasses(e) {
    return (!filters.predicate || e.p === filters.predicate) &&
           (!filters.modality || e.m === filters.modality) && (filters.uncertain || !e.u) &&
           !hiddenTypes[byId[e.from].type] && !hiddenTypes[byId[e.to].type] && timeline.edgeVisible(e) &&
           sources.edgeVisible(e) && inView(e.from) && inView(e.to);
  }

  /* Is an entity in the view (the first view, one the reader added, or all shown)? */
  function inView(id) { return showAll || inFirst[id] || added[id]; }

  /* Add entities (and their neighbours) to the first view. */
  function addToView(ids, neighbours) {
    ids.forEach(function (id) {
      added[id] = true;
      if (neighbours) DATA.edges.forEach(function (e) {
        if (e.from === id) added[e.to] = true;
        if (e.to === id) added[e.from] = true;
      });
    });
    refresh();
  }

  function computeVisible() {
    visibleEdges = {};
    linkedNodes = {};
    DATA.edges.forEach(function (e) {
      if (!edgePasses(e)) return;
      visibleEdges[e.id] = true;
      linkedNodes[e.from] = linkedNodes[e.to] = true;
    });
  }
  computeVisible();

  var nodeView = new vis.DataView(nodes, {
    filter: function (n) {
      return !hiddenTypes[n.type] && (linkedNodes[n.id] || (showUnconnected && !n.deg));
    }
  });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return !!visibleEdges[e.id]; } });
  var network = new vis.Network($("kg-network"), { nodes: nodeView, edges: edgeView }, DATA.options);
  var labels = HKG.labels(network, {
    nodes: DATA.nodes,
    name: function (id) { return byId[id].name; },
    isGrey: function (id) { return !!greyIds[id]; },
    forced: function () {
      return forced.concat(network.getSelectedNodes()).filter(function (id, i, all) { return all.indexOf(id) === i; });
    },
    edgeLabel: function (id) { var e = edges.get(id); return e ? e.label : ""; },
    obstacles: function () {  /* boxes over the canvas: the legend, the corrections */
      var c = $("kg-network").getBoundingClientRect();
      return ["kg-legend", "kg-curation"].filter(function (id) { return $(id) && !$(id).hidden; }).map(function (id) {
        var r = $(id).getBoundingClientRect();
        return { id: id, kind: "legend", x: r.left - c.left, y: r.top - c.top, w: r.width, h: r.height };
      });
    }
  });
  var panel = HKG.panel(DATA, focusNode);

  function markStable() {
    network.once("afterDrawing", function () {
      document.documentElement.setAttribute("data-kg-stable", "true");
    });
    network.redraw();
  }
  /* The first view is laid out with every linked entity (so one added later comes back
     where it belongs), then narrowed to its own. */
  function openFirstView() {
    if (!(DATA.first || []).length) return;
    showAll = false;
    refresh();
    network.fit();
  }
  if (DATA.options.physics && DATA.options.physics.enabled && nodeView.length) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      openFirstView();
      network.fit();
      markStable();
    });
  } else {
    openFirstView();
    markStable();
  }

  /* Entities without relations go in rows under the network when first shown. */
  function placeUnconnected() {
    if (placedUnconnected || !unconnected.length) return;
    placedUnconnected = true;
    var pos = network.getPositions(), ids = Object.keys(pos);
    var xs = ids.map(function (id) { return pos[id].x; }), ys = ids.map(function (id) { return pos[id].y; });
    var left = xs.length ? Math.min.apply(null, xs) : 0, right = xs.length ? Math.max.apply(null, xs) : 600;
    var top = (ys.length ? Math.max.apply(null, ys) : 0) + 120;
    var cols = Math.max(4, Math.floor((right - left) / 150) + 1);
    var sorted = unconnected.slice().sort(function (a, b) {
      return a.type < b.type ? -1 : a.type > b.type ? 1 : (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    });
    nodes.update(sorted.map(function (n, i) {
      return { id: n.id, x: left + (i % cols) * 150, y: top + Math.floor(i / cols) * 60 };
    }));
  }

  function status() {
    var shownNodes = nodeView.length, shownEdges = edgeView.length;
    var text = "Showing " + shownNodes + " of " + DATA.total + " entities and " + shownEdges + " of " +
      DATA.edges.length + " relations between two entities";
    if (DATA.total > DATA.nodes.length)
      text += " (this page keeps the " + DATA.nodes.length + " most connected)";
    $("kg-status").textContent = text;
    var all = $("kg-all"), linked = DATA.nodes.length - unconnected.length;
    all.hidden = !(DATA.first || []).length;
    all.textContent = showAll ? "back to the first view (the most connected of each source)" :
      "first view: the most connected of each source — show all " + linked + " with relations";
    var button = $("kg-unconnected");
    button.hidden = !unconnected.length;
    button.textContent = unconnected.length + " entit" + (unconnected.length === 1 ? "y" : "ies") +
      " without relations — " + (showUnconnected ? "hide" : "show");
  }

  /* Grey out the people not alive in the time range (and restore the others). */
  function greyNodes() {
    var changes = [];
    DATA.nodes.forEach(function (n) {
      var grey = timeline.outside(n);
      if (grey === !!greyIds[n.id]) return;
      greyIds[n.id] = grey;
      var item = visNode(n, grey);
      delete item.x;
      delete item.y;
      item.grey = grey;
      changes.push(item);
    });
    if (changes.length) nodes.update(changes);
  }

  /* Keep drawn positions in the DataSet: a node a filter hides comes back where it was. */
  function keepPositions() {
    var pos = network.getPositions();
    nodes.update(Object.keys(pos).map(function (id) { return { id: id, x: pos[id].x, y: pos[id].y }; }));
  }

  function refresh() {
    if (!network) return;
    keepPositions();
    computeVisible();
    edgeView.refresh();
    nodeView.refresh();
    greyNodes();
    status();
  }

  function fillSelect(select, values, key, text) {
    values.forEach(function (value) {
      var option = el("option", null, text(value));
      option.value = value;
      select.appendChild(option);
    });
    select.addEventListener("change", function () { filters[key] = select.value; refresh(); });
  }

  function buildFilters() {
    var predicates = {};
    DATA.edges.forEach(function (e) { predicates[e.p] = true; });
    fillSelect($("kg-predicate"), Object.keys(predicates).sort(function (a, b) {
      return relationName(a) < relationName(b) ? -1 : 1;
    }), "predicate", relationName);
    fillSelect($("kg-modality"), DATA.modalities, "modality", function (m) { return m; });
  }

  function focusNode(id) {
    var node = nodes.get(id);
    if (!node) { panel.showNode(id); return; }
    if (!inView(id)) addToView([id], true);
    if (!nodeView.get(id) && !node.deg && !showUnconnected) toggleUnconnected();
    if (nodeView.get(id)) {
      network.selectNodes([id]);
      network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: { duration: 400 } });
    }
    panel.showNode(id);
  }

  /* Open the view on an entity and its neighbours, its panel shown (kg build --focus). */
  function openOn(id) {
    if (!inFirst[id]) addToView([id], true);
    var around = [id].concat(network.getConnectedNodes(id)).filter(function (n) { return nodeView.get(n); });
    network.selectNodes([id]);
    if (around.length) network.fit({ nodes: around, animation: false });
    panel.showNode(id);
    network.once("stabilizationIterationsDone", function () { network.fit({ nodes: around, animation: false }); });
  }

  function toggleUnconnected() {
    showUnconnected = !showUnconnected;
    if (showUnconnected) placeUnconnected();
    refresh();
    network.fit();
  }

  /* After a tap: no tooltip left behind, and the panel (under the network on a phone) in view. */
  function afterTap(params) {
    var pointer = params.event && params.event.pointerType;
    if (!TOUCH && pointer !== "touch") return;
    var popup = network.interactionHandler && network.interactionHandler.popup;
    if (popup) popup.hide();
    document.querySelectorAll("div.vis-tooltip").forEach(function (t) { t.style.visibility = "hidden"; });
    if (!$("kg-panel").hidden) $("kg-panel").scrollIntoView({ block: "start" });
  }

  network.on("click", function (params) {
    var hit = params.nodes.length ? params.nodes[0] : labels.hit(params.pointer.DOM.x, params.pointer.DOM.y);
    if (hit) {
      network.selectNodes([hit]);
      panel.showNode(hit);
    } else if (params.edges.length) {
      panel.showRelation(edges.get(params.edges[0]).rel);
    } else {
      panel.close();
    }
    afterTap(params);
  });
  $("kg-unconnected").addEventListener("click", toggleUnconnected);
  $("kg-all").addEventListener("click", function () {
    showAll = !showAll;
    if (!showAll) added = {};
    refresh();
    network.fit();
  });
  $("kg-counts").textContent = DATA.header || DATA.summary || "";
  if (DATA.summary) $("kg-counts").title = DATA.summary + " (as in report.json)";
  var page = DATA.page || {};
  if (page.caption) {
    $("kg-caption").textContent = page.caption;
    $("kg-caption").hidden = false;
  }

  HKG.legend(DATA, {
    network: network, hiddenTypes: hiddenTypes, refresh: refresh, uncertain: UNCERTAIN, uncertainText: uncertainText,
    showUncertain: function (yes) { if (yes !== undefined) filters.uncertain = yes; return filters.uncertain; }
  });
  buildFilters();
  HKG.search(DATA, {
    nodes: nodes, nodeView: nodeView, network: network, inView: inView, focusNode: focusNode, status: status,
    linked: function (id) { return !!byId[id].deg; }, setForced: function (ids) { forced = ids; }
  });
  status();
  window.histkg = {
    network: network, nodes: nodes, edges: edges, data: DATA, nodeView: nodeView, edgeView: edgeView,
    showNode: panel.showNode, panel: panel, labels: labels, timeline: timeline,
    toggleUnconnected: toggleUnconnected, sources: sources, addToView: addToView,
    inView: inView
  };
  if (page.focus && nodes.get(page.focus)) openOn(page.focus);
  document.documentElement.setAttribute("data-kg-ready", "true");
})();
