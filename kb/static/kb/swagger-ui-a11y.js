/* Accessibility fixes to what Swagger UI draws, applied as React adds it to the page (it has
 * no setting for any of them):
 * - a parameter's enum <select> (and the text box of some types) has no label: a screen
 *   reader announced a bare "combo box"; each is named after its parameter ("kind (query)");
 * - a response body too long for its box scrolls only with a mouse: it joins the tab order
 *   (arrow keys then scroll it);
 * - headings skip levels (the operation groups and "Schemas" are <h3>/<h4> straight under
 *   the <h1> title, "Parameters" and "Responses" <h4> under them, "Response body" <h5>): 2, 3 and 4;
 * - the API's title block sits outside every landmark, and each response table is an
 *   unnamed region: the block becomes a named region, each table is named after its
 *   operation.
 */
(function () {
  "use strict";

  function nameParameters() {
    document.querySelectorAll(".swagger-ui tr[data-param-name]").forEach(function (row) {
      var where = row.getAttribute("data-param-in");
      var name = row.getAttribute("data-param-name") + (where ? " (" + where + ")" : "");
      row.querySelectorAll("select, input, textarea").forEach(function (control) {
        if (control.type === "hidden" || control.getAttribute("aria-label")) return;
        if (control.id && document.querySelector('label[for="' + control.id + '"]')) return;
        control.setAttribute("aria-label", name);
      });
    });
  }

  function focusableCode() {
    document.querySelectorAll(".swagger-ui .highlight-code > pre:not([tabindex])").forEach(
      function (code) {
        code.setAttribute("tabindex", "0");
      }
    );
  }

  function structure() {
    var levels = [
      [".swagger-ui h3.opblock-tag, .swagger-ui .models > h4", "2"],
      [".swagger-ui .opblock-body h4", "3"],
      [".swagger-ui .opblock-body h5", "4"],
    ];
    levels.forEach(function (pair) {
      document.querySelectorAll(pair[0]).forEach(function (heading) {
        if (!heading.hasAttribute("aria-level")) heading.setAttribute("aria-level", pair[1]);
      });
    });
    var info = document.querySelector(".swagger-ui .information-container:not([role])");
    if (info) {
      info.setAttribute("role", "region");
      info.setAttribute("aria-label", "About this API");
    }
    document.querySelectorAll(".swagger-ui table.responses-table[role=region]:not([aria-label])")
      .forEach(function (table) {
        var block = table.closest(".opblock");
        var path = block && block.querySelector(".opblock-summary-path");
        var method = block && block.querySelector(".opblock-summary-method");
        var what = (method ? method.textContent + " " : "") + (path ? path.textContent : "");
        table.setAttribute("aria-label", "Responses of " + what.trim());
      });
  }

  function fix() {
    nameParameters();
    focusableCode();
    structure();
  }

  new MutationObserver(fix).observe(document.body, { childList: true, subtree: true });
  fix();
})();
