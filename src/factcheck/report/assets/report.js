// The page's filters: a text box and one list per facet of a pair (relation, cause,
// severity, review status). Each row and each fact section lists its pairs' facets in
// data-pairs ("conflict|time|high|open;agree|||no discrepancy"); it matches the lists
// when one of its pairs has every chosen facet. A row shows when it matches and its text
// (or its fact's heading) holds the typed text; a fact shows while one of its rows does.
(function () {
  "use strict";
  var FACETS = ["relation", "cause", "severity", "status"];
  var box = document.getElementById("filter");
  var lists = Array.prototype.slice.call(document.querySelectorAll("select[data-filter]"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.fact"));
  var single = Array.prototype.slice.call(document.querySelectorAll("tr.single"));
  var singleBox = document.getElementById("single-claims");
  var shown = document.getElementById("shown");

  function matches(element, wanted) {
    var pairs = (element.getAttribute("data-pairs") || "").split(";").filter(Boolean);
    return pairs.some(function (pair) {
      var values = pair.split("|");
      return FACETS.every(function (facet, index) { return !wanted[facet] || values[index] === wanted[facet]; });
    });
  }

  function holds(element, query) {
    return query === "" || element.textContent.toLowerCase().indexOf(query) >= 0;
  }

  function apply() {
    var query = box.value.trim().toLowerCase();
    var wanted = {};
    lists.forEach(function (list) { wanted[list.getAttribute("data-filter")] = list.value; });
    var facts = 0;
    sections.forEach(function (section) {
      var inHeading = query !== "" && holds(section.querySelector("h3"), query);
      var visible = 0;
      var pairsShown = 0;
      var fits = matches(section, wanted);
      section.querySelectorAll("tr.row").forEach(function (row) {
        var show = fits && matches(row, wanted) && (inHeading || holds(row, query));
        row.hidden = !show;
        if (show) {
          visible += 1;
          if (row.classList.contains("finding")) { pairsShown += 1; }
        }
      });
      var pairs = section.querySelector("details.pairs");
      if (pairs && query !== "" && pairsShown > 0) { pairs.open = true; }  // show the pair that matched
      section.hidden = visible === 0;
      if (visible > 0) { facts += 1; }
    });
    var singles = 0;
    single.forEach(function (row) {
      var show = matches(row, wanted) && holds(row, query);
      row.hidden = !show;
      if (show) { singles += 1; }
    });
    if (singleBox && query !== "" && singles > 0) { singleBox.open = true; }
    shown.textContent = facts + " of " + sections.length + " facts, " + singles + " of " + single.length +
      " single claims";
  }

  box.addEventListener("input", apply);
  lists.forEach(function (list) { list.addEventListener("change", apply); });
  document.getElementById("filters").addEventListener("submit", function (event) { event.preventDefault(); });
}());
