/* Glossary links show their definition on hover and keyboard focus.
   Without JavaScript the link still goes to the term in the glossary.
   The tooltip can be dismissed with Escape and hovered over (WCAG 1.4.13). */
(function () {
  "use strict";
  var tip = null;
  var owner = null;
  var hideTimer = null;

  function ensureTip() {
    if (tip) return tip;
    tip = document.createElement("div");
    tip.id = "hemed-glossary-tooltip";
    tip.className = "hemed-tooltip";
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    tip.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    tip.addEventListener("mouseleave", scheduleHide);
    document.body.appendChild(tip);
    return tip;
  }

  function show(link) {
    clearTimeout(hideTimer);
    var box = ensureTip();
    if (owner && owner !== link) owner.removeAttribute("aria-describedby");
    owner = link;
    box.textContent = link.getAttribute("data-definition");
    box.hidden = false;
    link.setAttribute("aria-describedby", box.id);
    var rect = link.getBoundingClientRect();
    var width = Math.min(320, document.documentElement.clientWidth - 16);
    box.style.maxWidth = width + "px";
    var left = Math.max(8, Math.min(rect.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
    box.style.left = left + "px";
    box.style.top = (rect.bottom + window.scrollY + 6) + "px";
  }

  function hide() {
    if (!tip) return;
    tip.hidden = true;
    if (owner) owner.removeAttribute("aria-describedby");
    owner = null;
  }

  function scheduleHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 300);
  }

  function termFrom(event) {
    var target = event.target;
    return target && target.closest ? target.closest("a.hemed-glossary-term[data-definition]") : null;
  }

  document.addEventListener("mouseover", function (event) { var link = termFrom(event); if (link) show(link); });
  document.addEventListener("mouseout", function (event) { if (termFrom(event)) scheduleHide(); });
  document.addEventListener("focusin", function (event) { var link = termFrom(event); if (link) show(link); });
  document.addEventListener("focusout", function (event) { if (termFrom(event)) hide(); });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") hide(); });
})();
