// Starts Redoc on /api/v1/redoc/ (a static file, so the page needs no inline script under
// the Content-Security-Policy): the schema URL and settings come from data attributes.
(function () {
  "use strict";
  var container = document.getElementById("redoc-container");
  if (!container || !window.Redoc) return;
  var settings = JSON.parse(container.getAttribute("data-settings") || "{}");
  window.Redoc.init(container.getAttribute("data-spec-url"), settings, container);
})();
