// The staff page's charts (Chart.js from its WebJar): views and watched bytes per day, the top
// videos, viewers by user-agent family, from GET /api/watch-stats. No inline script.
(function (global) {
  'use strict';
  const $ = (selector) => document.querySelector(selector);
  const MIB = 1024 * 1024;
  const colors = ['#2e86de', '#e67e22', '#27ae60', '#8e44ad', '#c0392b', '#7f8c8d', '#16a085', '#d35400'];

  function mib(bytes) { return Math.round((bytes / MIB) * 100) / 100; }

  function draw(stats) {
    const common = { responsive: true, maintainAspectRatio: false, animation: false };
    const days = new Chart($('#chart-days'), {
      type: 'bar',
      data: {
        labels: stats.days.map((d) => d.date.slice(5)),
        datasets: [
          { label: 'Views', data: stats.days.map((d) => d.views), backgroundColor: colors[0], yAxisID: 'views' },
          { label: 'MiB watched', type: 'line', data: stats.days.map((d) => mib(d.bytes)), borderColor: colors[1], backgroundColor: colors[1], yAxisID: 'bytes' }
        ]
      },
      options: Object.assign({}, common, {
        scales: {
          views: { position: 'left', beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'views' } },
          bytes: { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: 'MiB' } }
        }
      })
    });
    const top = new Chart($('#chart-top'), {
      type: 'bar',
      data: {
        labels: stats.topVideos.map((v) => v.title || v.uid),
        datasets: [{ label: 'Views', data: stats.topVideos.map((v) => v.views), backgroundColor: colors[2], maxBarThickness: 40 }]
      },
      options: Object.assign({}, common, {
        indexAxis: 'y',
        plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } } }
      })
    });
    const agents = new Chart($('#chart-agents'), {
      type: 'doughnut',
      data: {
        labels: stats.userAgents.map((a) => a.family),
        datasets: [{ label: 'Viewers', data: stats.userAgents.map((a) => a.viewers), backgroundColor: colors }]
      },
      options: Object.assign({}, common, { plugins: { legend: { position: 'right' } } })
    });
    return { days, top, agents };
  }

  async function load() {
    const response = await fetch('/api/watch-stats?days=14&top=5', {
      headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' }
    });
    if (!response.ok) return; // not staff: the table says so
    const stats = await response.json();
    $('#charts-section').hidden = false;
    const views = stats.days.reduce((sum, d) => sum + d.views, 0);
    $('#charts-status').textContent = views + ' views from ' + stats.from + ' to ' + stats.to + ' (UTC)';
    global.videokitCharts = draw(stats);
    document.body.dataset.chartsReady = '';
  }

  if (typeof Chart === 'undefined') {
    $('#charts-status').textContent = 'The charting library did not load.';
  } else {
    load();
  }
})(window);
