/* Suggestions as you type, for search boxes with data-suggest="<url>".
   A <datalist> holds titles that contain the words typed so far; the browser
   shows them. Without JavaScript the search box works as a plain form. */
(function () {
  "use strict";
  var inputs = document.querySelectorAll("input[data-suggest]");
  Array.prototype.forEach.call(inputs, function (input, index) {
    var list = document.createElement("datalist");
    list.id = "search-suggestions-" + index;
    input.parentNode.appendChild(list);
    input.setAttribute("list", list.id);
    var timer = null;
    var latest = "";
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var words = input.value.trim();
      if (words.length < 2) { list.textContent = ""; return; }
      timer = setTimeout(function () {
        latest = words;
        fetch(input.getAttribute("data-suggest") + "?q=" + encodeURIComponent(words), {
          headers: { "Accept": "application/json" }
        })
          .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
          .then(function (data) {
            if (words !== latest) return;
            list.textContent = "";
            data.suggestions.forEach(function (title) {
              var option = document.createElement("option");
              option.value = title;
              list.appendChild(option);
            });
          })
          .catch(function () { list.textContent = ""; });
      }, 200);
    });
  });
})();
