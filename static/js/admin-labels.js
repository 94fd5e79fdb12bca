/* Names for form controls that Django's admin leaves without one, so screen readers say
   what each is for:
   - the inputs in a tabular inline (the references table) get their column heading;
   - the autocomplete boxes (select2) get the label of the select they stand in for.
   select2 builds its boxes after this runs, and "Add another" adds rows, so the page is
   looked at again whenever something is added to it. */
(function () {
  "use strict";
  var made = 0;

  function idOf(element) {
    if (!element.id) element.id = "hemed-name-" + (made += 1);
    return element.id;
  }

  function named(field) {
    return field.labels && field.labels.length || field.hasAttribute("aria-label") || field.hasAttribute("aria-labelledby");
  }

  function columnHeading(cell) {
    var table = cell.closest("table");
    var field = /(?:^|\s)field-(\S+)/.exec(cell.className);
    if (field) return table.querySelector("thead th.column-" + field[1]);
    if (cell.classList.contains("delete")) {
      var headings = table.querySelectorAll("thead th");
      return headings[headings.length - 1];
    }
    return null;
  }

  function nameTabularInlines() {
    document.querySelectorAll(".inline-group .tabular tbody td").forEach(function (cell) {
      var fields = cell.querySelectorAll("input:not([type=hidden]), select, textarea");
      if (!fields.length) return;
      var heading = columnHeading(cell);
      if (!heading || !heading.textContent.trim()) return;
      fields.forEach(function (field) {
        if (!named(field)) field.setAttribute("aria-labelledby", idOf(heading));
      });
    });
  }

  // The id of what names a select: its <label>, or what it was given above.
  function nameOf(select) {
    if (select.labels && select.labels.length) return idOf(select.labels[0]);
    return select.getAttribute("aria-labelledby");
  }

  function nameAutocompletes() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var box = select.nextElementSibling;
      var name = nameOf(select);
      if (!box || !box.classList.contains("select2") || !name) return;
      var combobox = box.querySelector("[role=combobox]");
      var shown = box.querySelector(".select2-selection__rendered");
      if (combobox && (combobox.getAttribute("aria-labelledby") || "").split(" ").indexOf(name) === -1) {
        // The field's name, then what is chosen.
        combobox.setAttribute("aria-labelledby", name + (shown && shown.id ? " " + shown.id : ""));
      }
      if (shown && shown.getAttribute("role") === "textbox" && !named(shown)) shown.setAttribute("aria-labelledby", name);
      box.querySelectorAll(".select2-search__field").forEach(function (search) {
        if (!named(search)) search.setAttribute("aria-labelledby", name);
      });
    });
    // The search box of an open autocomplete list, which select2 adds at the end of the page.
    document.querySelectorAll(".select2-dropdown .select2-search__field").forEach(function (search) {
      if (!named(search)) search.setAttribute("aria-label", "Type to search");
    });
  }

  var queued = false;
  function nameAll() {
    queued = false;
    nameTabularInlines();
    nameAutocompletes();
  }

  document.addEventListener("DOMContentLoaded", function () {
    nameAll();
    new MutationObserver(function () {
      if (!queued) {
        queued = true;
        window.requestAnimationFrame(nameAll);
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
})();
