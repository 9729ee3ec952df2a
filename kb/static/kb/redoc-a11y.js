/* Redoc puts an operation's "Authorizations:", "Query parameters" and "Request body schema"
 * headings at <h5> straight under the operation's <h2> (axe: heading-order): they read as
 * level 3, beside its "Responses" <h3>. Its example blocks (<pre>, e.g. a CSV export's long
 * header row) scroll sideways but cannot be reached from the keyboard (axe:
 * scrollable-region-focusable): they join the tab order. Redoc has no setting for either;
 * applied as it renders. */
(function () {
  "use strict";

  function fix() {
    document.querySelectorAll("main h5:not([aria-level])").forEach(function (heading) {
      heading.setAttribute("aria-level", "3");
    });
    document.querySelectorAll("main pre:not([tabindex])").forEach(function (block) {
      block.setAttribute("tabindex", "0");
    });
  }

  new MutationObserver(fix).observe(document.body, { childList: true, subtree: true });
  fix();
})();
