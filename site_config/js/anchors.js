/* Old and misplaced links still land: if the #anchor in the address is not on this page (it moved,
 * or the page is the 404 page), the anchor map the build publishes says where it lives now. A link
 * into the collapsed reading guide opens it. */
(function () {
  "use strict";

  var root = window.mvSiteRoot;

  function forward() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var missingPage = document.querySelector("[data-mv-not-found]") !== null;
    if (!id || (!missingPage && document.getElementById(id))) { return; }
    fetch(root + "anchor-map.json").then(function (r) { return r.json(); }).then(function (map) {
      var path = window.location.pathname.slice(new URL(root).pathname.length);
      var target = map.redirects[path + "#" + id] || (map.anchors[id] !== undefined ? map.anchors[id] + "#" + id : null);
      if (!target) { return; }
      var url = new URL(root + target);
      if (url.pathname !== window.location.pathname || missingPage) {
        window.location.replace(url.toString());
      } else {
        window.location.hash = url.hash;
      }
    }).catch(function () { /* no map: the page stays as it is */ });
  }

  /* The reading guide is collapsed: an address pointing into it (#gd-io-q2) opens it, and so does
   * printing the page, where a closed guide would print as its title alone. */
  function openGuide() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    var guide = target && target.closest("details.mv-guide");
    if (guide && !guide.open) {
      guide.open = true;
      target.scrollIntoView();
    }
  }

  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.mv-guide").forEach(function (guide) { guide.open = true; });
  });
  window.addEventListener("hashchange", openGuide);
  window.mvOnPage(forward);
  window.mvOnPage(openGuide);
})();
