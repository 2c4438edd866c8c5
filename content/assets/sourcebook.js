/* The reader's tools, no server needed: the actors table (sorted by a column, filtered by
   type and by text, a page at a time), source cards on touch screens, "Correct this" on a
   card, "Highlight a speaker" on an article page, the review page's filters, and the
   outlet and month filters of the articles index and of an actor page. */
(function () {
  var collator = new Intl.Collator(undefined, { numeric: true });
  var ready = false;  // the document's listeners are set once

  // The actors index: thousands of rows, read once into a list with their sort keys; the
  // table shows one page of those that match the type and the text filter, in the chosen
  // order. A sort compares numbers only (names and types are ranked once, by the collator),
  // so sorting 4,000 actors takes a few milliseconds.
  var PAGE_SIZE = 100;
  function fold(text) { return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }

  function actorsTable() {
    var buttons = document.querySelectorAll(".sb-filter__btn");
    var table = document.querySelector(".sb-actors table");
    if (!table || table.sbSorts) return;
    table.sbSorts = true;
    var body = table.tBodies[0], headers = table.tHead.rows[0].cells;
    var tools = document.querySelector(".sb-actors-tools");
    var find = tools && tools.querySelector("input[type=search]");
    var count = tools && tools.querySelector(".sb-actors-tools__count");
    var pager = document.querySelector(".sb-pager");
    // A cell's value is its first node: the name without its aliases.
    function value(row, col) { return row.cells[col].firstChild.textContent.trim(); }
    var items = Array.prototype.map.call(body.rows, function (row) {
      return { row: row, type: row.getAttribute("data-type"), text: fold(row.cells[0].textContent),
               keys: Array.prototype.map.call(headers, function (th, col) {
                 return th.hasAttribute("data-numeric") ? Number(value(row, col)) : value(row, col);
               }) };
    });
    // Text columns become ranks: the collator runs once per column, never in a sort.
    Array.prototype.forEach.call(headers, function (th, col) {
      if (th.hasAttribute("data-numeric")) return;
      var ranked = items.slice().sort(function (a, b) { return collator.compare(a.keys[col], b.keys[col]); });
      var raw = ranked.map(function (item) { return item.keys[col]; }), rank = 0;
      ranked.forEach(function (item, i) {
        if (i && collator.compare(raw[i - 1], raw[i]) !== 0) rank = i;  // equals share a rank
        item.keys[col] = rank;
      });
    });
    var nameOrder = items.slice().sort(function (a, b) { return a.keys[0] - b.keys[0]; });
    nameOrder.forEach(function (item, rank) { item.name = rank; });
    var state = { type: "", query: "", page: 0 }, order = items, shown = items;

    function render() {
      shown = order.filter(function (item) {
        return (!state.type || item.type === state.type) && (!state.query || item.text.indexOf(state.query) !== -1);
      });
      var pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
      state.page = Math.min(state.page, pages - 1);
      var first = state.page * PAGE_SIZE, slice = shown.slice(first, first + PAGE_SIZE);
      var rows = document.createDocumentFragment();
      slice.forEach(function (item) { rows.appendChild(item.row); });
      body.textContent = "";
      body.appendChild(rows);
      if (count) {  // "1–100 of 3985 actors", "57 matching actors (3985 in all)"
        var filtered = !!(state.type || state.query);
        count.textContent = !shown.length ? "No actor matches" :
          (shown.length > PAGE_SIZE ? (first + 1) + "–" + (first + slice.length) + " of " : "") + shown.length +
          (filtered ? " matching actors (" + items.length + " in all)" : " actors");
      }
      if (pager) {
        pager.hidden = pages < 2;
        pager.querySelector(".sb-pager__where").textContent = "Page " + (state.page + 1) + " of " + pages;
        pager.querySelector("[data-page=prev]").disabled = state.page === 0;
        pager.querySelector("[data-page=next]").disabled = state.page >= pages - 1;
      }
    }
    function sort(col, dir) {
      order = items.slice().sort(function (a, b) {
        return (a.keys[col] - b.keys[col]) * dir || a.name - b.name;
      });
      Array.prototype.forEach.call(headers, function (th) {
        if (th.cellIndex === col) th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
        else th.removeAttribute("aria-sort");
      });
      state.page = 0;
      render();
    }
    buttons.forEach(function (btn) {
      btn.addEventListener("click", function () {
        state.type = btn.getAttribute("data-type") || "";
        state.page = 0;
        buttons.forEach(function (b) { b.setAttribute("aria-pressed", b === btn ? "true" : "false"); });
        render();
      });
    });
    if (find) {
      find.addEventListener("input", function () {
        state.query = fold(find.value.trim());
        state.page = 0;
        render();
      });
    }
    if (pager) {
      pager.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-page]");
        if (!button) return;
        state.page += button.getAttribute("data-page") === "next" ? 1 : -1;
        render();
        table.scrollIntoView({ block: "start" });
      });
    }
    // A heading's button (click, Enter or Space) sorts by its column, ascending first.
    table.tHead.addEventListener("click", function (event) {
      var th = event.target.closest("th");
      if (th) sort(th.cellIndex, th.getAttribute("aria-sort") === "ascending" ? -1 : 1);
    });
    // The A–Z links point at the first row of each letter in name order: sort by name,
    // show every actor, and turn to the page that holds the row before the browser goes to it.
    document.querySelectorAll(".sb-az a").forEach(function (link) {
      link.addEventListener("click", function () {
        if (headers[0].getAttribute("aria-sort") !== "ascending") sort(0, 1);
        var id = decodeURIComponent(link.hash.slice(1));  // its row may be on another page: not in the document
        var item = items.find(function (it) { return it.row.id === id; });
        if (!item) return;
        if (state.type && item.type !== state.type && buttons.length) buttons[0].click();  // show all types
        if (state.query && item.text.indexOf(state.query) === -1) { find.value = ""; state.query = ""; }
        render();
        state.page = Math.floor(shown.indexOf(item) / PAGE_SIZE);
        render();
      });
    });
    if (tools) tools.hidden = false;
    render();
  }

  // Keep a shown card inside the window: shift it sideways, or above its tag.
  function place(card) {
    card.style.left = card.style.top = card.style.bottom = "";
    var box = card.getBoundingClientRect(), margin = 8;
    if (!box.width) return;  // not shown
    var width = document.documentElement.clientWidth;
    card.style.left = Math.max(margin - box.left, Math.min(0, width - margin - box.right)) + "px";
    if (box.bottom > window.innerHeight && card.parentNode.getBoundingClientRect().top > box.height + margin) {
      card.style.top = "auto";
      card.style.bottom = "100%";
    }
  }

  function tagCards() {
    if (ready) return;
    ready = true;
    // On a touch screen the first tap on a tag opens its card; a link in it is followed on the next.
    var opening = null;
    document.addEventListener("pointerdown", function (event) {
      var tag = event.target.closest && event.target.closest(".sb-tag");
      document.querySelectorAll(".sb-tag--open").forEach(function (open) {
        if (open === tag) return;
        open.classList.remove("sb-tag--open");
        if (open.contains(document.activeElement)) document.activeElement.blur();
      });
      opening = null;
      var card = tag && tag.querySelector(".sb-card");
      if (event.pointerType !== "touch" || !card || tag.classList.contains("sb-tag--open")) return;
      opening = tag;
      tag.classList.add("sb-tag--open");
      place(card);
    });
    document.addEventListener("click", function (event) {
      if (opening && opening.contains(event.target)) event.preventDefault();
      opening = null;
    });
    document.addEventListener("pointercancel", function () {  // the finger scrolled instead
      if (opening) opening.classList.remove("sb-tag--open");
      opening = null;
    });
    // Hover and keyboard focus show a card by the style sheet; placed here.
    function shown(event) {
      var tag = event.target.closest && event.target.closest(".sb-tag");
      var card = tag && tag.querySelector(".sb-card");
      if (card && !tag.contains(event.relatedTarget)) place(card);
    }
    document.addEventListener("mouseover", shown);
    document.addEventListener("focusin", shown);
    // "Correct this": show the card's corrections.yml entry, selected, and copy it where the browser lets us.
    document.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest(".sb-fix__btn");
      if (!button) return;
      var code = document.getElementById(button.getAttribute("aria-controls"));
      var status = button.parentNode.querySelector(".sb-fix__status");
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", open ? "true" : "false");
      code.hidden = !open;
      if (status) status.textContent = "";
      place(button.closest(".sb-card"));
      if (!open) return;
      window.getSelection().selectAllChildren(code);
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(code.textContent).then(function () {
          if (status) status.textContent = "Copied: paste it into corrections.yml";
        }, function () { /* selected: the reader copies it */ });
      }
    });
  }

  // The review page: rows shown when they match every chosen filter.
  function reviewFilter() {
    var box = document.querySelector(".sb-review-filter");
    var list = document.querySelector(".sb-review");
    if (!box || !list || box.sbReady) return;
    box.sbReady = true;
    box.hidden = false;
    var selects = box.querySelectorAll("select[data-filter]");
    var count = box.querySelector(".sb-review-filter__count");
    var rows = list.children;
    function apply() {
      var shown = 0, chosen = false;
      selects.forEach(function (s) { chosen = chosen || !!s.value; });
      Array.prototype.forEach.call(rows, function (row) {
        var match = Array.prototype.every.call(selects, function (s) {
          return !s.value || row.getAttribute("data-" + s.getAttribute("data-filter")) === s.value;
        });
        row.hidden = !match;
        if (match) shown++;
      });
      count.textContent = chosen ? shown + " of " + rows.length + " shown" : "";
    }
    selects.forEach(function (s) { s.addEventListener("change", apply); });
  }

  function speakerFilter() {
    var quotes = document.querySelectorAll(".sb-quote[data-speaker]");
    var article = document.querySelector(".md-content article");
    if (!quotes.length || !article || document.querySelector(".sb-speaker-filter")) return;
    var names = {};
    quotes.forEach(function (quote) {
      var key = quote.getAttribute("data-speaker");
      if (!key || key in names) return;
      // An actor's own name; else the name on the tag that follows the quote (after its closing mark).
      var tag = quote.nextElementSibling;
      var shown = tag && tag.classList.contains("sb-tag") && tag.querySelector(".sb-tag__name");
      var name = quote.getAttribute("data-actor-name") || (shown && shown.textContent);
      if (name) names[key] = name;
    });
    var keys = Object.keys(names).sort(function (a, b) { return collator.compare(names[a], names[b]); });
    if (!keys.length) return;
    var box = document.createElement("div");
    box.className = "sb-speaker-filter";
    var label = document.createElement("label");
    label.textContent = "Highlight a speaker: ";
    var select = document.createElement("select");
    var all = document.createElement("option");
    all.value = ""; all.textContent = "Everyone";
    select.appendChild(all);
    keys.forEach(function (k) {
      var opt = document.createElement("option");
      opt.value = k; opt.textContent = names[k];
      select.appendChild(opt);
    });
    var count = document.createElement("span");
    count.className = "sb-speaker-filter__count";
    count.setAttribute("aria-live", "polite");
    select.addEventListener("change", function () {
      var chosen = select.value, first = null, n = 0;
      quotes.forEach(function (q) {
        var mine = !!chosen && q.getAttribute("data-speaker") === chosen;
        q.classList.toggle("sb-dim", !!chosen && !mine);
        q.classList.toggle("sb-focus", mine);
        if (mine && !n++) first = q;
      });
      count.textContent = chosen ? n + (n === 1 ? " quote" : " quotes") : "";
      if (first) first.scrollIntoView({ block: "center" });
    });
    label.appendChild(select);
    box.appendChild(label);
    box.appendChild(count);
    var summary = article.querySelector(".sb-summary");
    (summary || article.firstElementChild).insertAdjacentElement("afterend", box);
  }

  // The articles index and an actor page: items shown when they match every chosen filter
  // (outlet, month); on the index a month's heading is hidden with its last item.
  function listFilter() {
    var box = document.querySelector(".sb-list-filter");
    if (!box || box.sbReady) return;
    var lists = document.querySelectorAll(box.getAttribute("data-for"));
    if (!lists.length) return;
    box.sbReady = true;
    box.hidden = false;
    var selects = box.querySelectorAll("select[data-filter]");
    var count = box.querySelector(".sb-list-filter__count");
    var keepHeadings = box.hasAttribute("data-keep-headings");  // an actor page's sections stay
    function apply() {
      var shown = 0, all = 0, chosen = false;
      selects.forEach(function (s) { chosen = chosen || !!s.value; });
      lists.forEach(function (list) {
        var here = 0;
        Array.prototype.forEach.call(list.children, function (row) {
          var match = Array.prototype.every.call(selects, function (s) {
            return !s.value || row.getAttribute("data-" + s.getAttribute("data-filter")) === s.value;
          });
          row.hidden = !match;
          all++;
          if (match) { shown++; here++; }
        });
        var heading = list.previousElementSibling;
        if (!keepHeadings && heading && /^H[2-4]$/.test(heading.tagName)) heading.hidden = here === 0;
      });
      count.textContent = chosen ? shown + " of " + all + " shown" : "";
    }
    selects.forEach(function (s) { s.addEventListener("change", apply); });
  }

  function setup() {
    // The theme's search dialog has no accessible name; give it one.
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search");
    actorsTable();
    tagCards();
    speakerFilter();
    reviewFilter();
    listFilter();
  }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(setup); }
  else if (document.readyState !== "loading") { setup(); }
  else { document.addEventListener("DOMContentLoaded", setup); }
})();
