/// The page's only script, inlined: filters that hide and show case rows without a server, and
/// a URL fragment that carries the view so it can be linked to and opened headless:
/// `#verdict=failed,error&category=utf8` filters, `#case=ID` opens a case and scrolls to it.
/// Without the script every case is simply shown.
enum HTMLPageScript {
    static let javascript = #"""
        (function () {
          "use strict";
          var cases = Array.prototype.slice.call(document.querySelectorAll("details.case"));
          var groups = Array.prototype.slice.call(document.querySelectorAll("section.category"));
          var boxes = Array.prototype.slice.call(document.querySelectorAll("#filters input[type=checkbox]"));
          var categories = boxes.filter(function (b) { return b.name === "category"; }).map(function (b) { return b.value; });

          function parse(hash) {
            var state = { verdict: [], category: [], "case": null, known: false };
            hash.replace(/^#/, "").split("&").forEach(function (part) {
              var i = part.indexOf("=");
              if (i < 0) { return; }
              var key = decodeURIComponent(part.slice(0, i)), value = decodeURIComponent(part.slice(i + 1));
              if (key === "verdict" || key === "category") {
                state.known = true;
                value.split(",").forEach(function (v) {
                  if (!v) { return; }
                  if (key === "category" && /^[0-9]+$/.test(v) && categories[Number(v) - 1]) { v = categories[Number(v) - 1]; }
                  state[key].push(v);
                });
              } else if (key === "case") {
                state.known = true;
                state["case"] = value;
              }
            });
            return state;
          }

          function apply(state) {
            boxes.forEach(function (b) { b.checked = state[b.name].indexOf(b.value) >= 0; });
            var shown = 0;
            cases.forEach(function (row) {
              var words = row.getAttribute("data-verdict").split(" ");
              var verdictOK = state.verdict.length === 0 || words.some(function (w) { return state.verdict.indexOf(w) >= 0; });
              var categoryOK = state.category.length === 0 || state.category.indexOf(row.getAttribute("data-category")) >= 0;
              row.hidden = !(verdictOK && categoryOK);
              if (!row.hidden) { shown += 1; }
            });
            var first = null;
            if (state["case"]) {
              cases.forEach(function (row) {
                if (row.getAttribute("data-case") === state["case"]) {
                  row.hidden = false;
                  row.open = true;
                  if (!first) { first = row; }
                }
              });
            }
            groups.forEach(function (group) { group.hidden = !group.querySelector("details.case:not([hidden])"); });
            var counter = document.getElementById("shown");
            if (counter) { counter.textContent = "showing " + shown + " of " + cases.length + " case results"; }
            if (first) { first.scrollIntoView(); }
          }

          function current() {
            var state = { verdict: [], category: [], "case": null };
            boxes.forEach(function (b) { if (b.checked) { state[b.name].push(b.value); } });
            return state;
          }

          function fragment(state) {
            var parts = [];
            if (state.verdict.length) { parts.push("verdict=" + state.verdict.map(encodeURIComponent).join(",")); }
            if (state.category.length) { parts.push("category=" + state.category.map(encodeURIComponent).join(",")); }
            return parts.join("&");
          }

          function fromHash() {
            var state = parse(location.hash);
            if (state.known) { apply(state); return; }
            var target = location.hash.length > 1 ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
            if (target && (target.hidden || (target.closest && target.closest("[hidden]")))) {
              apply({ verdict: [], category: [], "case": null });
              target.scrollIntoView();
            }
          }

          boxes.forEach(function (b) {
            b.addEventListener("change", function () {
              var state = current();
              history.replaceState(null, "", "#" + fragment(state));
              apply(state);
            });
          });
          var clear = document.getElementById("clear-filters");
          if (clear) {
            clear.addEventListener("click", function () {
              history.replaceState(null, "", "#");
              apply({ verdict: [], category: [], "case": null });
            });
          }
          var openAll = document.getElementById("open-shown");
          if (openAll) {
            openAll.addEventListener("click", function () { cases.forEach(function (row) { if (!row.hidden) { row.open = true; } }); });
          }
          var closeAll = document.getElementById("close-all");
          if (closeAll) { closeAll.addEventListener("click", function () { cases.forEach(function (row) { row.open = false; }); }); }
          window.addEventListener("hashchange", fromHash);
          apply({ verdict: [], category: [], "case": null });
          fromHash();
        })();
        """#
}
