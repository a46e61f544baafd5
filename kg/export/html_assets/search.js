/* histkg network view: the name search. Typing selects and names the matches in view and
   says how many are outside the first view or hidden by the filters; Enter (or a single
   match) opens the first match, bringing it and its neighbours into the view. */
var HKG = window.HKG || (window.HKG = {});
HKG.search = function (data, opts) {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var network = opts.network;

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  function search(query, jump) {
    var q = query.trim().toLowerCase();
    opts.setForced([]);
    if (!q) { network.unselectAll(); network.redraw(); opts.status(); return; }
    var hits = opts.nodes.getIds({ filter: function (n) { return n.name.toLowerCase().indexOf(q) !== -1; } });
    var shown = hits.filter(function (id) { return opts.nodeView.get(id); });
    var outside = hits.filter(function (id) { return !opts.inView(id) && opts.linked(id); });
    var hidden = hits.length - shown.length - outside.length;
    opts.setForced(shown.slice(0, 50));
    network.selectNodes(shown);
    $("kg-status").textContent = plural(hits.length, "match", "matches") +
      (outside.length ? " (" + outside.length + " outside the first view: Enter shows " +
        (outside.length === 1 ? "it" : "the first") + ")" : "") +
      (hidden > 0 ? " (" + hidden + " hidden by the filters)" : "");
    if (hits.length && (jump || hits.length === 1)) opts.focusNode(shown[0] || outside[0] || hits[0]);
    network.redraw();
  }

  var list = $("kg-names");
  data.nodes.slice(0, 5000).forEach(function (n) {
    var option = document.createElement("option");
    option.value = n.name;
    list.appendChild(option);
  });
  var box = $("kg-search");
  box.addEventListener("input", function () { search(box.value, false); });
  box.addEventListener("keydown", function (e) { if (e.key === "Enter") search(box.value, true); });
  return { search: search };
};
