/* histkg network view: the legend. Entity types with a check box each (hiding a type hides
   its dots), the relation groups drawn, dashed lines, and the uncertain relations' own check
   box (kg build --keep-uncertain). Open by default only on a large box. */
var HKG = window.HKG || (window.HKG = {});
HKG.legend = function (data, opts) {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var el = HKG.el;

  /* Relations below the build's confidence threshold: dotted grey, shown or hidden with
     their own check box; "confirm" in the panel accepts one. */
  function uncertainRow() {
    var row = el("label", "kg-legend-row kg-legend-uncertain"), box = el("input");
    var line = el("span", "kg-line kg-dotted");
    box.type = "checkbox";
    box.checked = opts.showUncertain();
    box.id = "kg-show-uncertain";
    box.addEventListener("change", function () { opts.showUncertain(box.checked); opts.refresh(); });
    line.style.borderTopColor = opts.uncertain.color;
    row.title = "Not asserted by the graph: the calibrated confidence of the rule that found it " +
      "is below the build's threshold. Confirm it in the panel to accept it.";
    row.append(box, line, el("span", null, opts.uncertainText()));
    return row;
  }

  function typeRows(legend) {
    var counts = {};
    data.nodes.forEach(function (n) { counts[n.type] = (counts[n.type] || 0) + 1; });
    legend.appendChild(el("h4", null, "Entities"));
    Object.keys(data.types).forEach(function (type) {
      var row = el("label"), box = el("input"), swatch = el("span", "kg-swatch");
      box.type = "checkbox";
      box.checked = true;
      box.addEventListener("change", function () { opts.hiddenTypes[type] = !box.checked; opts.refresh(); });
      swatch.style.background = data.types[type].color;
      row.append(box, swatch, el("span", null, data.types[type].label + " (" + (counts[type] || 0) + ")"));
      legend.appendChild(row);
    });
  }

  function relationRows(legend) {
    var used = {};
    data.edges.forEach(function (e) { used[data.predicates[e.p].group] = true; });
    legend.appendChild(el("h4", null, "Relations"));
    data.groups.forEach(function (g, i) {
      if (!used[i]) return;
      var row = el("div", "kg-legend-row"), line = el("span", "kg-line");
      line.style.borderTopColor = g.color;
      row.append(line, el("span", null, g.label));
      legend.appendChild(row);
    });
    var dashed = el("div", "kg-legend-row"), line = el("span", "kg-line kg-dashed");
    line.style.borderTopColor = "#777";
    dashed.append(line, el("span", null, "denied, negated or hypothetical"));
    legend.appendChild(dashed);
    if (data.edges.some(function (e) { return e.u; })) legend.appendChild(uncertainRow());
    legend.appendChild(el("div", "kg-meta", "Bigger dot: more relations"));
  }

  var legend = $("kg-legend-body"), box = $("kg-graph").getBoundingClientRect();
  $("kg-legend").open = box.width >= 1000 && box.height >= 560;
  $("kg-legend").addEventListener("toggle", function () { opts.network.redraw(); });
  typeRows(legend);
  if (data.edges.length) relationRows(legend);
};
