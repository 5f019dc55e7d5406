// Draws a story's timeline with Chart.js: stages (y) over time (x), one colour per source.
// Clicking a point opens the article that made the claim.
(function () {
  var island = document.getElementById('timeline-data');
  var canvas = document.getElementById('timeline-chart');
  if (!island || !canvas || typeof Chart === 'undefined') return;
  var data = JSON.parse(island.textContent);
  var palette = ['#1f5fbf', '#d9480f', '#2f855a', '#805ad5', '#c53030', '#b7791f', '#0f766e', '#be185d'];
  var bySource = {};
  data.points.forEach(function (p) {
    (bySource[p.source] = bySource[p.source] || []).push({
      x: Date.parse(p.date), y: p.y, url: p.url, label: p.label, stage: p.stage, fee: p.fee
    });
  });
  var datasets = Object.keys(bySource).map(function (source, i) {
    return {
      label: source, data: bySource[source], showLine: false,
      pointRadius: 7, pointHoverRadius: 9,
      backgroundColor: palette[i % palette.length], borderColor: palette[i % palette.length]
    };
  });
  // A grey line joins the steps in date order so the story's path reads at a glance.
  var path = data.points.map(function (p) { return {x: Date.parse(p.date), y: p.y}; });
  datasets.unshift({label: 'path', data: path, showLine: true, pointRadius: 0,
    borderColor: '#cbd2dc', borderWidth: 2, stepped: false, order: 10});
  var used = data.points.map(function (p) { return p.y; });
  var yMin = Math.max(0, Math.min.apply(null, used) - 1);
  var yMax = Math.min(data.stages.length - 1, Math.max.apply(null, used) + 1);
  var xs = path.map(function (p) { return p.x; });
  var pad = Math.max(86400000 * 2, (Math.max.apply(null, xs) - Math.min.apply(null, xs)) * 0.05);
  new Chart(canvas, {
    type: 'scatter',
    data: {datasets: datasets},
    options: {
      maintainAspectRatio: false, animation: false,
      scales: {
        x: {type: 'linear', min: Math.min.apply(null, xs) - pad, max: Math.max.apply(null, xs) + pad,
            ticks: {maxTicksLimit: 8, callback: function (v) {
              return new Date(v).toLocaleDateString('en-GB', {day: 'numeric', month: 'short', year: 'numeric'});
            }}},
        y: {min: yMin, max: yMax, ticks: {stepSize: 1, callback: function (v) { return data.stages[v]; }}}
      },
      plugins: {
        legend: {labels: {filter: function (item) { return item.text !== 'path'; }}},
        tooltip: {filter: function (item) { return item.dataset.label !== 'path'; },
          callbacks: {label: function (ctx) {
            var p = ctx.raw;
            return ctx.dataset.label + ': ' + p.stage + ' (' + p.label + ')' + (p.fee ? ', ' + p.fee : '');
          }}}
      },
      onClick: function (event, elements) {
        var hit = elements.find(function (e) { return e.datasetIndex > 0; });
        if (hit) window.location = datasets[hit.datasetIndex].data[hit.index].url;
      },
      onHover: function (event, elements) {
        event.native.target.style.cursor = elements.some(function (e) { return e.datasetIndex > 0; }) ? 'pointer' : 'default';
      }
    }
  });
})();
