// A small tus 1.0.0 client for the reference page: creation, PATCH in chunks with progress,
// resume after a reload (the upload URL is kept in localStorage, keyed by the file's fingerprint).
(function (global) {
  'use strict';
  const CHUNK_SIZE = 8 * 1024 * 1024;
  const PREFIX = 'videokit-upload::';

  function fingerprint(file) {
    return PREFIX + [file.name, file.size, file.type, file.lastModified].join('::');
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
          let detail = xhr.statusText;
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

  async function head(url) {
    const response = await fetch(url, { method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0' } });
    if (!response.ok) return null;
    return Number(response.headers.get('Upload-Offset'));
  }

  /**
   * Uploads a file, resuming a previous attempt of the same file when the server still has it.
   * Calls onProgress(bytesSent, bytesTotal); resolves to the upload URL (its last segment is the video uid).
   */
  async function upload(endpoint, file, onProgress) {
    const key = fingerprint(file);
    let url = localStorage.getItem(key);
    let offset = null;
    if (url) offset = await head(url);
    if (offset === null) {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: {
          'Tus-Resumable': '1.0.0',
          'Upload-Length': String(file.size),
          'Upload-Metadata': encodeMetadata({ name: file.name, filename: file.name, filetype: file.type }),
        },
      });
      if (response.status !== 201) throw new Error(await problemText(response));
      url = new URL(response.headers.get('Location'), location.href).href;
      localStorage.setItem(key, url);
      offset = 0;
    }
    onProgress(offset, file.size);
    let retries = 0;
    while (offset < file.size) {
      try {
        offset = await patch(url, offset, file.slice(offset, offset + CHUNK_SIZE), (sent) => onProgress(sent, file.size));
        retries = 0;
      } catch (error) {
        if (error.status && error.status >= 400 && error.status < 500 && error.status !== 409 && error.status !== 423) throw error;
        if (++retries > 5) throw error;
        await new Promise((r) => setTimeout(r, 1000 * retries));
        const current = await head(url);
        if (current === null) throw error;
        offset = current;
      }
      onProgress(offset, file.size);
    }
    localStorage.removeItem(key);
    return url;
  }

  function unfinished() {
    const items = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key.startsWith(PREFIX)) {
        const [name, size] = key.substring(PREFIX.length).split('::');
        items.push({ name, size: Number(size), url: localStorage.getItem(key) });
      }
    }
    return items;
  }

  global.tusUpload = { upload, unfinished };
})(window);
