/* Reading tools: every paragraph is tagged by the build as a retelling of the chapter, an editorial
 * note of ours, or material from after 2015. The build writes a button for each tool the page can use
 * (disabled, so that nothing moves when this script starts); this script wires them: one shows each
 * paragraph's tag, the others hide or show our notes and later material. The choice is remembered. */
(function () {
  "use strict";

  var BODY_CLASS = { labels: "mv-show-labels", editorial: "mv-hide-editorial", later: "mv-hide-later" };

  function stored(key) {
    try { return localStorage.getItem("mv-" + key) === "1"; } catch (e) { return false; }
  }

  function store(key, value) {
    try { localStorage.setItem("mv-" + key, value ? "1" : "0"); } catch (e) { /* private mode: not remembered */ }
  }

  function setup() {
    document.querySelectorAll(".mv-reading-tools button[data-tool]").forEach(function (button) {
      var key = button.dataset.tool;
      var on = stored(key);
      document.body.classList.toggle(BODY_CLASS[key], on);
      button.setAttribute("aria-pressed", String(on));
      button.addEventListener("click", function () {
        var now = button.getAttribute("aria-pressed") !== "true";
        button.setAttribute("aria-pressed", String(now));
        document.body.classList.toggle(BODY_CLASS[key], now);
        store(key, now);
      });
      button.disabled = false;
    });
  }

  window.mvOnPage(setup);
})();
