// What every page of the web app does with a script. It is loaded in the
// page's head, before the body is drawn, so the "js" class is on the page
// from the first paint: the stylesheet folds the search form on a phone
// only when this script can unfold it (without a script the form stays
// open). Clicks are handled on the document, so no element need exist yet.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // The phone's "Search and filter" button opens and closes the form's
  // fields; its aria-expanded says which, and opening focuses the first
  // field, ready for the thumb.
  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("button.filter-toggle");
    if (!button) return;
    var form = button.closest("form");
    if (!form) return;
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", open ? "true" : "false");
    form.classList.toggle("open", open);
    if (open) {
      var field = form.querySelector(".filter-fields input:not([type=hidden]), .filter-fields select");
      if (field) field.focus();
    }
  });
})();
