/* histkg network view: level-of-detail labels, drawn on the canvas after vis-network.
   Node labels keep a fixed size on screen (SIZE CSS px). The candidates are the forced
   nodes (selected, searched) and the best-ranked (by degree) of the nodes in view, one per
   AREA_PER_LABEL px², so zooming in brings lesser nodes into the running. Each label goes
   below, above, right or left of its dot, where it overlaps no label, no named dot and no
   box over the canvas (the legend); else it is left out. Relation names come last, only
   on lines between named nodes (or from a selected one) and where they fit. Text goes to the canvas with fillText, never as HTML. */
var HKG = window.HKG || (window.HKG = {});
HKG.labels = function (network, opts) {
  "use strict";
  var SIZE = 13, EDGE_SIZE = 12, FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
  var CELL = 64, MAX_LABELS = 600, PAD = 3;
  var AREA_PER_LABEL = 14000;  /* label at most the best-ranked node per this many px² in view */
  var widths = {}, boxes = [], order = [];
  var measure = document.createElement("canvas").getContext("2d");

  function width(text, size, weight) {
    var key = weight + size + "|" + text;
    if (!(key in widths)) {
      measure.font = weight + " " + size + "px " + FONT;
      widths[key] = measure.measureText(text).width;
    }
    return widths[key];
  }

  function Grid() { this.cells = {}; }
  Grid.prototype.keys = function (b) {
    var out = [];
    for (var i = Math.floor(b.x / CELL); i <= Math.floor((b.x + b.w) / CELL); i++)
      for (var j = Math.floor(b.y / CELL); j <= Math.floor((b.y + b.h) / CELL); j++) out.push(i + "," + j);
    return out;
  };
  Grid.prototype.hits = function (box, skip) {  /* with a margin of PAD px around box */
    var b = { x: box.x - PAD, y: box.y - PAD / 2, w: box.w + 2 * PAD, h: box.h + PAD };
    var keys = this.keys(b);
    for (var k = 0; k < keys.length; k++) {
      var cell = this.cells[keys[k]] || [];
      for (var n = 0; n < cell.length; n++) {
        var o = cell[n];
        if (o.id !== skip && b.x < o.x + o.w && o.x < b.x + b.w && b.y < o.y + o.h && o.y < b.y + b.h) return true;
      }
    }
    return false;
  };
  Grid.prototype.add = function (b) {
    var keys = this.keys(b);
    for (var k = 0; k < keys.length; k++) (this.cells[keys[k]] || (this.cells[keys[k]] = [])).push(b);
  };

  /* Node ids best first: degree, then name. Call again when the data changes. */
  function rank() {
    order = opts.nodes.slice().sort(function (a, b) {
      return (b.deg - a.deg) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    }).map(function (n) { return n.id; });
  }

  /* Candidate boxes of a node's label: below its dot, above, right, left. */
  function nodeBoxes(id, node, scale, forced) {
    var dom = network.canvasToDOM({ x: node.x, y: node.y });
    var size = forced ? SIZE + 1 : SIZE, weight = forced ? "600" : "400";
    var name = opts.name(id), w = width(name, size, weight) + 4, h = size + 4;
    var r = (node.options.size || 8) * scale;
    return [[dom.x - w / 2, dom.y + r + 1], [dom.x - w / 2, dom.y - r - 1 - h],
            [dom.x + r + 2, dom.y - h / 2], [dom.x - r - 2 - w, dom.y - h / 2]].map(function (xy) {
      return { id: id, kind: "node", text: name, size: size, weight: weight, grey: opts.isGrey(id),
               x: xy[0], y: xy[1], w: w, h: h };
    });
  }

  function dotBox(id, node, scale) {
    var dom = network.canvasToDOM({ x: node.x, y: node.y }), r = (node.options.size || 8) * scale;
    return { id: id, kind: "dot", x: dom.x - r, y: dom.y - r, w: 2 * r, h: 2 * r };
  }

  function inView(node, view) {
    var p = network.canvasToDOM({ x: node.x, y: node.y });
    return p.x >= 0 && p.y >= 0 && p.x <= view.width && p.y <= view.height;
  }

  function inside(b, w, h) { return b.x >= 0 && b.y >= 0 && b.x + b.w <= w && b.y + b.h <= h; }

  /* The first candidate inside the canvas and clear of labels and named dots (hard),
     preferably clear of the dots that may be named later, then of every dot; or null. */
  function choose(options, id, view) {
    var fits = options.filter(function (b) {
      return inside(b, view.width, view.height) && !view.hard.hits(b, id);
    });
    var spare = fits.filter(function (b) { return !view.top.hits(b, id); });
    var clean = spare.filter(function (b) { return !view.dots.hits(b, id); });
    return clean[0] || spare[0] || fits[0] || null;
  }

  function placeNodes(view, placed) {
    var body = network.body, forced = opts.forced(), isForced = {}, shown = {};
    forced.forEach(function (id) { isForced[id] = true; });
    body.nodeIndices.forEach(function (id) { shown[id] = true; });
    var budget = Math.max(12, Math.round(view.width * view.height / AREA_PER_LABEL));
    /* Candidates: the forced, then the best-ranked `budget` of the nodes in view. */
    var ids = forced.filter(function (id) { return shown[id]; });
    order.forEach(function (id) {
      if (ids.length < budget + forced.length && shown[id] && !isForced[id] && inView(body.nodes[id], view)) ids.push(id);
    });
    ids.forEach(function (id) { view.top.add(dotBox(id, body.nodes[id], view.scale)); });
    ids.forEach(function (id) {
      if (placed.length >= MAX_LABELS) return;
      var dot = dotBox(id, body.nodes[id], view.scale);
      var options = nodeBoxes(id, body.nodes[id], view.scale, !!isForced[id]);
      var b = isForced[id] ? options[0] : (view.hard.hits(dot, id) ? null : choose(options, id, view));
      if (!b) return;
      view.hard.add(b);
      view.hard.add(dot);
      placed.push(b);
    });
  }

  /* Relation names, only on lines between two named nodes (or from a selected one). */
  function placeEdges(view, placed) {
    var body = network.body, named = {};
    placed.forEach(function (b) { named[b.id] = true; });
    network.getSelectedNodes().forEach(function (id) { named[id] = "selected"; });
    body.edgeIndices.forEach(function (id) {
      var edge = body.edges[id], text = opts.edgeLabel(id);
      if (placed.length >= MAX_LABELS || !text || !edge || !edge.connected || !edge.from || !edge.to) return;
      var ends = [named[edge.fromId], named[edge.toId]];
      if (!(ends[0] && ends[1]) && ends.indexOf("selected") === -1) return;
      var a = network.canvasToDOM({ x: edge.from.x, y: edge.from.y });
      var c = network.canvasToDOM({ x: edge.to.x, y: edge.to.y });
      var w = width(text, EDGE_SIZE, "italic 400") + 4, h = EDGE_SIZE + 4;
      if (Math.hypot(c.x - a.x, c.y - a.y) < w + 26) return;
      var b = { id: id, kind: "edge", text: text, size: EDGE_SIZE, weight: "italic 400",
                x: (a.x + c.x - w) / 2, y: (a.y + c.y - h) / 2, w: w, h: h };
      if (choose([b], null, view) !== b || view.dots.hits(b, null)) return;
      view.hard.add(b);
      placed.push(b);
    });
  }

  /* Labels to draw in this frame: node labels best first, then relation names. */
  function place(width, height) {
    var body = network.body, scale = network.getScale(), placed = [];
    var view = { width: width, height: height, scale: scale, hard: new Grid(), top: new Grid(), dots: new Grid() };
    (opts.obstacles ? opts.obstacles() : []).forEach(function (b) { view.hard.add(b); });
    body.nodeIndices.forEach(function (id) { view.dots.add(dotBox(id, body.nodes[id], scale)); });
    placeNodes(view, placed);
    placeEdges(view, placed);
    return placed;
  }

  function draw(ctx) {
    var canvas = network.canvas.frame.canvas, ratio = network.canvas.pixelRatio || 1;
    boxes = place(canvas.clientWidth, canvas.clientHeight);
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.textBaseline = "top";
    ctx.textAlign = "left";
    ctx.lineJoin = "round";
    boxes.forEach(function (b) {
      ctx.font = b.weight + " " + b.size + "px " + FONT;
      ctx.lineWidth = 4;
      ctx.strokeStyle = "rgba(255,255,255,0.92)";
      ctx.strokeText(b.text, b.x + 2, b.y + 2);
      ctx.fillStyle = b.kind === "edge" ? "#555" : (b.grey ? "#aaa" : "#1d1d1d");
      ctx.fillText(b.text, b.x + 2, b.y + 2);
    });
    ctx.restore();
  }

  network.on("afterDrawing", draw);
  rank();
  return {
    rank: rank,
    /* The labels of the last frame, in CSS px relative to the network's canvas. */
    boxes: function () {
      return boxes.map(function (b) {
        return { id: b.id, kind: b.kind, text: b.text, size: b.size, x: b.x, y: b.y, w: b.w, h: b.h };
      });
    },
    /* The node whose label is under a point (CSS px relative to the canvas), or null. */
    hit: function (x, y) {
      for (var i = 0; i < boxes.length; i++) {
        var b = boxes[i];
        if (b.kind === "node" && x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h) return b.id;
      }
      return null;
    }
  };
};
