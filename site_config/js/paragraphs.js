/* Reading tools: every paragraph is tagged by the build as a retelling of the chapter, an editorial
 * note of ours, or material from after 2015. These buttons show each paragraph's tag, and hide or
 * show our notes and later material; the choice is remembered. */
(function () {
  "use strict";

  var TOOLS = [
    { key: "labels", on: "mv-show-labels", text: "Show where each paragraph comes from", start: false },
    { key: "editorial", on: "mv-hide-editorial", text: "Hide editorial notes", start: false },
    { key: "later", on: "mv-hide-later", text: "Hide material after 2015", start: false },
  ];

  function stored(key, fallback) {
    try { var v = localStorage.getItem("mv-" + key); return v === null ? fallback : v === "1"; } catch (e) { return fallback; }
  }

  function store(key, value) {
    try { localStorage.setItem("mv-" + key, value ? "1" : "0"); } catch (e) { /* private mode: not remembered */ }
  }

  function setup() {
    var content = document.querySelector(".md-content__inner");
    var bar = content && content.querySelector(".mv-reading-tools");  // the build leaves room for it
    if (!bar || bar.childElementCount) { return; }
    var kinds = {};
    content.querySelectorAll("[data-kind]").forEach(function (el) { kinds[el.dataset.kind] = true; });
    TOOLS.forEach(function (tool) {
      if (tool.key === "editorial" && !kinds.editorial) { return; }
      if (tool.key === "later" && !kinds["after-2015"]) { return; }
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = tool.text;
      var on = stored(tool.key, tool.start);
      document.body.classList.toggle(tool.on, on);
      button.setAttribute("aria-pressed", String(on));
      button.addEventListener("click", function () {
        var now = button.getAttribute("aria-pressed") !== "true";
        button.setAttribute("aria-pressed", String(now));
        document.body.classList.toggle(tool.on, now);
        store(tool.key, now);
      });
      bar.appendChild(button);
    });
  }

  window.mvOnPage(setup);
})();
