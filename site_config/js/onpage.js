/* Run a setup function on every page. Material's instant navigation swaps pages without reloading
 * and announces each one through `document$`; without it (a standalone figure page, or before the
 * theme's script), the function runs once, when the document is ready. Loaded before the others. */
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
