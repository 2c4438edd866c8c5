/* Sourcebook: a big site's search index comes in parts (pagefind/part-2/, …),
   listed in pagefind/sourcebook-parts.json; Pagefind's search box merges them
   into one search. The list is fetched fresh (a rebuild may change the parts),
   so it can arrive after the box has loaded its index: then the parts are
   merged into the loaded index, else handed to the box for its first load. */
(function () {
  var components = window.PagefindComponents;
  if (!components) return;
  var manager = components.getInstanceManager();
  if (!manager.hasInstance("default")) return;  // no search box on this page
  var instance = manager.getInstance("default");
  var base = new URL(instance.options.bundlePath, document.baseURI);
  fetch(new URL("sourcebook-parts.json", base), { cache: "no-cache" })
    .then(function (response) { return response.ok ? response.json() : []; })
    .then(function (parts) {
      var paths = parts.map(function (part) { return new URL(part, base).pathname; });
      if (!paths.length) return;
      if (instance.__pagefind__) {
        paths.forEach(function (path) { instance.__pagefind__.mergeIndex(path); });
      } else {
        instance.options.mergeIndex = paths.map(function (path) { return { bundlePath: path }; });
      }
    })
    .catch(function () { /* search still works on the first part */ });
})();
