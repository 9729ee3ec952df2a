/* Redoc puts an operation's "Authorizations:", "Query parameters" and "Request body schema"
 * headings at <h5> straight under the operation's <h2> (axe: heading-order): they read as
 * level 3, beside its "Responses" <h3>. Redoc has no setting for it; applied as it renders. */
(function () {
  "use strict";

  function levels() {
    document.querySelectorAll("main h5:not([aria-level])").forEach(function (heading) {
      heading.setAttribute("aria-level", "3");
    });
  }

  new MutationObserver(levels).observe(document.body, { childList: true, subtree: true });
  levels();
})();
