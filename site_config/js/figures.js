/* Live figures.
 *
 * Every figure arrives as a static SVG. When it nears the viewport, or the reader touches or
 * focuses it, Vega is loaded (once per visit) and a live view drawn from the same spec replaces
 * the static chart in the same box. Pages without figures never load Vega.
 * Figure state (e.g. ?year=2009) lives in the query string.
 */
(function () {
  "use strict";

  var here = document.currentScript ? document.currentScript.src : "";
  var assets = here.replace(/js\/figures\.js(\?.*)?$/, "");
  var vegaLoading = null;

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("could not load " + src)); };
      document.head.appendChild(script);
    });
  }

  function loadVega() {
    if (!vegaLoading) {
      vegaLoading = loadScript(assets + "vendor/vega.min.js").then(function () {
        return loadScript(assets + "vendor/vega-interpreter.min.js");
      });
    }
    return vegaLoading;
  }

  /* Tooltips: a small box inside the figure; Esc or leaving the mark closes it. */
  function tooltipHandler(figure) {
    var box = document.createElement("div");
    box.className = "mv-tooltip";
    box.setAttribute("role", "tooltip");
    box.hidden = true;
    figure.appendChild(box);
    figure.mvTooltip = box;
    return function (handler, event, item, value) {
      if (value == null || value === "") { box.hidden = true; return; }
      var entries = typeof value === "object" ? Object.entries(value) : [["", value]];
      var table = document.createElement("dl");
      entries.forEach(function (entry) {
        if (entry[1] === "" || entry[1] == null) { return; }
        var dt = document.createElement("dt");
        dt.textContent = entry[0];
        var dd = document.createElement("dd");
        dd.textContent = String(entry[1]);
        table.appendChild(dt);
        table.appendChild(dd);
      });
      box.replaceChildren(table);
      box.hidden = false;
      var frame = figure.getBoundingClientRect();
      var x = event.clientX - frame.left + 12;
      var y = event.clientY - frame.top + 12;
      var maxX = frame.width - box.offsetWidth - 4;
      box.style.left = Math.max(4, Math.min(x, maxX)) + "px";
      box.style.top = y + "px";
    };
  }

  function paramsOf(figure) {
    return figure.dataset.params ? JSON.parse(figure.dataset.params) : {};
  }

  /* A param value from the URL, if it is a valid one for this figure. */
  function fromUrl(name, spec) {
    var raw = new URLSearchParams(window.location.search).get(name);
    if (raw === null) { return null; }
    var value = Number(raw);
    if (!Number.isInteger(value) || value < spec.min || value > spec.max) { return null; }
    return value;
  }

  function describe(figure, value) {
    var states = figure.dataset.states;
    if (!states) { return; }
    fetch(states).then(function (r) { return r.json(); }).then(function (texts) {
      var desc = figure.querySelector(".mv-figure__desc");
      if (desc && texts[String(value)]) { desc.textContent = texts[String(value)]; }
    });
  }

  function setParam(figure, view, name, value, updateUrl) {
    var input = figure.querySelector('input[data-param="' + name + '"]');
    if (input) {
      input.value = value;
      var output = figure.querySelector('output[for="' + input.id + '"]');
      if (output) { output.textContent = value; }
    }
    var state = figure.querySelector(".mv-figure__state");
    var spec = paramsOf(figure)[name] || {};
    if (state && spec.state) { state.textContent = "Shown: " + spec.state.replace("{}", value) + "."; }
    describe(figure, value);
    if (updateUrl) {
      var url = new URL(window.location.href);
      url.searchParams.set(name, value);
      window.history.replaceState(window.history.state, "", url);
    }
    return view.signal(name, value).runAsync();
  }

  function activate(figure) {
    if (figure.dataset.live) { return; }
    figure.dataset.live = "loading";
    var chart = figure.querySelector(".mv-chart");
    loadVega()
      .then(function () { return fetch(figure.dataset.spec); })
      .then(function (response) { return response.json(); })
      .then(function (spec) {
        var holder = document.createElement("div");
        holder.className = "mv-live";
        var view = new window.vega.View(window.vega.parse(spec, null, { ast: true }), {
          renderer: "svg",
          container: holder,
          hover: true,
          expr: window.vegaExpressionInterpreter,
          tooltip: tooltipHandler(figure),
          logLevel: window.vega.Warn,
        });
        var params = paramsOf(figure);
        Object.keys(params).forEach(function (name) {
          var value = fromUrl(name, params[name]);
          if (value !== null) { setParam(figure, view, name, value, false); }
        });
        return view.runAsync().then(function () {
          chart.replaceChildren(holder);
          figure.dataset.live = "ready";
          figure.mvView = view;
          Object.keys(params).forEach(function (name) {
            var input = figure.querySelector('input[data-param="' + name + '"]');
            if (!input) { return; }
            input.disabled = false;
            input.addEventListener("input", function () { setParam(figure, view, name, Number(input.value), true); });
          });
        });
      })
      .catch(function (error) {
        figure.dataset.live = "failed";  // the static chart stays; nothing is lost
        console.warn("Figure stays static:", error.message);
      });
  }

  var observer = "IntersectionObserver" in window
    ? new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (entry.isIntersecting) { observer.unobserve(entry.target); activate(entry.target); }
        });
      }, { rootMargin: "200px 0px" })
    : null;

  function setup() {
    document.querySelectorAll("figure.mv-figure[data-spec]").forEach(function (figure) {
      if (figure.dataset.watched) { return; }
      figure.dataset.watched = "yes";
      ["pointerenter", "focusin", "touchstart"].forEach(function (type) {
        figure.addEventListener(type, function () { activate(figure); }, { once: true, passive: true });
      });
      if (observer) { observer.observe(figure); } else { activate(figure); }
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    document.querySelectorAll(".mv-tooltip").forEach(function (box) { box.hidden = true; });
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);  // Material's instant navigation: run on every page
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
