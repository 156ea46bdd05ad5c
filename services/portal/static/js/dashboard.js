/* HR's dashboards: each chart is drawn by Chart.js (vendored, static/vendor/chartjs/) from the
 * numbers of the table it belongs to, so the table and the chart always agree and the page says
 * everything without JavaScript. A table opts in with data-chart ("bar", "stacked" or "grouped");
 * its column heads with data-series="<palette index>" are the series; each tbody row marked
 * data-chart-row is a category, labelled by its row header (data-chart-label, else its text), and
 * gives the value of each series from the data-value of its cell in that column. The chart goes
 * into the hidden <div class="chart" data-chart-for="<table id>"> beside the table. No data is
 * fetched: this file only reads the page. */
(function () {
  "use strict";
  // Dark enough for 3:1 against white (WCAG 1.4.11), and told apart by lightness as well as hue.
  var PALETTE = ["#0b4f8a", "#1d6b3a", "#a4161a", "#8a4b00", "#5f6b7a"];
  var INK = "#1b1f24";

  function seriesOf(table) {
    var heads = table.querySelectorAll("thead th");
    var series = [];
    heads.forEach(function (th, index) {
      if (th.dataset.series !== undefined) {
        series.push({ index: index, label: th.textContent.trim(),
                      colour: PALETTE[Number(th.dataset.series) % PALETTE.length] });
      }
    });
    return series;
  }

  function rowsOf(table) {
    return Array.prototype.map.call(table.querySelectorAll("tbody tr[data-chart-row]"), function (tr) {
      var head = tr.querySelector("th");
      return { label: head ? (head.dataset.chartLabel || head.textContent.trim()) : "",
               cells: tr.children };
    });
  }

  function valueAt(cells, index) {
    var cell = cells[index];
    var value = cell ? Number(cell.dataset.value) : NaN;
    return isNaN(value) ? 0 : value;
  }

  function draw(box) {
    var table = document.getElementById(box.dataset.chartFor);
    var canvas = box.querySelector("canvas");
    if (!table || !canvas || box.dataset.drawn || typeof window.Chart === "undefined") {
      return;
    }
    var kind = table.dataset.chart;
    var series = seriesOf(table);
    var rows = rowsOf(table);
    if (!series.length || !rows.length) {
      return;
    }
    var byUnit = kind !== "bar";  // units down the side: their names stay readable on a phone
    box.hidden = false;
    box.style.height = (byUnit ? Math.max(10, 3 + rows.length * (kind === "grouped" ? 3.2 : 2.4))
                               : 16) + "rem";
    box.dataset.drawn = "yes";
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: rows.map(function (row) { return row.label; }),
        datasets: series.map(function (s) {
          return { label: s.label, backgroundColor: s.colour, borderColor: "#ffffff",
                   borderWidth: kind === "stacked" ? 1 : 0,
                   data: rows.map(function (row) { return valueAt(row.cells, s.index); }) };
        })
      },
      options: {
        indexAxis: byUnit ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { display: series.length > 1, position: "bottom", labels: { color: INK } },
          tooltip: { enabled: true }
        },
        scales: {
          x: { stacked: kind === "stacked", beginAtZero: true,
               ticks: { color: INK, precision: 0 }, grid: { color: "#c9ced6" } },
          y: { stacked: kind === "stacked", beginAtZero: true,
               ticks: { color: INK, precision: 0 }, grid: { color: "#c9ced6" } }
        }
      }
    });
  }

  function drawAll() {
    document.querySelectorAll(".chart[data-chart-for]").forEach(draw);
  }

  document.addEventListener("DOMContentLoaded", drawAll);
  // htmx swaps in the figures of another period or unit: draw the new tables' charts.
  document.addEventListener("htmx:afterSettle", drawAll);
}());
