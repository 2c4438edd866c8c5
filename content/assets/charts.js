/* The dashboard's charts: each figure's Vega-Lite spec (JSON in the page, made at build time
   by builder/charts.py) drawn by the vendored vega-embed (assets/vendor/), in the colours of
   the page's scheme, and drawn again when the reader switches scheme. Without vega (a file
   that failed to load, an error) the tables below the charts are opened: they hold every
   number. */
(function () {
  var CSS_VAR = /^var\((--[\w-]+)\)$/;

  // A spec names colours and the font as CSS variables; vega needs their values.
  function resolve(value, style) {
    if (typeof value === "string") {
      var found = CSS_VAR.exec(value);
      if (!found) return value;
      return style.getPropertyValue(found[1]).trim() || (/font/.test(found[1]) ? "sans-serif" : "currentColor");
    }
    if (Array.isArray(value)) return value.map(function (v) { return resolve(v, style); });
    if (value && typeof value === "object") {
      var out = {};
      Object.keys(value).forEach(function (key) { out[key] = resolve(value[key], style); });
      return out;
    }
    return value;
  }

  function showTable(figure) {
    var view = figure.querySelector(".sb-vega__view");
    if (view) view.hidden = true;
    for (var next = figure.nextElementSibling; next; next = next.nextElementSibling) {
      if (next.matches("details.sb-chart__data")) { next.open = true; return; }
      if (!next.matches("p, figure") || next.matches(".sb-vega")) return;
    }
  }

  function draw() {
    var figures = document.querySelectorAll("figure.sb-vega");
    if (!figures.length) return;
    if (typeof window.vegaEmbed !== "function" || !window.vega || !window.vegaLite) {
      figures.forEach(showTable);
      document.querySelectorAll("details.sb-chart__data").forEach(function (d) { d.open = true; });
      return;
    }
    var style = getComputedStyle(document.body);
    figures.forEach(function (figure) {
      // vega names its container after the spec: it draws inside the figure's named image.
      var view = figure.querySelector(".sb-vega__canvas");
      var spec;
      try {
        spec = resolve(JSON.parse(figure.querySelector(".sb-vega__spec").textContent), style);
      } catch (error) {
        showTable(figure);
        return;
      }
      if (view.sbView) view.sbView.finalize();
      var drawing;
      try {
        drawing = window.vegaEmbed(view, spec, { renderer: "svg", actions: false, logLevel: 1 /* vega.Error: no warnings */ });
      } catch (error) {
        showTable(figure);
        return;
      }
      drawing.then(function (result) {
        view.sbView = result.view;
        // The figure is one image named for screen readers (its numbers are in the table
        // below); the marks inside it are not read one by one.
        view.setAttribute("aria-hidden", "true");
        figure.classList.add("sb-vega--drawn");
      }, function () { showTable(figure); });
    });
  }

  function start() {
    draw();
    // material's colour switch changes the body's scheme: draw in the new colours.
    new MutationObserver(draw).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
