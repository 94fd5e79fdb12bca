/* Refresh the reading-age panel while an editor types in the markdown editor. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var panel = document.querySelector(".hemed-reading[data-reading-url]");
    var editor = document.querySelector("textarea.markdownx-editor");
    if (!panel || !editor) return;
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    var timer = null;
    function show(name, value) {
      var target = panel.querySelector('[data-reading="' + name + '"]');
      if (target) target.textContent = value;
    }
    editor.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var body = new FormData();
        body.append("content", editor.value);
        if (token) body.append("csrfmiddlewaretoken", token.value);
        fetch(panel.getAttribute("data-reading-url"), { method: "POST", body: body, credentials: "same-origin" })
          .then(function (response) {
            // 413 and 422 carry a message for the editor (text too long or too complex).
            return response.ok || response.status === 413 || response.status === 422 ? response.json() : null;
          })
          .then(function (data) {
            if (!data) return;
            if (data.error) {
              var errors = panel.querySelector('[data-reading="warnings"]');
              errors.textContent = "";
              var item = document.createElement("li");
              item.textContent = data.error;
              errors.appendChild(item);
              return;
            }
            ["grade", "ease", "average_sentence", "long_sentences"].forEach(function (name) { show(name, data[name]); });
            show("unexplained", data.unexplained.length ? data.unexplained.join(", ") : "none");
            var list = panel.querySelector('[data-reading="warnings"]');
            list.textContent = "";
            (data.warnings.length ? data.warnings : ["No problems found."]).forEach(function (text) {
              var item = document.createElement("li");
              item.textContent = text;
              list.appendChild(item);
            });
          });
      }, 800);
    });
  });
})();
