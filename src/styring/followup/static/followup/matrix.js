// The follow-up matrix: a cell's text opens in a dialog where the user is (htmx loads it into the
// dialog; without JavaScript the cell is a link to a page of its own). The dialog is the native
// <dialog>: focus moves into it, Esc closes it, and the focus returns to the cell.
(function () {
  "use strict";
  var opener = null;
  document.addEventListener("click", function (event) {
    var cell = event.target.closest("a.st-cell");
    if (cell) { opener = cell; }
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target.id !== "celletekst") { return; }
    var dialog = document.getElementById("celledialog");
    if (!dialog.open) { dialog.showModal(); }
    document.getElementById("celledialog-tittel").focus();
  });
  document.addEventListener("close", function (event) {
    if (event.target.id === "celledialog" && opener) { opener.focus(); }
  }, true);
  document.addEventListener("click", function (event) {  // a click on the backdrop closes it too
    var dialog = document.getElementById("celledialog");
    if (event.target === dialog) { dialog.close(); }
  });
})();
