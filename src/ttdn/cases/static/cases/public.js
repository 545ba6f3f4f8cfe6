/* The desk's public pages: small, optional helps (the pages work without this file).
   - focus the error summary after a refused submission;
   - check the chosen files against the limits before a long upload;
   - keep a second click on "Gửi" from sending twice (the server ignores a replay anyway). */
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-focus-on-load]");
    if (summary) {
      summary.focus();
    }

    var form = document.querySelector("form.tip-form");
    if (!form) {
      return;
    }
    var errorBox = form.querySelector("[data-client-error]");
    var maxFile = parseInt(form.dataset.maxFileBytes, 10);
    var maxTotal = parseInt(form.dataset.maxTotalBytes, 10);
    var maxFiles = parseInt(form.dataset.maxFiles, 10);

    function problem(files) {
      var total = 0;
      if (files.length > maxFiles) {
        return form.dataset.msgTooMany;
      }
      for (var i = 0; i < files.length; i += 1) {
        if (files[i].size > maxFile) {
          return form.dataset.msgFileTooBig.replace("{name}", files[i].name);
        }
        total += files[i].size;
      }
      return total > maxTotal ? form.dataset.msgTotalTooBig : "";
    }

    function show(message) {
      errorBox.textContent = message;
      errorBox.hidden = !message;
    }

    var button = form.querySelector("button[type=submit]");
    var label = button ? button.textContent : "";
    var input = form.querySelector("input[type=file]");
    if (input) {
      input.addEventListener("change", function () {
        show(problem(input.files));
      });
    }

    form.addEventListener("submit", function (event) {
      var message = input ? problem(input.files) : "";
      if (message) {
        event.preventDefault();
        show(message);
        input.focus();
        return;
      }
      if (form.dataset.sending) {
        event.preventDefault();
        return;
      }
      form.dataset.sending = "1";
      if (button) {
        button.setAttribute("aria-disabled", "true");
        button.textContent = form.dataset.msgSending;
      }
    });

    /* Back from the receipt page (bfcache): the form can be sent again. */
    window.addEventListener("pageshow", function () {
      delete form.dataset.sending;
      if (button) {
        button.removeAttribute("aria-disabled");
        button.textContent = label;
      }
    });
  });
})();
