/* histkg network view: level-of-detail labels, drawn on the canvas after vis-network.
   Node labels keep a fixed size on screen (SIZE CSS px), so zooming in makes room for more.
   Labels are placed best first (forced ones, then by degree); a label that would overlap
   one already placed, another node's dot or a box over the canvas (the legend), is skipped. Edge labels (relation names)
   come last, only where they fit. Text goes to the canvas with fillText, never as HTML. */
var HKG = window.HKG || (window.HKG = {});
HKG.labels = function (network, opts) {
  "use strict";
  var SIZE = 13, EDGE_SIZE = 12, FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
  var CELL = 64, MAX_LABELS = 600;
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
  Grid.prototype.hits = function (b, skip) {
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

  function inside(b, w, h) { return b.x >= 0 && b.y >= 0 && b.x + b.w <= w && b.y + b.h <= h; }

  function place(ctxWidth, ctxHeight) {
    var body = network.body, scale = network.getScale(), grid = new Grid(), placed = [];
    var shown = {}, forced = opts.forced(), isForced = {};
    forced.forEach(function (id) { isForced[id] = true; });
    (opts.obstacles ? opts.obstacles() : []).forEach(function (b) { grid.add(b); });
    body.nodeIndices.forEach(function (id) {
      shown[id] = true;
      grid.add(dotBox(id, body.nodes[id], scale));
    });
    var ids = forced.filter(function (id) { return shown[id]; });
    order.forEach(function (id) { if (shown[id] && !isForced[id]) ids.push(id); });
    ids.forEach(function (id) {
      if (placed.length >= MAX_LABELS) return;
      var options = nodeBoxes(id, body.nodes[id], scale, !!isForced[id]);
      var b = isForced[id] ? options[0] : null;
      for (var k = 0; !b && k < options.length; k++) {
        if (inside(options[k], ctxWidth, ctxHeight) && !grid.hits(options[k], id)) b = options[k];
      }
      if (!b) return;
      grid.add(b);
      placed.push(b);
    });
    body.edgeIndices.forEach(function (id) {
      var edge = body.edges[id];
      if (placed.length >= MAX_LABELS || !edge || !edge.connected || !edge.from || !edge.to) return;
      var text = opts.edgeLabel(id);
      if (!text) return;
      var a = network.canvasToDOM({ x: edge.from.x, y: edge.from.y });
      var c = network.canvasToDOM({ x: edge.to.x, y: edge.to.y });
      var w = width(text, EDGE_SIZE, "italic 400");
      if (Math.hypot(c.x - a.x, c.y - a.y) < w + 30) return;
      var b = { id: id, kind: "edge", text: text, size: EDGE_SIZE, weight: "italic 400",
                x: (a.x + c.x) / 2 - w / 2 - 2, y: (a.y + c.y) / 2 - EDGE_SIZE / 2 - 2, w: w + 4, h: EDGE_SIZE + 4 };
      if (!inside(b, ctxWidth, ctxHeight) || grid.hits(b, null)) return;
      grid.add(b);
      placed.push(b);
    });
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
