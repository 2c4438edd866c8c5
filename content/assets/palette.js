/* Sourcebook: apply the colour scheme the reader chose (saved by the theme under
   "__palette") to the page, before it paints. Runs from the header, synchronously. */
(function () {
  var saved = __md_get("__palette");
  if (!saved || !saved.color) return;
  var color = saved.color;
  if (color.media === "(prefers-color-scheme)") {
    // "Automatic": take the palette entry whose media query the system matches now.
    var light = matchMedia("(prefers-color-scheme: light)").matches;
    var entry = document.querySelector("[data-md-color-media='(prefers-color-scheme: " + (light ? "light" : "dark") + ")']");
    if (entry) {
      ["media", "scheme", "primary", "accent"].forEach(function (key) {
        color[key] = entry.getAttribute("data-md-color-" + key);
      });
    }
  }
  Object.keys(color).forEach(function (key) {
    document.body.setAttribute("data-md-color-" + key, color[key]);
  });
})();
