// Small behaviours of every page, bound from data attributes: the Content-Security-Policy
// allows no inline script or on… handler, so templates say what they need and this file acts.
//   <form data-confirm="Bỏ mục này?">          asks before submitting
//   <input type="checkbox" data-check-all="input[name=award]">   ticks or clears those boxes
//   <select data-autosubmit>                     submits its form when changed
//   <table class="gs-cards">                     each cell gets its column's name (data-label),
//                                                shown above it when the rows are cards on a phone
(function () {
  "use strict";

  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-confirm]");
    if (form && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

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
