/* Small accessibility repairs to the theme's own markup.
 *
 * Material's search box is a role="dialog" with no accessible name; a screen reader would
 * announce just "dialog". Name it after what it is.
 */
(function () {
  "use strict";

  function nameSearch() {
    var dialog = document.querySelector(".md-search[role='dialog']");
    if (dialog && !dialog.hasAttribute("aria-label")) { dialog.setAttribute("aria-label", "Search this site"); }
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(nameSearch);  // instant navigation may swap the header in
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", nameSearch);
  } else {
    nameSearch();
  }
})();
