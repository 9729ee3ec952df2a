/* Filter forms send only the fields a reader filled in.
 *
 * A GET form submits every field, so an untouched form produced URLs such as
 * ?actor=&kind=&date_after=&ordering= . The server ignores empty values, but the address is
 * what readers copy and share, and what the API takes: disabling the empty fields just
 * before submitting leaves them out. Without JavaScript the form still works (empties are
 * ignored on the server).
 */
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("filters")) return;
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.name && !field.disabled && field.value === "" && field.type !== "submit") {
        field.disabled = true;
      }
    });
    // Back/forward cache: a restored page must not keep the fields disabled.
    window.addEventListener("pageshow", function () {
      Array.prototype.forEach.call(form.elements, function (field) { field.disabled = false; });
    }, { once: true });
  });
})();
