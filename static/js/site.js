// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // "Copy link" buttons: the page already shows the address as a plain link.
  function enableCopyButtons(root) {
    root.querySelectorAll("[data-copy-url]").forEach(function (button) {
      if (button.dataset.copyReady || !navigator.clipboard) { return; }
      button.dataset.copyReady = "1";
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(button.dataset.copyUrl).then(function () {
          var status = document.getElementById(button.getAttribute("aria-controls"));
          if (status) { status.textContent = button.dataset.copiedText || "Copied"; }
        });
      });
    });
  }

  // Move focus to an error summary that htmx swapped in, so screen readers hear it.
  function focusErrorSummary(root) {
    var summary = root.querySelector ? root.querySelector(".error-summary") : null;
    if (summary) { summary.focus(); }
  }

  document.addEventListener("DOMContentLoaded", function () { enableCopyButtons(document); });
  document.addEventListener("htmx:afterSwap", function (event) {
    enableCopyButtons(event.target);
    focusErrorSummary(event.target);
  });
}());
