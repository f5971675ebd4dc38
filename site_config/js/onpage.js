/* What the essay's scripts share, loaded before them on every page and on a figure's embed page:
 *
 * mvSiteRoot   the address of the site's root (the folder above assets/), from this script's own
 *              address, so that a script finds the site's files under any path the site is served at;
 * mvOnPage     runs a setup function once the page is ready. On the essay's pages the theme announces
 *              the page through `document$` once every script has started; elsewhere (a standalone
 *              figure page, or before the theme's script) the function runs when the document is ready.
 */
(function () {
  "use strict";

  var here = document.currentScript ? document.currentScript.src : "";
  window.mvSiteRoot = here.replace(/assets\/js\/onpage\.js(\?.*)?$/, "");

  window.mvOnPage = function (setup) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(setup);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", setup);
    } else {
      setup();
    }
  };
})();
