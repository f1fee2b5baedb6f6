// Pickers that search as you type, and the form fields that show only when they fit.
// No inline script (Content-Security-Policy): templates say what they need in data attributes.
//   <select data-picker="/ho-so/chon-ca-nhan/">    Tom Select, options from the URL (?q=…)
//     data-picker-with="unit:#id_unit"              also sends &unit=<that field's value>, and
//                                                   empties the picker when that field changes
//   <select data-shows="person:#a,unit:#b">         shows the group of the chosen value only
//   <select data-nominee-switch="#id_nominee_kind"> its options' data-nominee set that select
(function () {
  "use strict";

  // The choice came from the server as the user typed: a page the browser shows again (the
  // back button) would lose it, so it is kept for this tab and put back on such a return.
  function memoryKey(select) { return "picker:" + location.pathname + ":" + select.name; }

  function returning() {
    var entries = window.performance && performance.getEntriesByType
      ? performance.getEntriesByType("navigation") : [];
    return entries.length > 0 && entries[0].type === "back_forward";
  }

  function restore(select) {
    if (select.value || !returning()) return;
    try {
      var kept = JSON.parse(sessionStorage.getItem(memoryKey(select)) || "null");
      if (kept && kept.value) select.add(new Option(kept.text, kept.value, true, true));
    } catch (error) { /* storage unavailable: the user picks again */ }
  }

  function remember(select, control) {
    control.on("change", function (value) {
      var item = control.options[value];
      try {
        sessionStorage.setItem(memoryKey(select), JSON.stringify(
          item ? { value: value, text: item.text } : null));
      } catch (error) { /* storage unavailable */ }
    });
  }

  // "unit:#id_unit,year:#id_year" → [["unit", <the #id_unit element>], …]
  function linked(select) {
    return (select.dataset.pickerWith || "").split(",").filter(Boolean).map(function (pair) {
      var parts = pair.split(":");
      return [parts[0], document.querySelector(parts[1])];
    }).filter(function (pair) { return pair[1]; });
  }

  function picker(select) {
    restore(select);
    var control = makePicker(select);
    remember(select, control);
    linked(select).forEach(function (pair) {
      pair[1].addEventListener("change", function () {
        control.clear();
        control.clearOptions();
      });
    });
    return control;
  }

  function makePicker(select) {
    var url = select.dataset.picker;
    var text = function (key) { return select.dataset[key] || ""; };
    // eslint-disable-next-line no-undef
    return new TomSelect(select, {
      // One choice, never "selected for deletion", and the search box kept open: otherwise a
      // click on the chosen name hid the box and the first letter typed next was lost.
      plugins: ["no_active_items"],
      hidePlaceholder: false,
      valueField: "value",
      labelField: "text",
      searchField: [],
      maxOptions: 50,
      loadThrottle: 250,
      placeholder: text("pickerHint"),
      // The server folds and orders the matches: keep every one it sent, in its order.
      score: function () { return function () { return 1; }; },
      shouldLoad: function (query) { return query.trim().length >= 2; },
      load: function (query, callback) {
        var self = this;
        var extra = linked(select).map(function (pair) {
          return "&" + encodeURIComponent(pair[0]) + "=" + encodeURIComponent(pair[1].value || "");
        }).join("");
        fetch(url + (url.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(query) + extra, {
          credentials: "same-origin",
          headers: { "Accept": "application/json" }
        }).then(function (response) {
          return response.ok ? response.json() : { results: [] };
        }).then(function (data) {
          self.clearOptions();
          callback(data.results);
        }).catch(function () { callback(); });
      },
      render: {
        option: function (item, escape) {
          return "<div><div>" + escape(item.text) + "</div>" +
            (item.meta ? "<div class=\"small text-body-secondary\">" + escape(item.meta) + "</div>" : "") +
            "</div>";
        },
        item: function (item, escape) { return "<div>" + escape(item.text) + "</div>"; },
        no_results: function () { return "<div class=\"no-results\">" + text("pickerEmpty") + "</div>"; },
        loading: function () { return "<div class=\"p-2 small\">" + text("pickerLoading") + "</div>"; }
      }
    });
  }

  function showChosen(select) {
    select.dataset.shows.split(",").forEach(function (pair) {
      var parts = pair.split(":");
      var group = document.querySelector(parts[1]);
      if (group) group.hidden = parts[0] !== select.value;
    });
  }

  function followTitle(select) {
    var kind = document.querySelector(select.dataset.nomineeSwitch);
    if (!kind) return;
    var option = select.options[select.selectedIndex];
    var nominee = option ? option.dataset.nominee : "";
    var group = document.getElementById(kind.id + "_group");
    if (nominee) {
      kind.value = nominee;
      kind.dispatchEvent(new Event("change", { bubbles: true }));
    }
    // A title for one kind of nominee decides the kind: the switch is not asked.
    if (group) group.hidden = Boolean(nominee);
  }

  function start() {
    document.querySelectorAll("select[data-picker]").forEach(picker);
    document.querySelectorAll("select[data-shows]").forEach(showChosen);
    document.querySelectorAll("select[data-nominee-switch]").forEach(followTitle);
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches && target.matches("select[data-shows]")) showChosen(target);
    if (target.matches && target.matches("select[data-nominee-switch]")) followTitle(target);
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
