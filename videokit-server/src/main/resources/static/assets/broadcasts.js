// The broadcast console: start a broadcast, copy its publisher settings, watch it live (hls.js from
// its WebJar, Safari's own HLS otherwise), stop it, get new credentials; past broadcasts with their
// recordings. Only the REST API /api/broadcasts; server text is always inserted as text. Secrets
// live only in this page's memory, from the start or refresh answer that carried them.
(function () {
  'use strict';
  const $ = (selector) => document.querySelector(selector);
  const API = '/api/broadcasts';
  const headers = { 'X-Requested-With': 'XMLHttpRequest', Accept: 'application/json' };
  const LABELS = {
    url: 'Playlist URL (HTTP PUT)',
    secret: 'Secret',
    headers: 'Request headers',
    ffmpeg: 'ffmpeg command',
    server: 'OBS server',
    key: 'OBS stream key',
    stream_key: 'OBS stream key',
  };
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  let user = null;
  let current = null; // {broadcast, endpoint}
  let stateTimer = null;
  let hls = null;
  let playerRound = 0;

  function say(selector, text, kind) {
    const element = $(selector);
    element.textContent = text;
    element.className = kind ? 'status-' + kind : 'hint';
  }

  // a problem's detail, or the status line
  async function failure(response) {
    let detail = response.status + ' ' + response.statusText;
    try { detail = (await response.json()).detail || detail; } catch (e) { /* not JSON */ }
    return detail;
  }

  async function call(method, path, form) {
    const options = { method, headers: Object.assign({}, headers) };
    if (form) {
      options.headers['Content-Type'] = 'application/x-www-form-urlencoded';
      options.body = new URLSearchParams(form);
    }
    const response = await fetch(path, options);
    if (!response.ok) throw new Error(await failure(response));
    return response.json();
  }

  function stateOf(broadcast) {
    return broadcast.live ? 'live' : 'stopped';
  }

  async function copy(text, button) {
    try {
      await navigator.clipboard.writeText(text);
    } catch (e) {
      // no clipboard API (insecure context): select the text for the user's own copy
      const range = document.createRange();
      range.selectNodeContents(button.previousElementSibling);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      document.execCommand('copy');
    }
    button.textContent = 'Copied';
    setTimeout(() => { button.textContent = 'Copy'; }, 1500);
  }

  function settingValue(value) {
    if (value !== null && typeof value === 'object') {
      return Object.entries(value).map(([k, v]) => k + ': ' + v).join('\n');
    }
    return String(value);
  }

  // every setting the endpoint map has, each with a copy button
  function showSettings(endpoint) {
    const list = $('#settings');
    list.replaceChildren();
    const entries = Object.entries(endpoint || {}).filter(([key]) => key !== 'type');
    $('#settings-hint').textContent = entries.length
      ? 'Shown only now: reloading the page or leaving it forgets them (New credentials gives fresh ones).'
      : 'Credentials are shown only when a broadcast starts or gets new ones: press New credentials.';
    for (const [key, value] of entries) {
      const term = document.createElement('dt');
      term.textContent = LABELS[key] || key;
      const detail = document.createElement('dd');
      detail.dataset.key = key;
      const code = document.createElement('code');
      code.textContent = settingValue(value);
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'copy';
      button.textContent = 'Copy';
      button.onclick = () => copy(code.textContent, button);
      detail.append(code, ' ', button);
      list.append(term, detail);
    }
  }

  function showState(broadcast) {
    const state = stateOf(broadcast);
    const element = $('#state');
    element.textContent = state;
    element.dataset.state = state;
    element.className = 'state-' + (broadcast.live ? 'live' : 'stopped');
    $('#current-times').textContent = 'started ' + broadcast.start_date
      + (broadcast.stop_date ? ', stopped ' + broadcast.stop_date : '') + ' (UTC)';
    $('#viewers').textContent = broadcast.live
      ? (broadcast.viewers || 0) + ' watching now'
      : '';
    $('#stop').disabled = !broadcast.live;
    $('#refresh').disabled = !broadcast.live;
  }

  function stopPlayer() {
    playerRound++;
    if (hls) { hls.destroy(); hls = null; }
    const video = $('#live');
    video.removeAttribute('src');
    delete video.dataset.fatal;
    video.load();
  }

  // plays the live playlist once the publisher has written it
  async function watch(url) {
    stopPlayer();
    const round = playerRound;
    const video = $('#live');
    say('#player-status', 'Waiting for the publisher…');
    while (round === playerRound) {
      const response = await fetch(url, { cache: 'no-store' }).catch(() => null);
      if (response && response.ok) break;
      await sleep(1000);
    }
    if (round !== playerRound) return;
    if (window.Hls && Hls.isSupported()) {
      // no worker: it would need blob: scripts, which the Content-Security-Policy forbids
      hls = new Hls({ enableWorker: false });
      let recovered = false;
      hls.on(Hls.Events.ERROR, (event, data) => {
        if (!data.fatal) return;
        if (data.type === Hls.ErrorTypes.MEDIA_ERROR && !recovered) {
          recovered = true;
          hls.recoverMediaError();
          return;
        }
        video.dataset.fatal = data.type + ': ' + data.details;
        say('#player-status', 'The player stopped: ' + data.details, 'error');
      });
      hls.on(Hls.Events.MANIFEST_PARSED, () => {
        say('#player-status', 'Playing live (muted: unmute with the controls).');
        video.play().catch(() => say('#player-status', 'Press play to watch.'));
      });
      hls.loadSource(url);
      hls.attachMedia(video);
    } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
      video.src = url;
      video.play().catch(() => say('#player-status', 'Press play to watch.'));
      say('#player-status', 'Playing live.');
    } else {
      say('#player-status', 'This browser cannot play HLS streams.', 'error');
    }
  }

  function show(broadcast, endpoint) {
    const same = current && current.broadcast.id === broadcast.id;
    current = { broadcast, endpoint };
    const section = $('#current');
    section.hidden = false;
    section.dataset.id = broadcast.id;
    $('#current-name').textContent = broadcast.name;
    showSettings(endpoint);
    showState(broadcast);
    if (broadcast.live && broadcast.playback_url && (!same || !hls)) {
      watch(broadcast.playback_url);
    }
    clearTimeout(stateTimer);
    if (broadcast.live) stateTimer = setTimeout(pollState, 3000);
  }

  // notices a stop from elsewhere (another tab, the idle timeout)
  async function pollState() {
    if (!current) return;
    const id = current.broadcast.id;
    try {
      const broadcast = await call('GET', API + '/' + encodeURIComponent(id));
      if (!current || current.broadcast.id !== id) return;
      current.broadcast = broadcast;
      showState(broadcast);
      if (!broadcast.live) { loadList(); return; }
    } catch (e) { /* try again */ }
    stateTimer = setTimeout(pollState, 3000);
  }

  async function start(event) {
    event.preventDefault();
    const name = $('#name').value.trim();
    if (!name) return;
    $('#start').disabled = true;
    say('#start-status', 'Starting ' + name + '…');
    try {
      const body = await call('POST', API, { name, kind: $('#kind').value });
      const endpoint = body.endpoint;
      delete body.endpoint;
      say('#start-status', 'Started ' + body.name + ': publish with the settings below.', 'ok');
      $('#name').value = '';
      show(body, endpoint);
      loadList();
    } catch (e) {
      say('#start-status', 'Could not start: ' + e.message, 'error');
    }
    $('#start').disabled = false;
  }

  async function stop() {
    if (!current) return;
    $('#stop').disabled = true;
    try {
      const broadcast = await call('POST', API + '/' + encodeURIComponent(current.broadcast.id) + '/stop');
      current.broadcast = broadcast;
      showState(broadcast);
      showSettings({});
      $('#settings-hint').textContent = 'Stopped: its credentials no longer work.';
      loadList();
    } catch (e) {
      say('#player-status', 'Could not stop: ' + e.message, 'error');
      $('#stop').disabled = false;
    }
  }

  async function refresh() {
    if (!current) return;
    try {
      const body = await call('POST', API + '/' + encodeURIComponent(current.broadcast.id) + '/refresh');
      const endpoint = body.endpoint;
      delete body.endpoint;
      show(body, endpoint);
      say('#start-status', 'New credentials for ' + body.name + ': the old ones no longer work.', 'ok');
    } catch (e) {
      say('#start-status', 'No new credentials: ' + e.message, 'error');
    }
  }

  function cell(row, text, className) {
    const td = document.createElement('td');
    td.textContent = text;
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }

  async function loadList() {
    const tbody = $('#broadcasts tbody');
    let page;
    try {
      page = await call('GET', API + '?size=50');
    } catch (e) {
      tbody.replaceChildren();
      say('#list-status', 'Could not load the broadcasts: ' + e.message, 'error');
      return;
    }
    tbody.replaceChildren();
    say('#list-status', page.items.length ? page.total + ' broadcasts' : 'No broadcasts yet.');
    for (const broadcast of page.items) {
      const row = document.createElement('tr');
      row.dataset.id = broadcast.id;
      cell(row, broadcast.name, 'name');
      cell(row, broadcast.owner);
      const state = stateOf(broadcast);
      cell(row, state, 'state state-' + state);
      cell(row, broadcast.kind.toLowerCase());
      cell(row, broadcast.start_date || '—', 'time');
      cell(row, broadcast.stop_date || '—', 'time');
      const actions = cell(row, '', 'actions');
      if (broadcast.live) {
        const open = document.createElement('button');
        open.type = 'button';
        open.className = 'open';
        open.textContent = 'Open';
        open.onclick = async () => {
          try {
            const found = await call('GET', API + '/' + encodeURIComponent(broadcast.id));
            // a read never carries credentials: only the endpoint's type
            show(found, {});
          } catch (e) {
            say('#list-status', 'Could not open ' + broadcast.name + ': ' + e.message, 'error');
          }
        };
        actions.append(open);
      } else if (broadcast.recording_uid) {
        const watchLink = document.createElement('a');
        watchLink.className = 'recording';
        watchLink.href = '/watch.html?uid=' + encodeURIComponent(broadcast.recording_uid);
        watchLink.textContent = 'Watch the recording';
        actions.append(watchLink);
      } else if (broadcast.recording_error) {
        actions.textContent = 'No recording: ' + broadcast.recording_error;
      }
      tbody.appendChild(row);
    }
  }

  async function init() {
    user = await videokit.navigation();
    if (!user) {
      $('#start-form').hidden = true;
      say('#start-status', 'Log in to start a broadcast.');
      say('#list-status', 'Log in to see your broadcasts.');
      document.body.dataset.ready = 'true';
      return;
    }
    try {
      const kinds = await call('GET', API + '/kinds');
      const select = $('#kind');
      for (const kind of kinds.kinds) {
        const option = document.createElement('option');
        option.value = kind;
        option.textContent = kind;
        option.selected = kind === kinds.default;
        select.appendChild(option);
      }
    } catch (e) {
      say('#start-status', 'Broadcasts are not available: ' + e.message, 'error');
      $('#start').disabled = true;
    }
    $('#start-form').addEventListener('submit', start);
    $('#stop').onclick = stop;
    $('#refresh').onclick = refresh;
    await loadList();
    document.body.dataset.ready = 'true';
  }

  init();
})();
