// Draws the dashboard's charts with Chart.js from the JSON the app serves (stats:dashboard_data).
// Every chart also has its table in the page, so nothing is lost without JavaScript.
(function () {
  "use strict";
  var palette = ["#a4161a", "#1d3f72", "#f4c430", "#2a9d8f", "#6c757d", "#e76f51", "#6a4c93"];
  var number = new Intl.NumberFormat("vi-VN");

  function draw(chart) {
    var canvas = document.querySelector('canvas[data-chart="' + chart.key + '"]');
    if (!canvas || !window.Chart) return;
    var horizontal = chart.horizontal;
    var percent = chart.percent;
    new window.Chart(canvas, {
      type: chart.type,
      data: {
        labels: chart.labels.map(function (l) { return l.length > 42 ? l.slice(0, 40) + "…" : l; }),
        datasets: chart.datasets.map(function (d, i) {
          return { label: d.label, data: d.data, backgroundColor: palette[i % palette.length],
                   borderColor: palette[i % palette.length] };
        })
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: horizontal ? "y" : "x",
        animation: false,
        plugins: {
          legend: { display: chart.datasets.length > 1, position: "bottom" },
          tooltip: { callbacks: { label: function (ctx) {
            var v = horizontal ? ctx.parsed.x : ctx.parsed.y;
            return ctx.dataset.label + ": " + number.format(v) + (percent ? "%" : "");
          } } }
        },
        scales: {
          x: { stacked: chart.stacked, beginAtZero: true, ticks: { autoSkip: true, precision: 0 } },
          y: { stacked: chart.stacked, beginAtZero: true, ticks: { precision: 0 } }
        }
      }
    });
  }

  function load() {
    var root = document.getElementById("gs-dashboard");
    if (!root) return;
    fetch(root.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { charts: [] }; })
      .then(function (data) { data.charts.forEach(draw); root.dataset.drawn = "1"; });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", load);
  else load();
})();
