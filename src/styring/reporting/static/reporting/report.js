// The report page: "Neste ufullstendige" jumps to the next unfinished entry below the one in view
// (the link's own address, the first one, works without JavaScript); an entry named in the address
// gets the focus, so a failed send lands on the first entry to fix.
(function () {
  "use strict";
  function focusEntry(entry) {
    if (!entry.hasAttribute("tabindex")) { entry.setAttribute("tabindex", "-1"); }
    entry.scrollIntoView({ block: "start" });
    entry.focus({ preventScroll: true });
  }
  var lastEntry = null;  // the entry last worked in (the link itself takes the focus when clicked)
  function inView(element) {
    var rect = element.getBoundingClientRect();
    return rect.bottom > 0 && rect.top < window.innerHeight;
  }
  document.addEventListener("focusin", function (event) {
    var entry = event.target.closest && event.target.closest(".st-entry");
    if (entry) { lastEntry = entry; }
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-next-unfinished]");
    if (!link) { return; }
    var entries = Array.prototype.slice.call(document.querySelectorAll(".st-entry[data-unfinished]"));
    if (!entries.length) { return; }  // none on this page (a filter): the link's address shows them
    event.preventDefault();
    var bar = link.closest(".st-actionbar");
    var edge = (bar ? bar.getBoundingClientRect().bottom : 0) + 8;
    var current = lastEntry && lastEntry.isConnected && inView(lastEntry) ? lastEntry : null;
    var next = entries.find(function (e) {
      return current ? (current.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING) : e.getBoundingClientRect().top > edge;
    }) || entries[0];
    history.replaceState(null, "", "#" + next.id);
    focusEntry(next);
  });
  document.addEventListener("DOMContentLoaded", function () {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target && target.classList.contains("st-entry")) { focusEntry(target); }
  });
})();
