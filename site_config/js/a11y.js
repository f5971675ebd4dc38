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

  window.mvOnPage(nameSearch);
})();
