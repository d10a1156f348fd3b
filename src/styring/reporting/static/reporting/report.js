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
  // An entry's save that is refused (409: someone else saved it first; 400: a value is wrong) is
  // shown where it was made, under the editor, which keeps what was typed: htmx swaps only 2xx by itself.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    var elt = event.detail.elt;
    if ((status === 409 || status === 400) && elt && elt.closest && elt.closest(".st-entry")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  // While a refused save's choices are shown, the editor does not autosave (each would be refused
  // again and redraw the choices); "Lagre punktet" still asks the server, and shows the choices anew.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt;
    var match = form && form.id && /^skjema-(\d+)$/.exec(form.id);
    var trigger = event.detail.requestConfig && event.detail.requestConfig.triggeringEvent;
    if (match && document.getElementById("konflikt-" + match[1]) && !(trigger && trigger.type === "submit")) {
      event.preventDefault();
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target && target.classList.contains("st-entry")) { focusEntry(target); }
  });
})();
