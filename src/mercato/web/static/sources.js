// Draws the source league table's reliabilities with Chart.js: a bar for each 90% interval and
// a dot for the estimate.
(function () {
  var island = document.getElementById('sources-data');
  var canvas = document.getElementById('sources-chart');
  if (!island || !canvas || typeof Chart === 'undefined') return;
  var rows = JSON.parse(island.textContent).filter(function (r) { return r.reliability !== null; });
  var labels = rows.map(function (r) { return r.name + ' (' + r.stories + ')'; });
  new Chart(canvas, {
    type: 'bar',
    data: {
      labels: labels,
      datasets: [
        {type: 'scatter', label: 'estimate', data: rows.map(function (r, i) { return {x: r.reliability, y: labels[i]}; }),
         backgroundColor: '#14213d', pointRadius: 4, order: 0},
        {label: '90% interval', data: rows.map(function (r) { return r.interval; }),
         backgroundColor: 'rgba(31, 95, 191, 0.35)', borderColor: '#1f5fbf', borderWidth: 1,
         borderSkipped: false, barThickness: 10, order: 1}
      ]
    },
    options: {
      indexAxis: 'y', maintainAspectRatio: false, animation: false,
      scales: {x: {min: 0, max: 1, ticks: {callback: function (v) { return Math.round(v * 100) + '%'; }}},
               y: {type: 'category', labels: labels}},
      plugins: {tooltip: {callbacks: {label: function (ctx) {
        var r = rows[ctx.dataIndex];
        return Math.round(r.reliability * 100) + '% (' + Math.round(r.interval[0] * 100) + '–' + Math.round(r.interval[1] * 100) + '%), ' + r.stories + ' stories';
      }}}}
    }
  });
})();
