/* Live figures.
 *
 * Every figure arrives as a static chart (one image per palette). Vega is loaded (once per visit)
 * when the reader reaches for a figure: the pointer enters its chart or its controls, a finger
 * touches them, or the chart takes keyboard focus. A live view drawn from the same spec then
 * replaces the static chart in the same box. Merely scrolling past a figure loads no Vega, so a
 * page reads as quickly as a page of text. Pages without figures never load Vega.
 * Until the live view is ready, the static chart answers a pointer or a finger itself: its hit map
 * (hits.json, fetched as the figure nears the viewport) holds where each mark lies and what its
 * tooltip says, so the first touch is answered at once, with the live view's own words.
 * Figure state (e.g. ?year=2009) lives in the query string; a figure whose state the address sets
 * comes alive as it nears the viewport, without waiting to be touched, so that it shows that state.
 */
(function () {
  "use strict";

  var assets = window.mvSiteRoot + "assets/";
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
  function entriesOf(value) {  // [field, value] pairs of a tooltip, without empty values
    var entries = typeof value === "object" ? Object.entries(value) : [["", value]];
    return entries.filter(function (entry) { return entry[1] !== "" && entry[1] != null; });
  }

  function showTooltip(figure, value, clientX, clientY) {
    var box = figure.mvTooltip;
    if (value == null || value === "") { box.hidden = true; return; }
    var table = document.createElement("dl");
    entriesOf(value).forEach(function (entry) {
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
    var x = clientX - frame.left + 12;
    var y = clientY - frame.top + 12;
    var maxX = frame.width - box.offsetWidth - 4;
    box.style.left = Math.max(4, Math.min(x, maxX)) + "px";
    box.style.top = y + "px";
  }

  /* The tooltip of a mark. Nearest-point hover hits an invisible Voronoi cell whose datum is the
   * point's own item: its tooltip is the right one (the cell's, from Vega-Lite, reads the text
   * fields from the wrong level and shows "undefined"). */
  function tipOf(item) {
    if (item && item.isVoronoi && item.datum && item.datum.tooltip != null) { return item.datum.tooltip; }
    return item ? item.tooltip : null;
  }

  function tooltipBox(figure) {  // one box per figure, for the instant answer and the live view alike
    if (figure.mvTooltip) { return; }
    var box = document.createElement("div");
    box.className = "mv-tooltip";
    box.setAttribute("role", "tooltip");
    box.hidden = true;
    figure.appendChild(box);
    figure.mvTooltip = box;
  }

  function tooltipHandler(figure) {
    tooltipBox(figure);
    return function (handler, event, item, value) {
      if (figure.mvRing) { figure.mvRing.hidden = true; }  // the pointer takes over from the keyboard
      if (value != null) { value = tipOf(item); }
      showTooltip(figure, value, event ? event.clientX : 0, event ? event.clientY : 0);
    };
  }

  /* Reading a live chart by keyboard. The chart is a tab stop; arrow keys step through the marks
   * that carry tooltips (each distinct tooltip once, in drawing order), show that tooltip at the
   * mark with a ring around it, and put the same values in a polite live region, so that a
   * screen reader says what a pointer would show. */
  function pointsOf(view) {
    var seen = new Set();
    var points = [];
    (function walk(mark, dx, dy) {
      (mark.items || []).forEach(function (item) {
        var key = item.tooltip == null ? null : JSON.stringify(item.tooltip);
        // Voronoi cells only widen the hover target of points that are listed in their own right.
        if (key !== null && !seen.has(key) && !item.isVoronoi && item.bounds && !item.bounds.empty()) {
          seen.add(key);
          points.push({ item: item, dx: dx, dy: dy });
        }
        (item.items || []).forEach(function (child) { walk(child, dx + (item.x || 0), dy + (item.y || 0)); });
      });
    })(view.scenegraph().root, 0, 0);
    return points;
  }

  function spoken(value) {
    return entriesOf(value).map(function (entry) {
      return entry[0] ? entry[0] + ": " + entry[1] : String(entry[1]);
    }).join("; ");
  }

  function showPoint(figure, index) {
    var view = figure.mvView;
    var points = pointsOf(view);  // anew each time: a param change redraws the marks
    if (!points.length) { return; }
    index = Math.max(0, Math.min(index, points.length - 1));
    figure.mvPoint = index;
    var point = points[index];
    var bounds = point.item.bounds;
    var svg = figure.querySelector(".mv-live svg");
    var box = svg.getBoundingClientRect();
    var frame = figure.getBoundingClientRect();
    var scale = box.width / (svg.viewBox.baseVal.width || box.width);  // the SVG is scaled to its box
    var origin = view.origin();
    var left = box.left + (origin[0] + point.dx + bounds.x1) * scale;
    var top = box.top + (origin[1] + point.dy + bounds.y1) * scale;
    var width = (bounds.x2 - bounds.x1) * scale;
    var height = (bounds.y2 - bounds.y1) * scale;
    var ring = figure.mvRing;
    ring.style.left = (left - frame.left - 3) + "px";
    ring.style.top = (top - frame.top - 3) + "px";
    ring.style.width = (width + 6) + "px";
    ring.style.height = (height + 6) + "px";
    ring.hidden = false;
    showTooltip(figure, point.item.tooltip, left + width / 2, top + height);
    figure.mvSpoken.textContent = (index + 1) + " of " + points.length + ". " + spoken(point.item.tooltip);
  }

  var STEPS = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

  function onChartKey(figure, event) {
    if (figure.dataset.live !== "ready" || event.altKey || event.ctrlKey || event.metaKey) { return; }
    var current = figure.mvPoint == null ? -1 : figure.mvPoint;
    var step = Object.prototype.hasOwnProperty.call(STEPS, event.key) ? STEPS[event.key] : 0;
    var next;
    if (step) { next = Math.max(0, current + step); }
    else if (event.key === "Home") { next = 0; }
    else if (event.key === "End") { next = Infinity; }
    else { return; }
    event.preventDefault();  // the arrows move through the chart, not the page
    event.currentTarget.dataset.keyed = "yes";  // the hint has done its job: let it uncover the chart
    showPoint(figure, next);
  }

  function hideTips(scope) {
    scope.querySelectorAll(".mv-tooltip, .mv-ring").forEach(function (el) { el.hidden = true; });
  }

  /* The keyboard's helpers, added once per figure as it starts coming alive (a static chart needs
   * none): a ring, a live region and a hint that the chart names as its description once it is live. */
  function keyboardParts(figure) {
    var chart = figure.querySelector(".mv-chart");
    var ring = document.createElement("div");
    ring.className = "mv-ring";
    ring.hidden = true;
    var hint = document.createElement("p");
    hint.className = "mv-figure__keys";
    hint.id = figure.id + "-keys";
    hint.textContent = "Arrow keys step through the points, Home and End go to the first and last, Esc closes the box.";
    var said = document.createElement("p");
    said.className = "mv-figure__said";
    said.setAttribute("aria-live", "polite");
    said.setAttribute("aria-atomic", "true");
    chart.after(ring, said);
    figure.mvHint = hint;  // shown at the live chart's foot when it takes keyboard focus, until a key is used
    figure.mvRing = ring;
    figure.mvSpoken = said;
    chart.addEventListener("keydown", function (event) { onChartKey(figure, event); });
    // Leaving the chart puts the keyboard's box away; coming back shows the hint again.
    chart.addEventListener("focusout", function () {
      hideTips(figure);
      delete chart.dataset.keyed;
    });
  }

  /* Once live, the chart is a widget that takes arrow keys (screen readers pass keys through to
   * an application), not a still image. */
  function markInteractive(figure) {
    var chart = figure.querySelector(".mv-chart");
    chart.setAttribute("role", "application");
    chart.setAttribute("aria-roledescription", "interactive chart");
    chart.setAttribute("aria-describedby", figure.id + "-desc " + figure.id + "-keys");
  }

  /* The instant answer. Each item of the hit map becomes a path in the chart's own pixels; the
   * topmost item under the pointer (the last drawn, as Vega picks) gives the tooltip. */
  function textBox(context, item, path) {  // Vega's bounds of a text mark, measured in the page's fonts
    var lines = Array.isArray(item.text) ? item.text : [String(item.text)];
    context.font = item.font;
    var width = Math.max.apply(null, lines.map(function (line) { return context.measureText(line).width; }));
    var height = item.size * (lines.length + 0.2 * (lines.length - 1));
    var left = { center: -width / 2, right: -width }[item.align] || 0;
    var top = { top: 0, middle: -height / 2, bottom: -height }[item.baseline];
    if (top === undefined) { top = -0.8 * item.size; }  // alphabetic: the first line's baseline
    var box = new Path2D();
    box.rect(left, top, width, height);
    path.addPath(box, new DOMMatrix().translate(item.x, item.y).rotate(item.angle || 0));
  }

  function pathOf(context, item) {
    var path = new Path2D();
    if (item.kind === "rect") { path.rect(item.x, item.y, item.w, item.h); }
    else if (item.kind === "circle") { path.arc(item.x, item.y, item.r, 0, 2 * Math.PI); }
    else if (item.kind === "segment") { path.moveTo(item.x, item.y); path.lineTo(item.x2, item.y2); }
    else if (item.kind === "polyline") {
      item.points.forEach(function (p, i) { if (i) { path.lineTo(p[0], p[1]); } else { path.moveTo(p[0], p[1]); } });
    }
    else if (item.kind === "path") { path.addPath(new Path2D(item.d), new DOMMatrix().translate(item.x, item.y)); }
    else if (item.kind === "text") { textBox(context, item, path); }
    return path;
  }

  function loadHits(figure) {
    if (!figure.mvHits) {
      figure.mvHits = fetch(figure.dataset.hits)
        .then(function (response) { return response.json(); })
        .then(function (map) {
          var context = document.createElement("canvas").getContext("2d");
          map.items.forEach(function (item) { item.path = pathOf(context, item); });
          map.context = context;
          return map;
        })
        .catch(function () { return null; });  // the live view still answers, only later
    }
    return figure.mvHits;
  }

  function hitAt(map, x, y) {
    var context = map.context;
    for (var i = map.items.length - 1; i >= 0; i -= 1) {
      var item = map.items[i];
      if (item.stroke) {  // rules and lines take the pointer along their stroke, as in Vega
        context.lineWidth = item.stroke;
        if (context.isPointInStroke(item.path, x, y)) { return item; }
      } else if (context.isPointInPath(item.path, x, y)) { return item; }
    }
    return null;
  }

  function answerAtOnce(figure) {
    var chart = figure.querySelector(".mv-chart");
    // The static chart shows the default state: it answers only when the address sets no other one.
    var addressed = stateInUrl(figure);
    var waiting = function () { return figure.dataset.live !== "ready" && !addressed; };
    var answer = function (event) {
      var image = Array.prototype.find.call(chart.querySelectorAll(".mv-chart__img"),
        function (img) { return img.offsetWidth > 0; });
      if (!waiting() || !image) { return; }
      loadHits(figure).then(function (map) {
        if (!map || !waiting()) { return; }
        var box = image.getBoundingClientRect();
        var scale = box.width / map.width;  // the image is scaled to its box
        var item = hitAt(map, (event.clientX - box.left) / scale, (event.clientY - box.top) / scale);
        tooltipBox(figure);
        showTooltip(figure, item ? item.tip : null, event.clientX, event.clientY);
      });
    };
    chart.addEventListener("pointermove", answer, { passive: true });
    chart.addEventListener("pointerdown", answer, { passive: true });
    chart.addEventListener("pointerleave", function (event) {
      // A finger "leaves" as it lifts: a tapped tooltip stays, as in the live view, until the next tap.
      if (event.pointerType === "touch") { return; }
      if (waiting() && figure.mvTooltip) { figure.mvTooltip.hidden = true; }
    });
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
    keyboardParts(figure);
    var chart = figure.querySelector(".mv-chart");
    loadVega()
      .then(function () { return fetch(figure.dataset.spec); })
      .then(function (response) { return response.json(); })
      .then(function (spec) {
        var holder = document.createElement("div");
        holder.className = "mv-live";
        holder.setAttribute("aria-hidden", "true");  // the chart container names and describes it
        var view = new window.vega.View(window.vega.parse(spec, null, { ast: true }), {
          renderer: "svg",
          container: holder,
          hover: true,
          expr: window.vegaExpressionInterpreter,
          tooltip: tooltipHandler(figure),
          logLevel: window.vega.Warn,
        });
        // A tap gives no pointer movement, so a tap (a click) on a mark opens its tooltip too.
        view.addEventListener("click", function (event, item) {
          if (tipOf(item) != null) { showTooltip(figure, tipOf(item), event.clientX, event.clientY); }
        });
        var params = paramsOf(figure);
        Object.keys(params).forEach(function (name) {
          var value = fromUrl(name, params[name]);
          if (value !== null) { setParam(figure, view, name, value, false); }
        });
        return view.runAsync().then(function () {
          chart.replaceChildren(holder, figure.mvHint);
          figure.mvView = view;
          markInteractive(figure);
          figure.dataset.live = "ready";
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

  /* Whether the address sets one of the figure's params, e.g. ?year=2009. */
  function stateInUrl(figure) {
    var params = paramsOf(figure);
    return Object.keys(params).some(function (name) { return fromUrl(name, params[name]) !== null; });
  }

  /* A figure nearing the viewport fetches its hit map, or comes alive if the address sets its state. */
  function near(figure) {
    if (stateInUrl(figure)) { activate(figure); } else { loadHits(figure); }
  }

  var observer = "IntersectionObserver" in window
    ? new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (entry.isIntersecting) { observer.unobserve(entry.target); near(entry.target); }
        });
      }, { rootMargin: "200px 0px" })
    : null;

  function setup() {
    document.querySelectorAll("figure.mv-figure[data-spec]").forEach(function (figure) {
      if (figure.dataset.watched) { return; }
      figure.dataset.watched = "yes";
      var wake = function () { activate(figure); };
      figure.querySelectorAll(".mv-chart, .mv-figure__controls").forEach(function (part) {
        ["pointerenter", "focusin", "touchstart"].forEach(function (type) {
          part.addEventListener(type, wake, { once: true, passive: true });
        });
        /* This script starts after the first paint: a reader may already be on the chart. */
        if (part.matches(":focus-within, :hover")) { wake(); }
      });
      answerAtOnce(figure);
      if (observer) { observer.observe(figure); } else { near(figure); }
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    hideTips(document);
  });

  window.mvOnPage(setup);
})();
