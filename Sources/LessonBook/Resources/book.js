"use strict";
document.addEventListener("DOMContentLoaded", function () {
  if (typeof katex === "undefined") { return; }
  document.querySelectorAll(".math").forEach(function (element) {
    var display = element.classList.contains("display");
    var tex = element.textContent.trim();
    var open = display ? "\\[" : "\\(";
    var close = display ? "\\]" : "\\)";
    if (tex.startsWith(open) && tex.endsWith(close)) {
      tex = tex.slice(open.length, tex.length - close.length);
    }
    try {
      katex.render(tex, element, { displayMode: display, throwOnError: false });
    } catch (error) {
      element.classList.add("math-error");
      element.title = String(error);
    }
  });
});
