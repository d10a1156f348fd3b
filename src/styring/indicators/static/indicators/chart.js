/* One indicator's time series as a line chart (Chart.js), drawn from the table beside it: the table
 * is the data, so the chart and the numbers can never disagree. Loaded as a static file (no inline
 * script). Each <canvas data-chart-table="ID"> reads <table id="ID">: one <tr> per period with
 * data-period, data-value and optionally data-target (the level to reach) and data-yellow. */
(function () {
  "use strict";

  function series(table, name) {
    return Array.from(table.tBodies[0].rows).map(function (row) {
      var text = row.dataset[name];
      return text === undefined || text === "" ? null : Number(text);
    });
  }

  function draw(canvas) {
    var table = document.getElementById(canvas.dataset.chartTable);
    if (!table || typeof Chart === "undefined") return;
    var rows = Array.from(table.tBodies[0].rows);
    var unit = table.dataset.unit ? " " + table.dataset.unit : "";
    var datasets = [{
      label: "Verdi", data: series(table, "value"), borderColor: "#1a4d8f", backgroundColor: "#1a4d8f",
      pointStyle: "circle", pointRadius: 5, borderWidth: 3, tension: 0
    }];
    var target = series(table, "target");
    if (target.some(function (v) { return v !== null; })) {
      datasets.push({ label: "Mål", data: target, borderColor: "#0b6e2a", backgroundColor: "#0b6e2a",
        borderDash: [8, 4], pointStyle: "rectRot", pointRadius: 4, borderWidth: 2, stepped: "middle" });
    }
    var yellow = series(table, "yellow");
    if (yellow.some(function (v) { return v !== null; })) {
      datasets.push({ label: "Grense gul", data: yellow, borderColor: "#8a6d00", backgroundColor: "#8a6d00",
        borderDash: [2, 4], pointStyle: "triangle", pointRadius: 4, borderWidth: 2 });
    }
    new Chart(canvas, {
      type: "line",
      data: { labels: rows.map(function (row) { return row.dataset.period; }), datasets: datasets },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        plugins: {
          legend: { position: "bottom", labels: { usePointStyle: true } },
          tooltip: { callbacks: { label: function (ctx) {
            return ctx.dataset.label + ": " + String(ctx.parsed.y).replace(".", ",") + unit; } } }
        },
        scales: { y: { title: { display: !!unit, text: unit.trim() } } }
      }
    });
    canvas.dataset.drawn = "true";
  }

  function start() {
    document.querySelectorAll("canvas[data-chart-table]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
