// The reference page: upload, list, watch, watch sessions.
(function (global) {
  'use strict';
  const $ = (selector) => document.querySelector(selector);
  const headers = { 'X-Requested-With': 'XMLHttpRequest', Accept: 'application/json' };

  function bytes(n) {
    if (n < 1024) return n + ' B';
    const units = ['KiB', 'MiB', 'GiB', 'TiB'];
    let value = n / 1024; let i = 0;
    while (value >= 1024 && i < units.length - 1) { value /= 1024; i++; }
    return value.toFixed(1) + ' ' + units[i];
  }

  function duration(seconds) {
    if (seconds === undefined || seconds < 0) return '—';
    const s = Math.round(seconds);
    return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
  }

  function cell(row, text) {
    const td = document.createElement('td');
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  async function me() {
    const response = await fetch('/api/me', { headers });
    return response.ok ? response.json() : null;
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
      cell(row, video.meta.name || video.uid);
      const state = cell(row, video.status.state + (video.status.errorReasonCode ? ' (' + video.status.errorReasonCode + ')' : ''));
      state.className = 'state state-' + video.status.state;
      cell(row, duration(video.duration));
      cell(row, bytes(video.size));
      cell(row, video.created.replace('T', ' ').replace(/\..*|Z$/, ''));
      const actions = cell(row, '');
      const watch = document.createElement('a');
      watch.href = '/watch.html?uid=' + video.uid;
      watch.textContent = 'Watch';
      watch.className = 'watch';
      actions.appendChild(watch);
      const remove = document.createElement('button');
      remove.textContent = 'Delete';
      remove.onclick = async () => {
        if (!confirm('Delete ' + (video.meta.name || video.uid) + '?')) return;
        await fetch('/api/videos/' + video.uid, { method: 'DELETE', headers });
        loadVideos();
      };
      actions.append(' ', remove);
      tbody.appendChild(row);
      if (video.status.state !== 'ready' && video.status.state !== 'error') pending = true;
    }
    if (pending) setTimeout(loadVideos, 2000);
  }

  function showUnfinished() {
    const list = $('#unfinished');
    list.innerHTML = '';
    for (const item of tusUpload.unfinished()) {
      const li = document.createElement('li');
      li.textContent = 'Unfinished: ' + item.name + ' (' + bytes(item.size) + ') — choose this file again to resume.';
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
    if (video.state === 'error') return 'error' + (video.errorReasonCode ? ' (' + video.errorReasonCode + ')' : '');
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
      cell(row, video.title);
      cell(row, video.owner);
      const state = cell(row, stateText(video));
      state.className = 'state state-' + (video.state || 'waiting');
      cell(row, duration(video.duration === null ? undefined : video.duration));
      cell(row, video.created.replace('T', ' ').replace(/\..*|Z$/, ''));
      const actions = cell(row, '');
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

  async function indexPage() {
    const user = await me();
    currentUser = user;
    const cloudflare = user && user.cloudflare && user.cloudflare.enabled ? user.cloudflare : null;
    if (user) {
      $('#who').textContent = 'Logged in as ' + user.name;
      $('#login').textContent = 'Log out';
      $('#login').href = '/logout';
      $('#staff-link').hidden = !user.staff;
    } else {
      $('#upload-section').querySelector('input').disabled = true;
      $('#status').textContent = 'Log in to upload.';
    }
    const toCloudflare = cloudflare && cloudflare.uploadEndpoint ? cloudflare : null;
    if (cloudflare) {
      $('#shared-section').hidden = false;
      loadShared();
    }
    if (toCloudflare) {
      $('#destination').textContent = 'Videos go to Cloudflare Stream and are shared with every logged-in user.';
      $('#title-label').hidden = false;
    }
    showUnfinished();
    $('#file').addEventListener('change', async (event) => {
      const file = event.target.files[0];
      if (!file) return;
      const bar = $('#bar');
      const status = $('#status');
      delete status.dataset.uid;
      status.textContent = 'Uploading ' + file.name + '…';
      const progress = (sent, total) => {
        const pct = total ? (100 * sent) / total : 100;
        bar.style.width = pct.toFixed(1) + '%';
        bar.dataset.pct = pct.toFixed(1);
        status.textContent = 'Uploading ' + file.name + ': ' + bytes(sent) + ' of ' + bytes(total);
      };
      try {
        if (toCloudflare) {
          const title = $('#title').value.trim() || file.name;
          const result = await tusUpload.upload(toCloudflare.uploadEndpoint, file, progress, {
            chunkSize: toCloudflare.chunkSize,
            metadata: { name: title },
            mediaIdHeader: 'Stream-Media-ID',
            credentials: 'omit',
          });
          status.textContent = 'Uploaded ' + file.name + ', sharing…';
          await share(result.uid, title);
          status.textContent = 'Shared ' + title + ' (Cloudflare video ' + result.uid + '); Cloudflare is processing it.';
          status.dataset.uid = result.uid;
          $('#title').value = '';
          sharedRounds = 0;
          loadShared();
        } else {
          const result = await tusUpload.upload('/api/uploads/', file, progress);
          status.textContent = 'Uploaded ' + file.name + ' (video ' + result.uid + ').';
          status.dataset.uid = result.uid;
        }
      } catch (error) {
        status.textContent = 'Upload failed: ' + error.message + ' (choose the file again to resume)';
      }
      showUnfinished();
      loadVideos();
    });
    loadVideos();
    // the upload form is wired: tests (and impatient users' scripts) wait for this
    document.body.dataset.ready = 'true';
  }

  async function watchPage() {
    const uid = new URLSearchParams(location.search).get('uid');
    const response = await fetch('/api/videos/' + encodeURIComponent(uid), { headers });
    if (!response.ok) {
      $('#title').textContent = 'Video not found';
      return;
    }
    const video = await response.json();
    $('#title').textContent = video.meta.name || video.uid;
    $('#details').textContent =
      video.status.state + ' · ' + duration(video.duration) + ' · ' + video.input.width + '×' + video.input.height + ' · ' + bytes(video.size);
    // playback.file is on the media origin when the server has one (videokit.streaming.media-origin)
    $('#player').src = (video.playback && video.playback.file) || '/api/videos/' + video.uid + '/file';
  }

  async function staffPage() {
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
        [s.started, s.lastSeen].forEach((t) => cell(row, t.replace('T', ' ').replace(/\..*|Z$/, '')));
        cell(row, s.videoUid || s.mediaKey);
        cell(row, s.user || '(anonymous)');
        cell(row, s.clientIp);
        cell(row, bytes(s.bytesServed));
        cell(row, s.requests);
        cell(row, s.userAgent || '');
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
