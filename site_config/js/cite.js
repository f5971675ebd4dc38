/* Cite buttons.
 *
 * Beside each section heading, figure and paragraph, a button opens a panel that cites exactly
 * that target in six formats, each with a copy button. The formats are the templates the build
 * wrote into the page's "Cite this page" block; here they get the target's title and address and
 * the reader's access date, by the rules the build wrote beside them (data-cite-rules: the
 * placeholders, month names, title case's small words, and how each format escapes its values), so
 * that nothing of the formats is written twice. A figure is cited in the state it shows (?year=2009).
 */
(function () {
  "use strict";

  var ESCAPERS = {  // the ways of escaping a value inside a format; which format uses which is the build's
    tex: function (s) { return s.replace(/([&%$#_{}])/g, "\\$1"); },
    json: function (s) { return JSON.stringify(s).slice(1, -1); },
  };
  var counter = 0;

  function rulesOf(block) { return JSON.parse(block.dataset.citeRules); }

  /* Headline case, the same rule as the build's (formats.title_case). */
  function titleCase(text, rules) {
    var words = text.split(" ");
    return words.map(function (word, i) {
      var lead = word.match(/^[“”‘’'"(]*/)[0];
      var core = word.slice(lead.length).replace(/[“”‘’'"(]+$/, "");
      var edge = i === 0 || i === words.length - 1 || words[i - 1].slice(-1) === ":";
      if (core && core === core.toLowerCase() && core !== core.toUpperCase()
          && (edge || rules.smallWords.indexOf(core) < 0)) {
        return lead + word.slice(lead.length).split("-").map(function (p) {
          return p.charAt(0).toUpperCase() + p.slice(1);
        }).join("-");
      }
      return word;
    }).join(" ");
  }

  function two(n) { return (n < 10 ? "0" : "") + n; }

  function accessed(day, rules) {
    var long = rules.months[day.getMonth()] + " " + day.getDate() + ", " + day.getFullYear();
    return {
      accessed_apa: long,
      accessed_chicago: long,
      accessed_mla: day.getDate() + " " + rules.mlaMonths[day.getMonth()] + " " + day.getFullYear(),
      accessed_iso: day.getFullYear() + "-" + two(day.getMonth() + 1) + "-" + two(day.getDate()),
      accessed_ris: day.getFullYear() + "/" + two(day.getMonth() + 1) + "/" + two(day.getDate()),
    };
  }

  function fill(template, values, format, rules) {
    var rule = rules.escapes[format];
    var placeholder = new RegExp("\\{(" + rules.placeholders.join("|") + ")\\}", "g");
    return template.replace(placeholder, function (_, key) {
      return rule && (!rule.keys || rule.keys.indexOf(key) >= 0) ? ESCAPERS[rule.as](values[key]) : values[key];
    });
  }

  function headingText(heading) {
    var copy = heading.cloneNode(true);
    copy.querySelectorAll(".headerlink, .mv-cite-btn").forEach(function (el) { el.remove(); });
    return copy.textContent.trim();
  }

  /* What a target is called in a citation: stable, from its permanent id or its own number. */
  function labelFor(target) {
    if (target.matches("figure.mv-figure")) {
      var state = target.querySelector(".mv-figure__state");
      var shown = state ? ", " + state.textContent.replace(/^Shown:\s*/, "").replace(/\.$/, "") : "";
      return "Figure " + target.dataset.number + shown;
    }
    if (/^H[1-6]$/.test(target.tagName)) { return "section “" + headingText(target) + "”"; }
    if (target.dataset.citeLabel) { return target.dataset.citeLabel; }  // a reading guide's item
    var match = target.id.match(/-(p|n)(\d+)$/);
    if (match) { return (match[1] === "p" ? "paragraph " : "editorial note ") + match[2]; }
    return "paragraph “" + target.id + "”";
  }

  function values(block, target, day) {
    var rules = rulesOf(block);
    var label = labelFor(target);
    var title = block.dataset.citeTitle + ": " + label;
    var url = new URL(block.dataset.citeUrl);
    if (target.matches("figure.mv-figure")) { url.search = window.location.search; }  // the figure's state
    url.hash = target.id;
    return Object.assign({
      title: title,
      Title: titleCase(title, rules),
      url: url.toString(),
      key: block.dataset.citeKey + "-" + target.id,
    }, accessed(day, rules));
  }

  function copyText(text, button) {
    var done = function () {
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = "Copy"; }, 2000);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { button.textContent = "Copy failed"; });
    } else {
      button.textContent = "Select the text to copy";
    }
  }

  function closePanel(panel) {
    var button = document.querySelector('[aria-controls="' + panel.id + '"]');
    panel.remove();
    if (button) { button.setAttribute("aria-expanded", "false"); button.focus(); }
  }

  function openPanel(block, target, button) {
    var existing = document.getElementById(button.getAttribute("aria-controls"));
    if (existing) { closePanel(existing); return; }
    var templates = JSON.parse(block.dataset.citeTemplates);
    var v = values(block, target, new Date());
    var panel = document.createElement("div");
    panel.className = "mv-cite-panel";
    panel.id = button.getAttribute("aria-controls");
    panel.setAttribute("role", "region");
    panel.setAttribute("aria-label", "Cite " + labelFor(target));
    panel.tabIndex = -1;
    var heading = document.createElement("p");
    heading.className = "mv-cite-panel__title";
    heading.textContent = "Cite " + labelFor(target);
    panel.appendChild(heading);
    Object.keys(templates).forEach(function (format) {
      var text = fill(templates[format], v, format, rulesOf(block));
      var row = document.createElement("div");
      row.className = "mv-cite-panel__row";
      var name = document.createElement("span");
      name.className = "mv-cite-panel__format";
      name.textContent = format;
      var copy = document.createElement("button");
      copy.type = "button";
      copy.className = "mv-cite-panel__copy";
      copy.textContent = "Copy";
      copy.setAttribute("aria-label", "Copy " + format + " citation");
      copy.addEventListener("click", function () { copyText(text, copy); });
      var pre = document.createElement("pre");
      pre.className = "mv-citation";
      pre.dataset.format = format;
      pre.textContent = text;
      row.append(name, copy, pre);
      panel.appendChild(row);
    });
    var close = document.createElement("button");
    close.type = "button";
    close.className = "mv-cite-panel__close";
    close.textContent = "Close";
    close.addEventListener("click", function () { closePanel(panel); });
    panel.appendChild(close);
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.stopPropagation(); closePanel(panel); }
    });
    if (target.matches("figure.mv-figure")) { target.appendChild(panel); } else { target.after(panel); }
    button.setAttribute("aria-expanded", "true");
    panel.focus();
  }

  function addButton(block, target) {
    if (target.querySelector(":scope > .mv-cite-btn, :scope > figcaption > .mv-cite-btn")) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "mv-cite-btn";
    button.textContent = "Cite";
    button.setAttribute("aria-label", "Cite " + labelFor(target));
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", "mv-cite-panel-" + (++counter));
    button.addEventListener("click", function () { openPanel(block, target, button); });
    var host = target.matches("figure.mv-figure") ? target.querySelector("figcaption") : target;
    host.appendChild(button);
  }

  /* Runs `each` over `items` a few at a time while the browser is idle, each batch well under the
   * 50 ms that counts as a long task: a chapter has dozens of buttons to add, and adding them all
   * at once would hold up the page as it loads. A button sits out of the text's flow, so adding
   * one moves nothing. */
  var BATCH_MS = 8;
  var idle = window.requestIdleCallback
    ? function (fn) { return window.requestIdleCallback(fn, { timeout: 1000 }); }  // a busy page still gets them
    : function (fn) { return setTimeout(fn, 1); };

  function inBatches(items, each) {
    var next = 0;
    idle(function batch() {
      var stop = performance.now() + BATCH_MS;
      while (next < items.length && performance.now() < stop) { each(items[next++]); }
      if (next < items.length) { idle(batch); }
    });
  }

  function setup() {
    var block = document.querySelector(".mv-cite-page[data-cite-templates]");
    if (!block) { return; }
    var content = document.querySelector(".md-content__inner") || document.body;
    var targets = Array.prototype.filter.call(
      content.querySelectorAll("h2[id], h3[id], figure.mv-figure[id], p[id], li.mv-guide__item[id]"),
      function (target) {
        // not the cite block itself, nor the parts inside a figure
        return !target.closest(".mv-cite-page, figure.mv-figure:not(#" + target.id + ")") && target.id !== "cite-this-page";
      });
    inBatches(targets, function (target) { addButton(block, target); });
    // a report names the passage the reader is at, when the address has one
    block.querySelectorAll("a.mv-report__link").forEach(function (link) {
      link.addEventListener("click", function () {
        var url = new URL(link.href);
        var body = url.searchParams.get("body") || "";
        url.searchParams.set("body", body.replace("Passage (anchor): \n",
          "Passage (anchor): " + decodeURIComponent(window.location.hash.slice(1)) + "\n"));
        link.href = url.toString();
      });
    });
    // the static block's own citations get today's date too, as its format's template writes it
    var rules = rulesOf(block);
    var templates = JSON.parse(block.dataset.citeTemplates);
    var day = accessed(new Date(), rules);
    block.querySelectorAll("pre.mv-citation").forEach(function (pre) {
      var which = (templates[pre.dataset.format] || "").match(/\{(accessed_\w+)\}/);
      if (which) { pre.textContent = pre.textContent.replace(rules.prompt, day[which[1]]); }
    });
  }

  window.mvOnPage(setup);
})();
