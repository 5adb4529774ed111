// The watch heatmap on the staff page: pick a video, see which of its seconds were watched
// (GET /api/videos/{uid}/heatmap: per second, how many watch sessions were served its bytes).
// No inline script or style (Content-Security-Policy script-src 'self', style-src 'self').
(function () {
  'use strict';
  const section = document.getElementById('heatmap');
  if (!section) return;
  const headers = { 'X-Requested-With': 'XMLHttpRequest', Accept: 'application/json' };
  const picker = section.querySelector('#heatmap-video');
  const player = section.querySelector('#heatmap-player');
  const canvas = section.querySelector('#heatmap-strip');
  const summary = section.querySelector('#heatmap-summary');
  const refresh = section.querySelector('#heatmap-refresh');
  let current = null;

  // runs of seconds with a count above zero, as [first, last] pairs
  function stretches(seconds) {
    const runs = [];
    let start = -1;
    seconds.forEach((count, s) => {
      if (count > 0 && start < 0) start = s;
      if (count === 0 && start >= 0) { runs.push([start, s - 1]); start = -1; }
    });
    if (start >= 0) runs.push([start, seconds.length - 1]);
    return runs;
  }

  function describe(heatmap) {
    const runs = stretches(heatmap.seconds);
    if (!runs.length) return 'No second watched yet.';
    const text = runs.map(([a, b]) => (a === b ? a + ' s' : a + '–' + b + ' s')).join(', ');
    return 'Watched: ' + text + ' of ' + heatmap.duration_seconds + ' s, by ' + heatmap.sessions
      + (heatmap.sessions === 1 ? ' session.' : ' sessions.');
  }

  // one cell per second, darker the more sessions watched it; empty seconds stay light grey
  function draw(heatmap) {
    const seconds = heatmap.seconds;
    const max = Math.max(1, ...seconds);
    const width = Math.max(seconds.length, canvas.clientWidth || 600);
    const height = 32;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    const ctx = canvas.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const cell = width / Math.max(1, seconds.length);
    seconds.forEach((count, s) => {
      const shade = count === 0 ? 0 : 0.25 + 0.75 * (count / max);
      ctx.fillStyle = count === 0 ? '#eeeeee' : 'rgba(200, 60, 20, ' + shade.toFixed(3) + ')';
      ctx.fillRect(s * cell, 0, Math.max(1, cell - (cell > 4 ? 1 : 0)), height);
    });
    canvas.dataset.seconds = seconds.join(',');
    canvas.setAttribute('aria-label', describe(heatmap));
    summary.textContent = describe(heatmap);
  }

  async function show(video) {
    current = video;
    if (player && video.playback && video.playback.file) player.src = video.playback.file;
    delete section.dataset.loaded;
    const response = await fetch('/api/videos/' + encodeURIComponent(video.uid) + '/heatmap', { headers });
    if (!response.ok) {
      summary.textContent = response.status === 401 ? 'Log in as staff.' : 'No heatmap for this video.';
      return;
    }
    const heatmap = await response.json();
    if (current !== video) return; // another video was picked meanwhile
    draw(heatmap);
    section.dataset.loaded = video.uid; // tests wait for this
  }

  async function init() {
    const response = await fetch('/api/videos?state=ready&size=100', { headers });
    if (!response.ok) {
      summary.textContent = response.status === 401 ? 'Log in as staff.' : 'Could not list the videos.';
      return;
    }
    const videos = (await response.json()).items;
    picker.innerHTML = '';
    for (const video of videos) {
      const option = document.createElement('option');
      option.value = video.uid;
      option.textContent = (video.meta && video.meta.name) || video.uid;
      picker.appendChild(option);
    }
    if (!videos.length) {
      summary.textContent = 'No ready videos.';
      return;
    }
    const wanted = new URLSearchParams(location.search).get('heatmap');
    const first = videos.find((v) => v.uid === wanted) || videos[0];
    picker.value = first.uid;
    picker.addEventListener('change', () => show(videos.find((v) => v.uid === picker.value)));
    refresh.addEventListener('click', () => current && show(current));
    // a click on the strip plays the preview from that second
    canvas.addEventListener('click', (event) => {
      if (!player || !current || !canvas.dataset.seconds) return;
      const count = canvas.dataset.seconds.split(',').length;
      const rect = canvas.getBoundingClientRect();
      player.currentTime = Math.floor(((event.clientX - rect.left) / rect.width) * count);
    });
    canvas.style.display = 'block';
    if (player) player.style.display = 'block';
    canvas.style.width = '100%';
    canvas.style.height = '32px';
    canvas.style.cursor = 'pointer';
    show(first);
  }

  init();
})();
