// Starts Swagger UI on the API reference page (templates/api/swagger_ui.html). A file of its
// own: the Content-Security-Policy runs no inline script.
"use strict";

(function () {
  const root = document.getElementById("swagger-ui");
  const unsafe = (method) => !["GET", "HEAD", "OPTIONS", undefined].includes(method);
  window.ui = SwaggerUIBundle({
    url: root.dataset.schemaUrl,
    dom_id: "#swagger-ui",
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    deepLinking: true,
    validatorUrl: null, // no badge fetched from another site
    // "Try it out" with the site's session: Django's CSRF check wants its token on a PUT.
    requestInterceptor: (request) => {
      if (unsafe(request.method)) {
        request.headers[root.dataset.csrfHeader] = root.dataset.csrfToken;
      }
      return request;
    },
  });
})();
