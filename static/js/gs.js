// Small behaviours of every page, bound from data attributes: the Content-Security-Policy
// allows no inline script or on… handler, so templates say what they need and this file acts.
//   <form data-confirm="Bỏ mục này?">          asks before submitting
//   <input type="checkbox" data-check-all="input[name=award]">   ticks or clears those boxes
//   <select data-autosubmit>                     submits its form when changed
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
})();
