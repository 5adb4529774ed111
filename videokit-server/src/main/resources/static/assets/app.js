// The reference page: upload, list, watch, watch sessions. Uploads go through upload.js
// (tus-js-client); no inline script anywhere (Content-Security-Policy script-src 'self').
(function (global) {
  'use strict';
  const $ = (selector) => document.querySelector(selector);
  const headers = { 'X-Requested-With': 'XMLHttpRequest', Accept: 'application/json' };
  const LOCAL_CHUNK_SIZE = 8 * 1024 * 1024;

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
    const here = location.pathname === '/' ? '/index.html' : location.pathname;
    document.querySelectorAll('header nav a').forEach((a) => {
      if (new URL(a.href).pathname === here) a.setAttribute('aria-current', 'page');
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
    if (video.status.state === 'ready') {
      setStatus(announced.name + ' is ready: watch it in the list below.', 'ok');
      announced = null;
    } else if (video.status.state === 'error') {
      setStatus(announced.name + ' was uploaded but is not a playable video: ' + failure(video.status), 'error');
      announced = null;
    }
  }

  async function loadVideos() {
    const response = await fetch('/api/videos?size=100', { headers });
    const tbody = $('#videos tbody');
    if (!response.ok) {
      tbody.innerHTML = '';
      $('#videos-empty').textContent = response.status === 401 ? 'Log in to see your videos.' : 'Could not load videos.';
      return;
    }
    const page = await response.json();
    tbody.innerHTML = '';
    $('#videos-empty').textContent = page.items.length ? '' : 'No videos yet.';
    let pending = false;
    for (const video of page.items) {
      const row = document.createElement('tr');
      row.dataset.uid = video.uid;
      const name = video.meta.name || video.uid;
      cell(row, name, 'name');
      const failed = video.status.state === 'error';
      cell(row, failed ? 'error: ' + failure(video.status) : video.status.state, 'state state-' + video.status.state);
      cell(row, duration(video.duration), 'num');
      cell(row, bytes(video.size), 'num');
      cell(row, timestamp(video.created), 'time');
      const actions = cell(row, '', 'actions');
      if (!failed) {
        const watch = document.createElement('a');
        watch.href = '/watch.html?uid=' + video.uid;
        watch.textContent = 'Watch';
        watch.className = 'watch';
        actions.append(watch, ' ');
      }
      const remove = document.createElement('button');
      remove.textContent = 'Delete';
      remove.onclick = async () => {
        if (!confirm('Delete ' + name + '?')) return;
        await fetch('/api/videos/' + video.uid, { method: 'DELETE', headers });
        loadVideos();
      };
      actions.append(remove);
      tbody.appendChild(row);
      announce(video);
      if (video.status.state !== 'ready' && !failed) pending = true;
    }
    if (pending) setTimeout(loadVideos, 2000);
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

  // Cloudflare Stream: videos shared by the users, kept up to date by videokit in the background.
  let sharedTimer = null;
  let sharedRounds = 0;
  let currentUser = null;

  function stateText(video) {
    if (!video.state) return 'waiting';
    if (video.state === 'inprogress' && video.pctComplete !== null) return 'inprogress ' + Math.floor(video.pctComplete) + '%';
    if (video.state === 'error') return 'error: ' + failure(video);
    return video.state;
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
    const response = await fetch('/api/cloudflare/shared-videos', { headers });
    const tbody = $('#shared tbody');
    if (!response.ok) {
      $('#shared-empty').textContent = 'Could not load the shared videos.';
      return;
    }
    const videos = await response.json();
    tbody.innerHTML = '';
    $('#shared-empty').textContent = videos.length ? '' : 'No shared videos yet.';
    let unfinished = false;
    for (const video of videos) {
      const row = document.createElement('tr');
      row.dataset.id = video.id;
      row.dataset.uid = video.uid;
      cell(row, video.title, 'name');
      cell(row, video.owner);
      cell(row, stateText(video), 'state state-' + (video.state || 'waiting'));
      cell(row, duration(video.duration), 'num');
      cell(row, timestamp(video.created), 'time');
      const actions = cell(row, '', 'actions');
      if (video.readyToStream && video.playback.hls) actions.append(link('HLS', video.playback.hls, 'hls'), ' ');
      if (video.downloadUrl) actions.append(link('MP4', video.downloadUrl, 'download'), ' ');
      if (currentUser && (currentUser.staff || currentUser.name === video.owner)) {
        const remove = document.createElement('button');
        remove.textContent = 'Delete';
        remove.onclick = async () => {
          if (!confirm('Delete ' + video.title + '? It is deleted at Cloudflare too.')) return;
          await fetch('/api/cloudflare/shared-videos/' + video.id, { method: 'DELETE', headers });
          loadShared();
        };
        actions.append(remove);
      }
      tbody.appendChild(row);
      const terminal = video.state === 'ready' || video.state === 'error';
      // a ready video gets its MP4 download a little later
      if (!terminal || (video.state === 'ready' && !video.downloadUrl && sharedRounds < 60)) unfinished = true;
    }
    sharedRounds++;
    if (unfinished) sharedTimer = setTimeout(loadShared, 2000);
  }

  async function share(uid, title) {
    const response = await fetch('/api/cloudflare/shared-videos', {
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

  async function uploadFile(file, toCloudflare) {
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
    const target = toCloudflare
      ? {
          endpoint: toCloudflare.uploadEndpoint,
          chunkSize: toCloudflare.chunkSize,
          metadata: { name: title },
          mediaIdHeader: 'Stream-Media-ID',
        }
      : {
          endpoint: '/api/uploads/',
          chunkSize: LOCAL_CHUNK_SIZE,
          metadata: { name: title, filename: file.name, filetype: file.type },
        };
    try {
      const result = await videokitUpload.upload(file, target, events);
      const name = (result.metadata && result.metadata.name) || title;
      if (toCloudflare) {
        setStatus('Uploaded ' + file.name + ', sharing…');
        await share(result.uid, name);
        setStatus('Shared ' + name + ' (Cloudflare video ' + result.uid + '); Cloudflare is processing it.', 'ok');
        sharedRounds = 0;
        loadShared();
      } else {
        setStatus('Uploaded ' + name + ' (video ' + result.uid + '); checking that it plays…');
        announced = { uid: result.uid, name };
      }
      status.dataset.uid = result.uid;
      $('#title').value = '';
    } catch (error) {
      setStatus('Upload of ' + file.name + ' failed: ' + error.message + '. Choose the file again to resume.', 'error');
    }
    showUnfinished();
    loadVideos();
  }

  async function indexPage() {
    const user = await navigation();
    currentUser = user;
    const cloudflare = user && user.cloudflare && user.cloudflare.enabled ? user.cloudflare : null;
    if (!user) {
      $('#file').disabled = true;
      $('#title').disabled = true;
      setStatus('Log in to upload.');
    } else if (!videokitUpload.supported) {
      $('#file').disabled = true;
      setStatus('This browser cannot upload files here (no File API or XMLHttpRequest).', 'error');
    }
    const toCloudflare = cloudflare && cloudflare.uploadEndpoint ? cloudflare : null;
    if (cloudflare) {
      $('#shared-section').hidden = false;
      loadShared();
    }
    $('#destination').textContent = toCloudflare
      ? 'Videos go to Cloudflare Stream and are shared with every logged-in user.'
      : 'Videos are stored on this server.';
    showUnfinished();
    $('#file').addEventListener('change', (event) => {
      const file = event.target.files[0];
      if (file) uploadFile(file, toCloudflare);
    });
    loadVideos();
    // the upload form is wired: tests (and impatient users' scripts) wait for this
    document.body.dataset.ready = 'true';
  }

  async function watchPage() {
    navigation();
    const uid = new URLSearchParams(location.search).get('uid');
    const response = await fetch('/api/videos/' + encodeURIComponent(uid), { headers });
    if (!response.ok) {
      $('#title').textContent = response.status === 401 ? 'Log in to watch this video' : 'Video not found';
      $('#player').hidden = true;
      return;
    }
    const video = await response.json();
    $('#title').textContent = video.meta.name || video.uid;
    if (video.status.state === 'error') {
      $('#player').hidden = true;
      $('#details').textContent = 'This file is not a playable video: ' + failure(video.status);
      return;
    }
    const size = video.input && video.input.width > 0 ? video.input.width + '×' + video.input.height + ' · ' : '';
    $('#details').textContent = video.status.state + ' · ' + duration(video.duration) + ' · ' + size + bytes(video.size);
    // playback.file is on the media origin when the server has one (videokit.streaming.media-origin)
    $('#player').src = (video.playback && video.playback.file) || '/api/videos/' + video.uid + '/file';
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

  global.videokit = { indexPage, watchPage, staffPage };
  // no inline script: the page says which it is (Content-Security-Policy script-src 'self')
  const page = document.body.dataset.page;
  if (page === 'watch') watchPage();
  else if (page === 'staff') staffPage();
  else if (document.getElementById('upload-section')) indexPage();
})(window);
