// A small tus 1.0.0 client for the reference page: creation, PATCH in chunks with progress,
// resume after a reload (the upload URL is kept in localStorage, keyed by the file's fingerprint
// and the creation endpoint).
//
// The same client uploads to Cloudflare Stream: the creation goes to videokit's proxy on this
// server (same origin, with the session cookie), which answers Cloudflare's one-time upload URL
// in Location and the video's uid in Stream-Media-ID; the bytes then go straight to Cloudflare,
// cross-origin and without credentials.
(function (global) {
  'use strict';
  const DEFAULT_CHUNK_SIZE = 8 * 1024 * 1024;
  const PREFIX = 'videokit-upload::';

  function fingerprint(file, endpoint) {
    return PREFIX + [file.name, file.size, file.type, file.lastModified, endpoint].join('::');
  }

  function encodeMetadata(values) {
    return Object.entries(values)
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => {
        const bytes = new TextEncoder().encode(String(v));
        let binary = '';
        bytes.forEach((b) => { binary += String.fromCharCode(b); });
        return k + ' ' + btoa(binary);
      })
      .join(',');
  }

  async function problemText(response) {
    try {
      const body = await response.json();
      return body.detail || body.title || response.statusText;
    } catch (e) {
      return response.status + ' ' + response.statusText;
    }
  }

  // XMLHttpRequest for its upload progress events. withCredentials stays false: cookies go along
  // to this server only (same origin), never to a cross-origin upload URL.
  function patch(url, offset, blob, onProgress) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('PATCH', url);
      xhr.setRequestHeader('Tus-Resumable', '1.0.0');
      xhr.setRequestHeader('Upload-Offset', String(offset));
      xhr.setRequestHeader('Content-Type', 'application/offset+octet-stream');
      xhr.upload.onprogress = (e) => onProgress(offset + e.loaded);
      xhr.onload = () => {
        if (xhr.status === 204) {
          resolve(Number(xhr.getResponseHeader('Upload-Offset')));
        } else {
          let detail = xhr.statusText || ('HTTP ' + xhr.status);
          try { detail = JSON.parse(xhr.responseText).detail || detail; } catch (e) { /* not JSON */ }
          const error = new Error(detail);
          error.status = xhr.status;
          reject(error);
        }
      };
      xhr.onerror = () => reject(new Error('network error'));
      xhr.send(blob);
    });
  }

  async function head(url, credentials) {
    try {
      const response = await fetch(url, { method: 'HEAD', credentials, headers: { 'Tus-Resumable': '1.0.0' } });
      if (!response.ok) return null;
      return Number(response.headers.get('Upload-Offset'));
    } catch (e) {
      return null;
    }
  }

  function remembered(key) {
    const value = localStorage.getItem(key);
    if (!value) return null;
    try {
      const parsed = JSON.parse(value);
      if (parsed && parsed.url) return parsed;
    } catch (e) { /* an upload URL stored by an older page */ }
    return { url: value, uid: null };
  }

  function uidOf(url) {
    return new URL(url).pathname.split('/').pop();
  }

  /**
   * Uploads a file, resuming a previous attempt of the same file when the server still has it.
   * Calls onProgress(bytesSent, bytesTotal); resolves to { url, uid }.
   *
   * options (all optional):
   *   chunkSize     bytes per PATCH (default 8 MiB; Cloudflare: a multiple of 256 KiB, >= 5 MiB)
   *   metadata      Upload-Metadata values (default: name, filename, filetype of the file)
   *   mediaIdHeader creation response header naming the video, e.g. 'Stream-Media-ID'
   *                 (default: the last path segment of Location)
   *   credentials   fetch credentials for HEAD/PATCH on the upload URL: 'same-origin' (default),
   *                 or 'omit' for a cross-origin upload URL such as Cloudflare's
   */
  async function upload(endpoint, file, onProgress, options) {
    const settings = Object.assign({
      chunkSize: DEFAULT_CHUNK_SIZE,
      metadata: { name: file.name, filename: file.name, filetype: file.type },
      mediaIdHeader: null,
      credentials: 'same-origin',
    }, options || {});
    const key = fingerprint(file, endpoint);
    let target = remembered(key);
    let offset = null;
    if (target) offset = await head(target.url, settings.credentials);
    if (offset === null) {
      const response = await fetch(endpoint, {
        method: 'POST',
        credentials: 'same-origin',
        headers: {
          'Tus-Resumable': '1.0.0',
          'Upload-Length': String(file.size),
          'Upload-Metadata': encodeMetadata(settings.metadata),
        },
      });
      if (response.status !== 201) throw new Error(await problemText(response));
      const url = new URL(response.headers.get('Location'), location.href).href;
      const uid = settings.mediaIdHeader ? response.headers.get(settings.mediaIdHeader) : uidOf(url);
      if (!uid) throw new Error('the server did not say which video was created');
      target = { url, uid };
      localStorage.setItem(key, JSON.stringify({ url, uid, name: file.name, size: file.size }));
      offset = 0;
    }
    const uid = target.uid || uidOf(target.url);
    onProgress(offset, file.size);
    let retries = 0;
    while (offset < file.size) {
      try {
        const blob = file.slice(offset, offset + settings.chunkSize);
        offset = await patch(target.url, offset, blob, (sent) => onProgress(sent, file.size));
        retries = 0;
      } catch (error) {
        if (error.status && error.status >= 400 && error.status < 500 && error.status !== 409 && error.status !== 423) throw error;
        if (++retries > 5) throw error;
        await new Promise((r) => setTimeout(r, 1000 * retries));
        const current = await head(target.url, settings.credentials);
        if (current === null) throw error;
        offset = current;
      }
      onProgress(offset, file.size);
    }
    localStorage.removeItem(key);
    return { url: target.url, uid };
  }

  function unfinished() {
    const items = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key.startsWith(PREFIX)) {
        const [name, size] = key.substring(PREFIX.length).split('::');
        items.push({ name, size: Number(size), url: remembered(key).url });
      }
    }
    return items;
  }

  global.tusUpload = { upload, unfinished };
})(window);
