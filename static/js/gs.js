// Small behaviours of every page, bound from data attributes: the Content-Security-Policy
// allows no inline script or on… handler, so templates say what they need and this file acts.
//   <form data-confirm="Bỏ mục này?">          asks before submitting (or a submit button's own)
//   <input data-decimal data-min data-max data-range-message>  "7,5" or "7.5", within range
//   <input type="checkbox" data-check-all="input[name=award]">   ticks or clears those boxes
//   <select data-autosubmit>                     submits its form when changed
//   <div data-error-summary tabindex="-1">       a form's error summary, focused on load
//   <table class="gs-cards">                     each cell gets its column's name (data-label),
//                                                shown above it when the rows are cards on a phone
(function () {
  "use strict";

  document.addEventListener("submit", function (event) {
    // A button may ask for itself ("Hoàn thành chấm"), another button of the form not.
    var button = event.submitter && event.submitter.closest("[data-confirm]");
    var form = button ? null : event.target.closest("form[data-confirm]");
    var question = button ? button.dataset.confirm : form && form.dataset.confirm;
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  // A decimal typed the Vietnamese way or not ("7,5" or "7.5"), checked against its range
  // before the form leaves: the browser shows the field's message and keeps the form.
  function checkDecimal(input) {
    var text = input.value.trim();
    var ok = text === "";
    if (!ok && /^\d+([.,]\d+)?$/.test(text)) {
      var value = parseFloat(text.replace(",", "."));
      ok = value >= parseFloat(input.dataset.min) && value <= parseFloat(input.dataset.max);
    }
    input.setCustomValidity(ok ? "" : input.dataset.rangeMessage);
    input.classList.toggle("is-invalid", !ok);
  }
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("input[data-decimal]")) checkDecimal(event.target);
  });

  document.addEventListener("change", function (event) {
    var box = event.target.closest("input[data-check-all]");
    if (box) {
      document.querySelectorAll(box.dataset.checkAll).forEach(function (other) {
        if (!other.disabled) other.checked = box.checked;
      });
      return;
    }
    var select = event.target.closest("select[data-autosubmit]");
    if (select && select.form) select.form.requestSubmit ? select.form.requestSubmit() : select.form.submit();
  });

  // A form that came back with errors: its summary at the top takes the focus (and is read).
  function focusErrors() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) summary.focus();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", focusErrors);
  else focusErrors();
  function labelCells(root) {
    (root || document).querySelectorAll("table.gs-cards").forEach(function (table) {
      var names = [];
      table.querySelectorAll("thead tr:last-child th").forEach(function (th) {
        var visible = th.cloneNode(true);
        visible.querySelectorAll(".visually-hidden").forEach(function (el) { el.remove(); });
        var name = visible.textContent.trim();
        for (var i = 0; i < (th.colSpan || 1); i++) names.push(name);
      });
      table.querySelectorAll("tbody tr").forEach(function (row) {
        var column = 0;
        Array.prototype.forEach.call(row.children, function (cell) {
          var name = names[column];
          if (name && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", name);
          column += cell.colSpan || 1;
        });
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { labelCells(document); });
  document.addEventListener("htmx:afterSettle", function () { labelCells(document); });
})();
