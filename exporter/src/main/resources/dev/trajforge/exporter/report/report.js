/* report.html's own script: draws the charts from the page's data with Chart.js, and filters the viewer. Without it the
   page still shows every number (the tables) and every trajectory (the <details> elements). Loads nothing. */
(function () {
  'use strict';
  var MAX_BARS = 40;
  var PALETTE = ['#2e7d4f', '#b3402f', '#8a6d1f', '#2452a0', '#7b3fa0', '#1f8a8a', '#c2571a', '#5b6472', '#a0245d', '#4f7d2e'];
  document.documentElement.classList.add('js');

  function drawCharts() {
    var charts = JSON.parse(document.getElementById('report-data').textContent);
    var drawn = 0;
    if (typeof Chart === 'undefined') return drawn;
    charts.forEach(function (c) {
      var canvas = document.querySelector('canvas[data-chart="' + c.id + '"]');
      if (!canvas) return;
      var labels = c.labels.slice(0, MAX_BARS);
      var datasets = c.series.map(function (s, i) {
        var colour = c.series.length === 1 && c.id !== 'outcomes' ? PALETTE[3] : PALETTE[i % PALETTE.length];
        return { label: s.label, data: s.values.slice(0, MAX_BARS), backgroundColor: colour, borderColor: colour, pointRadius: 0, tension: 0.2 };
      });
      if (c.id === 'outcomes') {
        datasets[0].backgroundColor = labels.map(function (l) { return l === 'accepted' ? PALETTE[0] : l === 'infra failed' ? PALETTE[2] : PALETTE[1]; });
      }
      new Chart(canvas, {
        type: c.kind,
        data: { labels: labels, datasets: datasets },
        options: {
          animation: false, responsive: true, maintainAspectRatio: false,
          plugins: { legend: { display: c.series.length > 1 },
                     subtitle: { display: c.labels.length > MAX_BARS, text: 'the first ' + MAX_BARS + ' of ' + c.labels.length + ' (all in the table)' } },
          scales: { x: { stacked: c.stacked, title: { display: true, text: c.xTitle } },
                    y: { stacked: c.stacked, beginAtZero: true, title: { display: true, text: c.yTitle } } }
        }
      });
      var numbers = canvas.closest('figure').querySelector('details.numbers');
      if (numbers) numbers.removeAttribute('open');
      drawn++;
    });
    return drawn;
  }

  function values(item, selector) {
    return Array.prototype.map.call(item.querySelectorAll(selector), function (e) { return e.textContent; });
  }

  function setUpFilters() {
    var form = document.getElementById('filters');
    if (!form) return;
    var items = document.querySelectorAll('li.trajectory');
    var selects = form.querySelectorAll('select[data-filter]');
    var shown = document.getElementById('shown');
    function apply() {
      var want = {};
      selects.forEach(function (s) { want[s.dataset.filter] = s.value; });
      var count = 0;
      items.forEach(function (item) {
        var keep = (!want.domain || item.dataset.domain === want.domain)
          && (!want.persona || item.dataset.persona === want.persona)
          && (!want.reason || values(item, '.verdict .reason').indexOf(want.reason) >= 0)
          && (!want.tool || values(item, '.call-name').indexOf(want.tool) >= 0);
        item.hidden = !keep;
        if (keep) count++;
      });
      shown.textContent = count + ' of ' + items.length + ' shown';
    }
    selects.forEach(function (s) { s.addEventListener('change', apply); });
    form.hidden = false;
    apply();
  }

  var drawn = drawCharts();
  setUpFilters();
  document.body.dataset.chartsDrawn = String(drawn);
  window.reportRendered = performance.now();
  // the first frame painted after the charts were drawn (what a benchmark of opening the page waits for)
  requestAnimationFrame(function () { requestAnimationFrame(function () { window.reportPainted = performance.now(); }); });
})();
