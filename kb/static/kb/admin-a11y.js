/* Accessible names for the widgets the admin's bundled scripts build in the browser.
 *
 * Select2 4.0.13 (the autocomplete widgets) and SelectFilter2 (filter_horizontal) create their
 * controls after the page loads, without a name a screen reader can announce: the select2
 * combobox is labelled only by its current value (nothing when empty), its multiple-choice
 * search box has no label at all, a <span> sits among the <li> of its choice list, and the
 * filter boxes put aria-label on a plain <span>. No setting of either library changes that,
 * so this script names them from the field's own <label> as they appear (a mutation observer:
 * inline rows added later and re-rendered choices included). Django's HTML is untouched.
 */
(function () {
  "use strict";

  function labelFor(select) {
    if (!select || !select.id) return null;
    var label = document.querySelector('label[for="' + select.id + '"]');
    if (label && !label.id) label.id = select.id + "_label";
    return label;
  }

  function labelText(label) {
    return label.textContent.replace(/\s+/g, " ").replace(/[:\s]+$/, "").trim();
  }

  function nameSelect2(container) {
    var select = container.previousElementSibling;
    if (!select || select.tagName !== "SELECT") return;
    var label = labelFor(select);
    if (!label) return;
    var selection = container.querySelector('.select2-selection[role="combobox"]');
    if (!selection) return;
    var rendered = selection.querySelector(".select2-selection__rendered");
    if (selection.classList.contains("select2-selection--single") && rendered) {
      // The combobox reads "<label> <value>"; the value is its content, not a second textbox.
      if (!rendered.id) rendered.id = select.id + "_value";
      rendered.removeAttribute("role");
      rendered.removeAttribute("aria-readonly");
      selection.setAttribute("aria-labelledby", label.id + " " + rendered.id);
    } else {
      selection.setAttribute("aria-labelledby", label.id);
    }
    var search = container.querySelector(".select2-search__field");
    if (search) search.setAttribute("aria-label", labelText(label));
    // allowClear puts its "×" <span> straight into the choice <ul>: a mouse-only control
    // (Backspace clears from the keyboard), hidden from assistive technology.
    container.querySelectorAll(".select2-selection__clear").forEach(function (clear) {
      clear.setAttribute("aria-hidden", "true");
    });
  }

  function fix(root) {
    root.querySelectorAll("span.select2-container").forEach(nameSelect2);
    // aria-label is not allowed on a role-less <span>: the icon is an image with that text.
    root.querySelectorAll("span.help-tooltip[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }

  function start() {
    fix(document);
    new MutationObserver(function () {
      fix(document);
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
