// Enrollment steps: after htmx swaps in the next step, move focus to its heading so screen
// readers announce the new page (site.js already focuses an error summary when there is one).
(function () {
  "use strict";
  document.addEventListener("htmx:afterSwap", function (event) {
    var step = event.target;
    if (!step || step.id !== "enrollment-step" || step.querySelector(".error-summary")) { return; }
    var heading = step.querySelector("h1");
    if (heading) { heading.focus(); }
  });
}());
