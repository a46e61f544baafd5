/* histkg network view: the "Sources" filter. One check box per source (a top-level document:
   a book, a letter, an article), named by its citation; unchecking one hides the relations
   only it states (and the entities left without any). With 2 to 8 sources, two or more of
   them books, each has a colour: a dot drawn from one source only is outlined in it, a dot
   from several in dark grey. */
var HKG = window.HKG || (window.HKG = {});
HKG.sources = function (data, onChange) {
  "use strict";
  var PALETTE = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#17becf"];
  var SEVERAL = "#333";
  var $ = function (id) { return document.getElementById(id); };
  var el = HKG.el, list = data.sources || [], hidden = {};
  var books = list.filter(function (s) { return s.kind === "book"; }).length;
  var coloured = books > 1 && list.length <= PALETTE.length;  /* letters and articles stay plain */

  function counts() {
    var n = list.map(function () { return 0; });
    data.edges.forEach(function (e) { (e.src || []).forEach(function (s) { n[s]++; }); });
    return n;
  }

  function build() {
    if (list.length < 2) return;
    var body = $("kg-sources-body"), n = counts();
    list.forEach(function (s, i) {
      var row = el("label", "kg-source-row"), box = el("input"), swatch = el("span", "kg-swatch kg-ring");
      box.type = "checkbox";
      box.checked = true;
      box.setAttribute("data-source", String(i));
      box.addEventListener("change", function () { hidden[i] = !box.checked; onChange(); });
      if (coloured) swatch.style.borderColor = PALETTE[i];
      row.title = s.file;
      row.append(box, swatch, el("span", null, s.cite + " — " + n[i] + " relation" + (n[i] === 1 ? "" : "s")));
      body.appendChild(row);
    });
    if (coloured) {
      var several = el("div", "kg-source-row"), ring = el("span", "kg-swatch kg-ring");
      ring.style.borderColor = SEVERAL;
      several.append(ring, el("span", "kg-meta", "outline: the source of a dot's relations (dark: several)"));
      body.appendChild(several);
    }
    $("kg-sources").hidden = false;
    $("kg-sources-count").textContent = String(list.length);
  }

  build();
  return {
    /* Does a source still shown state this relation? */
    edgeVisible: function (e) {
      return !e.src || !e.src.length || e.src.some(function (s) { return !hidden[s]; });
    },
    /* The outline of a node: {color, width}, or null when sources have no colours. */
    outline: function (n) {
      if (!coloured || !n.src || !n.src.length) return null;
      return { color: n.src.length === 1 ? PALETTE[n.src[0]] : SEVERAL, width: 3 };
    },
    hide: function (i, yes) {
      var box = document.querySelector('#kg-sources input[data-source="' + i + '"]');
      if (box) box.checked = !yes;
      hidden[i] = !!yes;
      onChange();
    }
  };
};
