/* Sourcebook: a big site's search index comes in parts (pagefind/part-2/, …),
   listed by pagefind/sourcebook-parts.js; Pagefind's search box merges them into
   one search. Runs after the search box's script and before its first search,
   which loads the index. */
(function () {
  var parts = window.sourcebookSearchParts || [];
  var components = window.PagefindComponents;
  if (!parts.length || !components) return;
  var instance = components.getInstanceManager().getInstance("default");
  var base = new URL(instance.options.bundlePath, document.baseURI);
  instance.options.mergeIndex = parts.map(function (part) {
    return { bundlePath: new URL(part, base).pathname };
  });
})();
