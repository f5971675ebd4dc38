/* The light/dark switch (partials/palette.html): the reader's choice is applied to the page and
 * remembered for the next (where the theme's own component kept it: __md_set("__palette")). */
(function () {
  "use strict";

  var form = document.querySelector(".mv-palette");
  if (!form) { return; }
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input[name='__palette']"));
  var themeColor = document.createElement("meta");  // the browser's own bar takes the header's colour
  themeColor.name = "theme-color";
  document.head.appendChild(themeColor);

  function matchHeader() {
    var header = document.querySelector(".md-header");
    if (header) { themeColor.content = getComputedStyle(header).backgroundColor; }
  }

  /* Show the toggle that leads from the palette shown to the next. */
  function showToggle(index) {
    inputs.forEach(function (input, i) {
      var label = input.nextElementSibling;
      if (label && label.tagName === "LABEL") { label.hidden = i !== index; }
    });
  }

  function checkedIndex() {
    return inputs.findIndex(function (input) { return input.checked; });
  }

  function apply(index) {
    var color = window.mvShowPalette(inputs[index]);  // the header's inline script (partials/javascripts/palette.html)
    showToggle(index);
    __md_set("__palette", { index: index, color: color });  // the shape the theme stored
    matchHeader();
  }

  inputs.forEach(function (input, index) {
    input.addEventListener("change", function () { apply(index); });
  });
  // Enter on the focused switch moves to the other palette, as in the theme
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") { return; }
    var next = inputs[(checkedIndex() + 1) % inputs.length];
    next.click();
    next.focus();
  });
  // the inline script in the header checked the palette it applied before the first paint
  showToggle(Math.max(0, checkedIndex()));
  matchHeader();
})();
