// The page's filters: a text box and one list per facet (relation, cause, severity,
// review status). Rows and fact sections carry their facets as "|"-separated data
// attributes; a row shows when its text (or its fact's heading) holds the typed text and
// it has every chosen facet; a fact shows while one of its rows does.
(function () {
  "use strict";
  var box = document.getElementById("filter");
  var lists = Array.prototype.slice.call(document.querySelectorAll("select[data-filter]"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.fact"));
  var single = Array.prototype.slice.call(document.querySelectorAll("tr.single"));
  var shown = document.getElementById("shown");

  function holds(element, facet, wanted) {
    return !wanted || (element.getAttribute("data-" + facet) || "").split("|").indexOf(wanted) >= 0;
  }

  function matches(element, wanted) {
    return lists.every(function (list) { return holds(element, list.getAttribute("data-filter"), wanted[list.getAttribute("data-filter")]); });
  }

  function apply() {
    var query = box.value.trim().toLowerCase();
    var wanted = {};
    var anyFacet = false;
    lists.forEach(function (list) {
      wanted[list.getAttribute("data-filter")] = list.value;
      anyFacet = anyFacet || list.value !== "";
    });
    var facts = 0;
    sections.forEach(function (section) {
      var heading = section.querySelector("h3").textContent.toLowerCase();
      var inHeading = query !== "" && heading.indexOf(query) >= 0;
      var visible = 0;
      if (matches(section, wanted)) {
        section.querySelectorAll("tr.row").forEach(function (row) {
          var show = matches(row, wanted) && (query === "" || inHeading || row.textContent.toLowerCase().indexOf(query) >= 0);
          row.hidden = !show;
          if (show && row.classList.contains("claim")) { visible += 1; }
        });
      }
      section.hidden = visible === 0;
      if (visible > 0) { facts += 1; }
    });
    single.forEach(function (row) {
      row.hidden = anyFacet || (query !== "" && row.textContent.toLowerCase().indexOf(query) < 0);
    });
    shown.textContent = facts + " of " + sections.length + " facts";
  }

  box.addEventListener("input", apply);
  lists.forEach(function (list) { list.addEventListener("change", apply); });
  document.getElementById("filters").addEventListener("submit", function (event) { event.preventDefault(); });
}());
