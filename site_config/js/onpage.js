/* Run a setup function once the page is ready. On the essay's pages the theme announces the page
 * through `document$` once every script has started; elsewhere (a standalone figure page, or before
 * the theme's script) the function runs when the document is ready. Loaded before the others. */
window.mvOnPage = function (setup) {
  "use strict";
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
};
