// The reference page: upload, list, watch, watch sessions. Uploads go through upload.js
// (tus-js-client); no inline script anywhere (Content-Security-Policy script-src 'self').
(function (global) {
  'use strict';
  const $ = (selector) => document.querySelector(selector);
  const headers = { 'X-Requested-With': 'XMLHttpRequest', Accept: 'application/json' };

  function bytes(n) {
    if (n === undefined || n === null) return '—';
    if (n < 1024) return n + ' B';
    const units = ['KiB', 'MiB', 'GiB', 'TiB'];
    let value = n / 1024; let i = 0;
    while (value >= 1024 && i < units.length - 1) { value /= 1024; i++; }
    return value.toFixed(1) + ' ' + units[i];
  }

  function duration(seconds) {
    if (seconds === undefined || seconds === null || seconds < 0) return '—';
    const s = Math.round(seconds);
    return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
  }

  function timestamp(value) {
    return value ? value.replace('T', ' ').replace(/\..*|Z$/, '') : '—';
  }

  function cell(row, text, className) {
    const td = document.createElement('td');
    td.textContent = text;
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }

  // a failed video says why in words (errorReasonText), the code only when there is no text
  function failure(status) {
    return status.errorReasonText || status.errorReasonCode || 'unknown error';
  }

  async function me() {
    const response = await fetch('/api/me', { headers });
    return response.ok ? response.json() : null;
  }

  // the header's navigation, the same on every page
  async function navigation() {
    const user = await me();
    if (user) {
      $('#who').textContent = user.name;
      $('#login').textContent = 'Log out';
      $('#login').href = '/logout';
      $('#staff-link').hidden = !user.staff;
    }
    const page = (path) => (path === '/' ? '/index.html' : path);
    const here = page(location.pathname);
    document.querySelectorAll('header nav a').forEach((a) => {
      if (page(new URL(a.href).pathname) === here) a.setAttribute('aria-current', 'page');
    });
    return user;
  }

  function setStatus(text, kind) {
    const status = $('#status');
    status.textContent = text;
    status.className = kind ? 'status-' + kind : '';
  }

  // the uid of the upload the status line talks about, and its name, until the video is final
  let announced = null;

  function announce(video) {
    if (!announced || announced.uid !== video.uid) return;
    const state = video.status && video.status.state;
    if (state === 'ready') {
      setStatus(announced.name + ' is ready: watch it in the list below.', 'ok');
      announced = null;
    } else if (state === 'error') {
      setStatus(announced.name + ' was uploaded but is not a playable video: ' + failure(video.status), 'error');
      announced = null;
    }
  }

  async function showUnfinished() {
    const list = $('#unfinished');
    list.innerHTML = '';
    for (const item of await videokitUpload.unfinished()) {
      const li = document.createElement('li');
      li.textContent = 'Unfinished: ' + item.name + ' (' + bytes(item.size) + ') — choose this file again to resume. ';
      const forget = document.createElement('button');
      forget.textContent = 'Forget';
      forget.onclick = async () => { await videokitUpload.forget(item.key); showUnfinished(); };
      li.appendChild(forget);
      list.appendChild(li);
    }
  }

  // The shared videos, whichever provider holds them, kept up to date by videokit in the background.
  const SHARED = '/api/shared-videos';
  const PROVIDERS = { local: 'this server', cloudflare: 'Cloudflare Stream' };
  let sharedTimer = null;
  let sharedRounds = 0;
  let currentUser = null;

  function stateOf(video) {
    return (video.status && video.status.state) || 'waiting';
  }

  function stateText(video) {
    const state = stateOf(video);
    const pct = video.status && video.status.pctComplete;
    if (state === 'inprogress' && pct !== undefined && pct !== null && !isNaN(Number(pct))) {
      return 'inprogress ' + Math.floor(Number(pct)) + '%';
    }
    if (state === 'error') return 'error: ' + failure(video.status);
    return state;
  }

  function downloadUrl(video) {
    return (video.meta && video.meta.download_url) || null;
  }

  function link(text, href, className) {
    const a = document.createElement('a');
    a.textContent = text;
    a.href = href;
    a.target = '_blank';
    a.rel = 'noopener';
    if (className) a.className = className;
    return a;
  }

  async function loadShared() {
    clearTimeout(sharedTimer);
    const response = await fetch(SHARED + '?size=100', { headers });
    const tbody = $('#shared tbody');
    if (!response.ok) {
      tbody.innerHTML = '';
      $('#shared-empty').textContent = response.status === 401 ? 'Log in to see the videos.' : 'Could not load the videos.';
      return;
    }
    const page = await response.json();
    tbody.innerHTML = '';
    $('#shared-empty').textContent = page.items.length ? '' : 'No videos yet.';
    let unfinished = false;
    for (const shared of page.items) {
      const video = shared.video;
      const state = stateOf(video);
      const row = document.createElement('tr');
      row.dataset.id = shared.id;
      row.dataset.uid = video.uid;
      cell(row, shared.title, 'name');
      cell(row, shared.owner);
      cell(row, stateText(video), 'state state-' + state);
      cell(row, duration(video.duration), 'num');
      cell(row, PROVIDERS[video.provider] || video.provider || '—', 'provider');
      cell(row, timestamp(shared.created), 'time');
      const actions = cell(row, '', 'actions');
      if (state === 'ready') {
        const watch = document.createElement('a');
        watch.href = '/watch.html?id=' + encodeURIComponent(shared.id);
        watch.textContent = 'Watch';
        watch.className = 'watch';
        actions.append(watch, ' ');
        if (downloadUrl(video)) actions.append(link('MP4', downloadUrl(video), 'download'), ' ');
      }
      if (currentUser && (currentUser.staff || currentUser.name === shared.owner)) {
        const remove = document.createElement('button');
        remove.textContent = 'Delete';
        remove.onclick = async () => {
          if (!confirm('Delete ' + shared.title + '?')) return;
          await fetch(SHARED + '/' + shared.id, { method: 'DELETE', headers });
          loadShared();
        };
        actions.append(remove);
      }
      tbody.appendChild(row);
      announce(video);
      const terminal = state === 'ready' || state === 'error';
      // a ready Cloudflare video gets its MP4 download a little later
      const download = video.provider === 'cloudflare' && state === 'ready' && !downloadUrl(video) && sharedRounds < 60;
      if (!terminal || download) unfinished = true;
    }
    sharedRounds++;
    if (unfinished) sharedTimer = setTimeout(loadShared, 2000);
  }

  async function share(uid, title) {
    const response = await fetch(SHARED, {
      method: 'POST',
      headers: Object.assign({ 'Content-Type': 'application/json' }, headers),
      body: JSON.stringify({ uid, title }),
    });
    if (response.status !== 201) {
      let detail = response.status + ' ' + response.statusText;
      try { detail = (await response.json()).detail || detail; } catch (e) { /* not JSON */ }
      throw new Error(detail);
    }
    return response.json();
  }

  // target: /api/me's upload {provider, endpoint, chunkSize, mediaIdHeader}
  async function uploadFile(file, target) {
    const bar = $('#bar');
    const status = $('#status');
    delete status.dataset.uid;
    announced = null;
    const title = $('#title').value.trim() || file.name;
    setStatus('Uploading ' + file.name + '…');
    const events = {
      progress: (sent, total) => {
        const pct = total ? (100 * sent) / total : 100;
        bar.style.width = pct.toFixed(1) + '%';
        bar.dataset.pct = pct.toFixed(1);
        setStatus('Uploading ' + file.name + ': ' + bytes(sent) + ' of ' + bytes(total));
      },
      retrying: (reason) => setStatus('Uploading ' + file.name + ': ' + reason + ', trying again…', 'warn'),
      offline: () => setStatus('The network is offline: the upload of ' + file.name + ' continues when it is back.', 'warn'),
      resumed: () => setStatus('Resuming the upload of ' + file.name + '…'),
    };
    const metadata = { name: title, filename: file.name };
    if (file.type) metadata.filetype = file.type;
    try {
      const result = await videokitUpload.upload(file, {
        endpoint: target.endpoint,
        chunkSize: target.chunkSize,
        metadata,
        mediaIdHeader: target.mediaIdHeader || null,
      }, events);
      const name = (result.metadata && result.metadata.name) || title;
      setStatus('Sending ' + name + ' to the list…');
      await share(result.uid, name);
      setStatus(target.provider === 'cloudflare'
        ? 'Shared ' + name + '; Cloudflare Stream is processing it.'
        : 'Shared ' + name + '; checking that it plays…');
      announced = { uid: result.uid, name };
      status.dataset.uid = result.uid;
      $('#title').value = '';
      sharedRounds = 0;
    } catch (error) {
      setStatus('Upload of ' + file.name + ' failed: ' + error.message + '. Choose the file again to resume.', 'error');
    }
    showUnfinished();
    loadShared();
  }

  async function indexPage() {
    const user = await navigation();
    currentUser = user;
    const target = user ? user.upload : null;
    if (!user) {
      $('#file').disabled = true;
      $('#title').disabled = true;
      setStatus('Log in to upload.');
    } else if (!target) {
      $('#file').disabled = true;
      $('#title').disabled = true;
      setStatus('Uploads are switched off on this server.');
    } else if (!videokitUpload.supported) {
      $('#file').disabled = true;
      $('#title').disabled = true;
      setStatus('This browser cannot upload files here (no File API or XMLHttpRequest).', 'error');
    }
    $('#destination').textContent = target && target.provider === 'cloudflare'
      ? 'Videos go to Cloudflare Stream and are shared with every logged-in user.'
      : 'Videos are stored on this server and shared with every logged-in user.';
    showUnfinished();
    $('#file').addEventListener('change', (event) => {
      const file = event.target.files[0];
      if (file && target) uploadFile(file, target);
    });
    loadShared();
    // the upload form is wired: tests (and impatient users' scripts) wait for this
    document.body.dataset.ready = 'true';
  }

  // plays a video document: its file (this server) or its HLS manifest (Cloudflare Stream)
  function play(video) {
    const player = $('#player');
    const playback = video.playback || {};
    if (playback.file) {
      player.src = playback.file;
      return true;
    }
    if (playback.hls && player.canPlayType('application/vnd.apple.mpegurl')) {
      player.src = playback.hls;
      return true;
    }
    return false;
  }

  function offerLinks(video) {
    const details = $('#details');
    const playback = video.playback || {};
    details.append(' This browser does not play HLS streams by itself: ');
    if (playback.hls) details.append(link('open the HLS stream', playback.hls, 'hls'));
    if (downloadUrl(video)) details.append(' or ', link('download the MP4', downloadUrl(video), 'download'));
    details.append('.');
  }

  async function watchPage() {
    navigation();
    const params = new URLSearchParams(location.search);
    const id = params.get('id');
    const url = id !== null
      ? SHARED + '/' + encodeURIComponent(id)
      : '/api/videos/' + encodeURIComponent(params.get('uid'));
    const response = await fetch(url, { headers });
    if (!response.ok) {
      $('#title').textContent = response.status === 401 ? 'Log in to watch this video' : 'Video not found';
      $('#player').hidden = true;
      return;
    }
    const answer = await response.json();
    // a shared video {id, title, owner, created, video}, or a video document of this server
    const video = id !== null ? answer.video : answer;
    if (id === null && !(video.playback && video.playback.file)) {
      video.playback = Object.assign({}, video.playback, { file: '/api/videos/' + video.uid + '/file' });
    }
    const title = id !== null ? answer.title : (video.meta && video.meta.name) || video.uid;
    $('#title').textContent = title;
    const state = stateOf(video);
    if (state === 'error') {
      $('#player').hidden = true;
      $('#details').textContent = 'This file is not a playable video: ' + failure(video.status);
      return;
    }
    const input = video.input || {};
    const size = input.width > 0 ? input.width + '×' + input.height + ' · ' : '';
    const stored = PROVIDERS[video.provider] ? ' · on ' + PROVIDERS[video.provider] : '';
    $('#details').textContent = state + ' · ' + duration(video.duration) + ' · ' + size + bytes(video.size) + stored;
    if (state !== 'ready') {
      $('#player').hidden = true;
      $('#details').append(' — not ready to play yet.');
      return;
    }
    if (!play(video)) {
      $('#player').hidden = true;
      offerLinks(video);
    }
  }

  async function staffPage() {
    navigation();
    let page = 0;
    const form = $('#filters');
    async function load() {
      const params = new URLSearchParams({ page, size: 50 });
      for (const name of ['video', 'user']) if (form[name].value) params.set(name, form[name].value);
      for (const name of ['from', 'to']) if (form[name].value) params.set(name, new Date(form[name].value + 'Z').toISOString());
      const response = await fetch('/api/watch-sessions?' + params, { headers });
      const tbody = $('#sessions tbody');
      tbody.innerHTML = '';
      if (!response.ok) {
        $('#sessions-status').textContent = response.status === 401 ? 'Log in as staff.' : 'Staff only.';
        return;
      }
      const result = await response.json();
      for (const s of result.items) {
        const row = document.createElement('tr');
        [s.started, s.lastSeen].forEach((t) => cell(row, timestamp(t), 'time'));
        cell(row, s.videoUid || s.mediaKey, 'id');
        cell(row, s.user || '(anonymous)');
        cell(row, s.clientIp);
        cell(row, bytes(s.bytesServed), 'num');
        cell(row, s.requests);
        cell(row, s.userAgent || '', 'agent');
        tbody.appendChild(row);
      }
      $('#sessions-status').textContent = result.total + ' sessions, page ' + (page + 1);
      $('#prev').disabled = page === 0;
      $('#next').disabled = (page + 1) * result.size >= result.total;
    }
    form.addEventListener('submit', (e) => { e.preventDefault(); page = 0; load(); });
    $('#prev').onclick = () => { page = Math.max(0, page - 1); load(); };
    $('#next').onclick = () => { page++; load(); };
    load();
  }

  global.videokit = { indexPage, watchPage, staffPage, navigation };
  // no inline script: the page says which it is (Content-Security-Policy script-src 'self')
  const page = document.body.dataset.page;
  if (page === 'watch') watchPage();
  else if (page === 'staff') staffPage();
  else if (document.getElementById('upload-section')) indexPage();
})(window);
