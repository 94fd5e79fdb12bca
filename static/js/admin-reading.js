/* Keep the reading-age panel up to date while an editor writes, on a new page before its
   first save too. 800 ms after the last change the text goes to the reading_panel
   endpoint (which answers within its limits), with the summary and how many references
   are filled in where the panel asks for them (data-summary-input, data-references-group). */
(function () {
  "use strict";
  var DELAY = 800;

  document.addEventListener("DOMContentLoaded", function () {
    var panel = document.querySelector(".hemed-reading[data-reading-url]");
    var editor = document.querySelector("textarea.markdownx-editor");
    if (!panel) return;
    if (!editor) {
      // A new page of a kind with no markdown text (a source, say): nothing to measure.
      if (panel.hasAttribute("data-reading-refresh")) panel.hidden = true;
      return;
    }
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    var summary = document.getElementById(panel.getAttribute("data-summary-input") || "");
    var references = document.getElementById(panel.getAttribute("data-references-group") || "");
    var timer = null;
    var latest = 0;

    function show(name, value) {
      var target = panel.querySelector('[data-reading="' + name + '"]');
      if (target) target.textContent = value;
    }

    function list(items) {
      var target = panel.querySelector('[data-reading="warnings"]');
      target.textContent = "";
      items.forEach(function (text) {
        var item = document.createElement("li");
        item.textContent = text;
        target.appendChild(item);
      });
    }

    // Rows with something typed or picked, not marked for deletion. The order number and
    // the Delete box do not count, so the empty rows "Add another" makes are left out.
    function filledReferences() {
      var count = 0;
      references.querySelectorAll("tr.form-row:not(.empty-form), .inline-related:not(.empty-form)").forEach(function (row) {
        var remove = row.querySelector("input[name$='-DELETE']");
        if (remove && remove.checked) return;
        var fields = row.querySelectorAll("input[type=text], input[type=url], select, textarea");
        if (Array.prototype.some.call(fields, function (field) { return field.value.trim() !== ""; })) count += 1;
      });
      return count;
    }

    function refresh() {
      var body = new FormData();
      body.append("content", editor.value);
      if (summary) body.append("summary", summary.value);
      if (references) body.append("references", filledReferences());
      if (token) body.append("csrfmiddlewaretoken", token.value);
      var request = latest += 1;
      fetch(panel.getAttribute("data-reading-url"), { method: "POST", body: body, credentials: "same-origin" })
        .then(function (response) {
          // 413 and 422 carry a message for the editor (text too long or too complex).
          if (response.ok || response.status === 413 || response.status === 422) return response.json();
          return { error: "The checks could not be updated just now (the server answered " + response.status + ")." };
        })
        .catch(function () {
          return { error: "The checks could not be updated just now: check the connection." };
        })
        .then(function (data) {
          if (request !== latest) return;  // an answer to older text
          if (data.error) {
            list([data.error]);
            return;
          }
          // One decimal place, as the page shows them when it opens.
          ["grade", "ease", "average_sentence"].forEach(function (name) { show(name, Number(data[name]).toFixed(1)); });
          show("long_sentences", data.long_sentences);
          show("unexplained", data.unexplained.length ? data.unexplained.join(", ") : "none");
          list(data.warnings.length ? data.warnings : ["No problems found."]);
        });
    }

    function later() {
      clearTimeout(timer);
      timer = setTimeout(refresh, DELAY);
    }

    editor.addEventListener("input", later);
    // markdownx adds a dropped image's markdown without an input event.
    editor.addEventListener("keyup", function (event) { if (event.key === undefined) later(); });
    if (summary) summary.addEventListener("input", later);
    if (references) {
      references.addEventListener("input", later);
      references.addEventListener("change", later);
      // select2 (the source picker) reports a choice through jQuery only.
      if (window.django && window.django.jQuery) window.django.jQuery(references).on("change", later);
      document.addEventListener("formset:added", later);
      document.addEventListener("formset:removed", later);
    }
    // A page not saved yet has no numbers from the server: fetch them now.
    if (panel.hasAttribute("data-reading-refresh")) refresh();
  });
})();
