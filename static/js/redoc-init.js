// Starts ReDoc on the API reference page (templates/api/redoc.html). A file of its own: the
// Content-Security-Policy runs no inline script.
"use strict";

(function () {
  const root = document.getElementById("redoc-container");
  Redoc.init(root.dataset.schemaUrl, {}, root);
})();
