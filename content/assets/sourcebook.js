/* Static filters: speakers on an article page, types on the actors index. No server needed. */
(function () {
  function setup() {
    // The theme's search dialog has no accessible name; give it one.
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search");
    var buttons = document.querySelectorAll(".sb-filter__btn");
    buttons.forEach(function (btn) {
      btn.addEventListener("click", function () {
        var type = btn.getAttribute("data-type");
        buttons.forEach(function (b) { b.setAttribute("aria-pressed", b === btn ? "true" : "false"); });
        document.querySelectorAll(".sb-actors tbody tr").forEach(function (row) {
          row.hidden = !!type && row.getAttribute("data-type") !== type;
        });
      });
    });
    var quotes = document.querySelectorAll(".sb-quote[data-speaker]");
    var article = document.querySelector(".md-content article");
    if (!quotes.length || !article || document.querySelector(".sb-speaker-filter")) return;
    var names = {};
    quotes.forEach(function (quote) {
      // A quote's tag follows it (after its closing mark).
      var tag = quote.nextElementSibling;
      if (!tag || !tag.classList.contains("sb-tag")) return;
      var key = quote.getAttribute("data-speaker");
      var name = tag.querySelector(".sb-tag__name");
      if (key && name && !(key in names)) names[key] = name.textContent;
    });
    var keys = Object.keys(names).sort(function (a, b) { return names[a].localeCompare(names[b]); });
    if (!keys.length) return;
    var label = document.createElement("label");
    label.className = "sb-speaker-filter";
    label.textContent = "Highlight a speaker: ";
    var select = document.createElement("select");
    select.innerHTML = "";
    var all = document.createElement("option");
    all.value = ""; all.textContent = "Everyone";
    select.appendChild(all);
    keys.forEach(function (k) {
      var opt = document.createElement("option");
      opt.value = k; opt.textContent = names[k];
      select.appendChild(opt);
    });
    select.addEventListener("change", function () {
      var chosen = select.value;
      quotes.forEach(function (q) {
        var mine = q.getAttribute("data-speaker") === chosen;
        q.classList.toggle("sb-dim", !!chosen && !mine);
        q.classList.toggle("sb-focus", !!chosen && mine);
      });
    });
    label.appendChild(select);
    var summary = article.querySelector(".sb-summary");
    (summary || article.firstElementChild).insertAdjacentElement("afterend", label);
  }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(setup); }
  else if (document.readyState !== "loading") { setup(); }
  else { document.addEventListener("DOMContentLoaded", setup); }
})();
