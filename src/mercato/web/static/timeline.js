// Draws a story's timeline with Chart.js: stages (y, in order of progress, denial and collapse
// below them) over time (x); one colour per busy source, the rest grey "other".
// Clicking a point opens the article that made the claim.
(function () {
  var island = document.getElementById('timeline-data');
  var canvas = document.getElementById('timeline-chart');
  if (!island || !canvas || typeof Chart === 'undefined') return;
  var data = JSON.parse(island.textContent);
  var palette = ['#1f5fbf', '#d9480f', '#2f855a', '#805ad5', '#c53030', '#b7791f', '#0f766e', '#be185d'];
  var grey = '#9ca3af';
  var bySeries = {};
  data.series.forEach(function (name) { bySeries[name] = []; });
  data.points.forEach(function (p) {
    bySeries[p.series].push({
      x: Date.parse(p.date), y: p.y, url: p.url, label: p.label, stage: p.stage, fee: p.fee, source: p.source
    });
  });
  var coloured = 0;
  var datasets = data.series.map(function (name) {
    var colour = name === data.other ? grey : palette[coloured++ % palette.length];
    return {
      label: name, data: bySeries[name], showLine: false,
      pointRadius: 7, pointHoverRadius: 9, backgroundColor: colour, borderColor: colour
    };
  });
  // A grey line joins the steps in date order so the story's path reads at a glance.
  var path = data.points.map(function (p) { return {x: Date.parse(p.date), y: p.y}; });
  datasets.unshift({label: 'path', data: path, showLine: true, pointRadius: 0,
    borderColor: '#cbd2dc', borderWidth: 2, stepped: false, order: 10});
  var labels = {};
  data.rows.forEach(function (r) { labels[r.y] = r.label; });
  var used = data.points.map(function (p) { return p.y; });
  var rows = data.rows.map(function (r) { return r.y; });
  var lowest = Math.min.apply(null, rows), highest = Math.max.apply(null, rows);
  // One row of context around the points, half a row at either end so no point sits on the edge.
  var yMin = Math.max(lowest - 0.5, Math.min.apply(null, used) - 1);
  var yMax = Math.min(highest + 0.5, Math.max.apply(null, used) + 1);
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
        // Only the stages' own rows get a tick: the empty row between progress and the ways
        // out (denied, collapsed) stays unlabelled, keeping them apart.
        y: {min: yMin, max: yMax,
            afterBuildTicks: function (axis) {
              axis.ticks = rows.filter(function (v) { return v >= yMin && v <= yMax; })
                .map(function (v) { return {value: v}; });
            },
            ticks: {autoSkip: false, callback: function (v) { return labels[v] || ''; }},
            grid: {color: function (ctx) { return ctx.tick && ctx.tick.value < 0 ? '#f5c2c2' : '#e5e7eb'; }}}
      },
      plugins: {
        legend: {labels: {filter: function (item) { return item.text !== 'path'; }}},
        tooltip: {filter: function (item) { return item.dataset.label !== 'path'; },
          callbacks: {label: function (ctx) {
            var p = ctx.raw;
            return p.source + ': ' + p.stage + ' (' + p.label + ')' + (p.fee ? ', ' + p.fee : '');
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
