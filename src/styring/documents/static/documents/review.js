// Review screen: show an item's sources in the text, and split an item where the cursor is.
(function () {
  "use strict";
  function activate(pk) {
    document.querySelectorAll(".st-mark--active").forEach(function (m) { m.classList.remove("st-mark--active"); });
    document.querySelectorAll('.st-mark[data-items~="' + pk + '"]').forEach(function (m) { m.classList.add("st-mark--active"); });
    var anchor = document.getElementById("kilde-" + pk);
    if (anchor) { anchor.scrollIntoView({ block: "center" }); }
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-show-source]");
    if (link) { event.preventDefault(); activate(link.getAttribute("data-show-source")); return; }
    var mark = event.target.closest(".st-mark");
    if (mark) {
      var pk = mark.getAttribute("data-items").split(" ")[0];
      var card = document.getElementById("krav-" + pk);
      if (card) { activate(pk); card.scrollIntoView({ block: "center" }); }
    }
  });
  function remember(event) {
    var area = event.target;
    if (!area.matches || !area.matches("textarea[data-split-source]")) { return; }
    var field = area.form && area.form.querySelector("input[name$='position']");
    if (field) { field.value = area.selectionStart; }
  }
  ["click", "keyup", "select", "input"].forEach(function (type) { document.addEventListener(type, remember); });
  // Bulk edit: show only the value the chosen field needs (without JavaScript all are shown).
  function showBulkField() {
    var choice = document.querySelector("#bulk-edit select[name=field]");
    if (!choice) { return; }
    document.querySelectorAll("#bulk-edit [data-bulk-for]").forEach(function (group) {
      group.hidden = group.getAttribute("data-bulk-for") !== choice.value;
    });
  }
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("#bulk-edit select[name=field]")) { showBulkField(); }
  });
  document.addEventListener("DOMContentLoaded", showBulkField);
  document.addEventListener("htmx:afterSwap", showBulkField);
})();
