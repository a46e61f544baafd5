/* histkg network view: the year-range slider. A relation is shown when one of its spans
   (ISO days of the time of the fact: its own date, or a letter's date for the act of
   writing it, with EDTF bounds) overlaps the range; undated relations (most: the date of a
   source is not the date of what it states) follow their checkbox. People whose lifespan
   does not overlap the range are greyed out. No slider when every dated relation falls in
   one year. */
var HKG = window.HKG || (window.HKG = {});
HKG.timeline = function (edges, onChange) {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var years = [], undated = 0;
  edges.forEach(function (e) {
    if (!e.t.length) undated++;
    e.t.forEach(function (span) { years.push(+span[0].slice(0, 4), +span[1].slice(0, 4)); });
  });
  var first = years.length ? Math.min.apply(null, years) : 0;
  var last = years.length ? Math.max.apply(null, years) : 0;
  var from = $("kg-from"), to = $("kg-to"), box = $("kg-undated");
  var active = years.length > 0 && first !== last;  /* a slider only for more than one year */

  function range() {
    var a = +from.value, b = +to.value;
    return [Math.min(a, b), Math.max(a, b)];
  }

  function full() {
    var r = range();
    return !active || (r[0] <= first && r[1] >= last);
  }

  function bounds() {
    var r = range();
    return [String(r[0]).padStart(4, "0") + "-01-01", String(r[1]).padStart(4, "0") + "-12-31"];
  }

  function update() {
    var r = range();
    $("kg-years").textContent = r[0] === r[1] ? String(r[0]) : r[0] + " – " + r[1];
    onChange();
  }

  if (active) {
    [from, to].forEach(function (input) {
      input.min = first;
      input.max = last;
      input.step = 1;
      input.addEventListener("input", update);
    });
    from.value = first;
    to.value = last;
    $("kg-undated-text").textContent = "show " + undated + " undated relation" + (undated === 1 ? "" : "s");
    box.parentNode.hidden = !undated;
    box.addEventListener("change", onChange);
    $("kg-time").hidden = false;
    $("kg-years").textContent = first === last ? String(first) : first + " – " + last;
  }

  return {
    /* Is an edge inside the range (or undated and undated ones are shown)? */
    edgeVisible: function (e) {
      if (!e.t.length) return !active || box.checked;
      if (full()) return true;
      var b = bounds();
      return e.t.some(function (span) { return span[0] <= b[1] && span[1] >= b[0]; });
    },
    /* Is a node outside the range by its lifespan (born after it, or died before it)? */
    outside: function (node) {
      if (!node.life || full()) return false;
      var b = bounds();
      return (!!node.life[0] && node.life[0] > b[1]) || (!!node.life[1] && node.life[1] < b[0]);
    },
    /* Set the range programmatically (tests, links). */
    set: function (a, b) { from.value = a; to.value = b; update(); },
    span: function () { return years.length ? [first, last] : null; },
    range: range
  };
};
