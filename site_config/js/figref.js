/* Figure references: hovering or focusing a "Figure 3.1" link shows a small static preview of that
 * figure (its PNG), so a reader can glance at it without leaving the paragraph. */
(function () {
  "use strict";

  var root = window.mvSiteRoot;
  var box = null;

  function show(link) {
    if (!box) {
      box = document.createElement("div");
      box.className = "mv-figref-preview";
      box.setAttribute("role", "tooltip");
      box.id = "mv-figref-preview";
      document.body.appendChild(box);
    }
    var img = document.createElement("img");
    img.src = root + "figures/" + link.dataset.figure + "/chart.png";
    img.alt = "";  // the link's own text and title name the figure
    var caption = document.createElement("span");
    caption.textContent = link.textContent + ": " + (link.getAttribute("title") || "");
    box.replaceChildren(img, caption);
    var rect = link.getBoundingClientRect();
    box.style.left = Math.max(8, Math.min(rect.left + window.scrollX, window.scrollX + window.innerWidth - 288)) + "px";
    box.style.top = (rect.bottom + window.scrollY + 6) + "px";
    box.hidden = false;
    link.setAttribute("aria-describedby", box.id);
  }

  function hide() { if (box) { box.hidden = true; } }

  function setup() {
    document.querySelectorAll("a.mv-figref[data-figure]").forEach(function (link) {
      if (link.dataset.previewReady) { return; }
      link.dataset.previewReady = "yes";
      link.addEventListener("mouseenter", function () { show(link); });
      link.addEventListener("focus", function () { show(link); });
      link.addEventListener("mouseleave", hide);
      link.addEventListener("blur", hide);
    });
  }

  document.addEventListener("keydown", function (event) { if (event.key === "Escape") { hide(); } });
  window.mvOnPage(function () { hide(); setup(); });
})();
