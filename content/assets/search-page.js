/* Sourcebook's search page (search.md): Pagefind's own API, with menus for the filters the
   pages carry (type, outlet, year, month, source) and a date order. Runs only on that page;
   works offline, from the site's own pagefind/ folder, under any sub-path. */
(function () {
  var PAGE = 20;

  function bundle() {
    var ui = document.querySelector('script[src*="pagefind-component-ui.js"]');
    return ui ? new URL(".", ui.src) : null;
  }

  // Pagefind's excerpt is escaped text with <mark> around the words found: keep exactly that.
  function excerpt(html) {
    var box = document.createElement("template");
    box.innerHTML = html;
    var out = document.createDocumentFragment();
    box.content.childNodes.forEach(function (node) {
      if (node.nodeType === 3) out.appendChild(document.createTextNode(node.textContent));
      else if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else out.appendChild(document.createTextNode(node.textContent || ""));
    });
    return out;
  }

  async function start(root) {
    var base = bundle();
    if (!base) return;
    var pagefind = await import(new URL("pagefind.js", base).href);
    await pagefind.options({ baseUrl: new URL("..", base).pathname });
    try {
      var parts = await (await fetch(new URL("sourcebook-parts.json", base), { cache: "no-cache" })).json();
      for (var i = 0; i < parts.length; i++) await pagefind.mergeIndex(new URL(parts[i], base).href);
    } catch (e) { /* one part: nothing to merge */ }
    await pagefind.init();
    var form = root.querySelector("form");
    var input = form.querySelector("input[name=q]");
    var order = form.querySelector("select[name=sort]");
    var selects = form.querySelectorAll("select[data-filter]");
    var list = root.querySelector(".sb-search-page__results");
    var count = root.querySelector(".sb-search-page__count");
    var more = root.querySelector(".sb-search-page__more");
    var available = await pagefind.filters();
    selects.forEach(function (select) {
      var values = Object.keys(available[select.getAttribute("data-filter")] || {}).sort();
      if (select.getAttribute("data-filter") === "month" || select.getAttribute("data-filter") === "year") values.reverse();
      if (!values.length) { select.closest("label").hidden = true; return; }
      values.forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = value;
        select.appendChild(option);
      });
    });
    var found = [], shown = 0, run = 0;

    async function show() {
      var batch = found.slice(shown, shown + PAGE);
      shown += batch.length;
      var data = await Promise.all(batch.map(function (r) { return r.data(); }));
      data.forEach(function (d) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = d.url;
        link.textContent = (d.meta && d.meta.title) || d.url;
        var text = document.createElement("p");
        text.appendChild(excerpt(d.excerpt || ""));
        item.appendChild(link);
        item.appendChild(text);
        list.appendChild(item);
      });
      more.hidden = shown >= found.length;
    }

    async function search() {
      var mine = ++run;
      var filters = {};
      selects.forEach(function (s) { if (s.value) filters[s.getAttribute("data-filter")] = s.value; });
      var words = input.value.trim();
      var options = { filters: filters };
      if (order.value) options.sort = { date: order.value };
      list.textContent = "";
      more.hidden = true;
      if (!words && !Object.keys(filters).length && !order.value) { count.textContent = ""; return; }
      var result = await pagefind.search(words || null, options);
      if (mine !== run) return;
      found = result ? result.results : [];
      shown = 0;
      count.textContent = found.length === 1 ? "1 page found" : found.length + " pages found";
      await show();
    }

    var timer = null;
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(search, 200); });
    form.addEventListener("submit", function (event) { event.preventDefault(); search(); });
    selects.forEach(function (s) { s.addEventListener("change", search); });
    order.addEventListener("change", search);
    more.addEventListener("click", show);
    var asked = new URLSearchParams(window.location.search).get("q");
    if (asked) { input.value = asked; search(); }
    root.hidden = false;
    root.setAttribute("data-ready", "");
  }

  function setup() {
    var root = document.querySelector(".sb-search-page");
    if (root && !root.sbStarted) {
      root.sbStarted = true;
      start(root).catch(function (error) {
        root.hidden = false;
        root.querySelector(".sb-search-page__count").textContent = "Search could not load: " + error.message;
      });
    }
  }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(setup); }
  else if (document.readyState !== "loading") { setup(); }
  else { document.addEventListener("DOMContentLoaded", setup); }
})();
