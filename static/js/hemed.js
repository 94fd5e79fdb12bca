/*
 * hemed bootstrap for nhsuk-frontend, without any inline script (the site's
 * Content-Security-Policy is script-src 'self').
 *
 * Load it as a classic (not module) script, as the FIRST element in <body>,
 * exactly where nhsuk-frontend's own page template puts its inline snippet:
 *
 *   <body>
 *     <script src="{% static 'js/hemed.js' %}"></script>
 *     ...
 *     <script type="module" src="{% static 'vendor/nhsuk-frontend/nhsuk-frontend.min.js' %}"
 *             data-hemed-nhsuk-frontend></script>
 *   </body>
 *
 * 1. At once (before the page is drawn, so nothing jumps): add the body
 *    classes `js-enabled` and, where ES modules work, `nhsuk-frontend-supported`
 *    that nhsuk-frontend's CSS and JS check for.
 * 2. When the page has been parsed: import the nhsuk-frontend ES module from
 *    the URL of the module <script> tag (the same URL, so the browser reuses
 *    the module it already loaded) and call its initAll().
 *
 * Browsers too old for import() stop at a syntax error before step 1 and get
 * the no-JavaScript version of every component, which works on its own.
 */
(function () {
  "use strict";

  var body = document.body;
  if (!body) {
    return;
  }

  var supported = "noModule" in HTMLScriptElement.prototype;
  body.classList.add("js-enabled");
  if (!supported) {
    return;
  }
  body.classList.add("nhsuk-frontend-supported");

  function init() {
    var tag = document.querySelector("script[data-hemed-nhsuk-frontend]");
    if (!tag || !tag.src) {
      return;
    }
    import(tag.src).then(
      function (nhsuk) {
        nhsuk.initAll();
      },
      function (error) {
        if (window.console) {
          window.console.error("hemed: could not load nhsuk-frontend", error);
        }
      }
    );
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
