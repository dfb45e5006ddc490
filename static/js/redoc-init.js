// Starts ReDoc on the API reference page (templates/api/redoc.html). A file of its own: the
// Content-Security-Policy runs no inline script. ReDoc puts the response's nonce on the
// <style> elements it makes, the only inline styles this page's policy allows.
"use strict";

(function () {
  const root = document.getElementById("redoc-container");
  // No search: its worker would be built from a blob, which the policy refuses.
  const options = { nonce: root.dataset.nonce, disableSearch: true };
  Redoc.init(root.dataset.schemaUrl, options, root);
})();
