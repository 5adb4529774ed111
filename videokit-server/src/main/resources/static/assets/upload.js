// Resumable uploads for the reference page, done by tus-js-client (assets/vendor/tus.min.js, fetched
// from the npm registry by the build). The page asks /api/me where to upload ({provider, endpoint,
// chunkSize, mediaIdHeader}: this server's tus endpoint, or videokit's Cloudflare creation proxy)
// and shares the resulting uid at /api/shared-videos either way. This file only chooses its options:
//
// - resume across reloads: tus-js-client keeps each unfinished upload's URL in localStorage under
//   a fingerprint of the file (name, type, size, modification time) and the creation endpoint;
//   picking the same file again continues where the server stopped;
// - survive a network drop: retries with growing delays (about two minutes in all, and the count
//   starts again whenever bytes got through), also while the browser says it is offline (the
//   library's default gives up at once then); when even that runs out while offline, the upload
//   starts again by itself on the browser's 'online' event;
// - Cloudflare Stream: the creation POST goes to videokit's proxy on this server (same origin, with
//   the session cookie), which answers Cloudflare's one-time upload URL in Location and the video's
//   uid in Stream-Media-ID; the bytes then go straight to Cloudflare. XMLHttpRequest sends cookies
//   only to this origin (withCredentials stays false), so none reach Cloudflare.
(function (global) {
  'use strict';
  const tus = global.tus;
  // ms before each retry; about two minutes in all
  const RETRY_DELAYS = [0, 1000, 2000, 3000, 5000, 5000, 10000, 10000, 15000, 15000, 20000, 20000];
  const MEDIA_ID = 'videokit-media-id::';

  function status(error) {
    return error && error.originalResponse ? error.originalResponse.getStatus() : 0;
  }

  // network failures (status 0), server failures, and the conflicts an interrupted PATCH leaves
  // for a moment (409 offset mismatch, 423 still locked); never another client error
  function retryable(error) {
    const code = status(error);
    return code === 0 || code >= 500 || code === 409 || code === 423;
  }

  /** A readable reason: the problem body's detail (RFC 9457) rather than tus-js-client's dump. */
  function reason(error) {
    const response = error && error.originalResponse;
    if (response) {
      try {
        const body = JSON.parse(response.getBody());
        if (body && (body.detail || body.title)) return body.detail || body.title;
      } catch (e) { /* not JSON */ }
      return 'the server answered ' + response.getStatus();
    }
    if (navigator.onLine === false) return 'the network is offline';
    if (error && error.originalRequest) return 'the server could not be reached';
    return (error && error.message) || String(error);
  }

  function lastSegment(url) {
    return new URL(url, location.href).pathname.split('/').filter(Boolean).pop();
  }

  /**
   * Uploads a file, resuming an unfinished upload of the same file to the same endpoint.
   *
   * target: { endpoint, chunkSize, metadata, mediaIdHeader }: mediaIdHeader names the creation
   *   response header that carries the video's uid (default: the upload URL's last segment)
   * events (all optional): progress(sent, total), retrying(reason), offline(), resumed(metadata)
   * Resolves to { uid, metadata } (the metadata the upload was created with: a resumed upload
   * keeps the title it was started with).
   */
  function upload(file, target, events) {
    const on = events || {};
    return new Promise((resolve, reject) => {
      let mediaId = null;
      let metadata = target.metadata;
      const upload = new tus.Upload(file, {
        endpoint: new URL(target.endpoint, location.href).href,
        chunkSize: target.chunkSize || Infinity,
        metadata: target.metadata,
        retryDelays: RETRY_DELAYS,
        removeFingerprintOnSuccess: true,
        onShouldRetry: (error) => {
          if (!retryable(error)) return false;
          if (on.retrying) on.retrying(reason(error));
          return true;
        },
        onAfterResponse: (request, response) => {
          if (!target.mediaIdHeader || request.getMethod() !== 'POST') return;
          const id = response.getHeader(target.mediaIdHeader);
          const location = response.getHeader('Location');
          if (id && location) {
            mediaId = id;
            localStorage.setItem(MEDIA_ID + new URL(location, request.getURL()).href, id);
          }
        },
        onProgress: (sent, total) => { if (on.progress) on.progress(sent, total); },
        onSuccess: () => {
          const key = MEDIA_ID + upload.url;
          const uid = mediaId || localStorage.getItem(key) || lastSegment(upload.url);
          localStorage.removeItem(key);
          resolve({ uid, metadata });
        },
        onError: (error) => {
          if (retryable(error) && navigator.onLine === false) {
            if (on.offline) on.offline();
            global.addEventListener('online', () => upload.start(), { once: true });
            return;
          }
          const failure = new Error(reason(error));
          failure.status = status(error);
          reject(failure);
        },
      });
      upload.findPreviousUploads().then((previous) => {
        if (previous.length) {
          previous.sort((a, b) => String(b.creationTime).localeCompare(String(a.creationTime)));
          upload.resumeFromPreviousUpload(previous[0]);
          metadata = previous[0].metadata || metadata;
          if (on.resumed) on.resumed(metadata);
        }
        upload.start();
      }, reject);
    });
  }

  /** The unfinished uploads this browser remembers: [{ name, size, key }]. */
  async function unfinished() {
    const entries = await tus.defaultOptions.urlStorage.findAllUploads();
    return entries.map((entry) => ({
      name: (entry.metadata && (entry.metadata.filename || entry.metadata.name)) || 'a file',
      size: entry.size,
      key: entry.urlStorageKey,
    }));
  }

  /** Forgets an unfinished upload (the server drops its bytes when the upload expires). */
  function forget(key) {
    return tus.defaultOptions.urlStorage.removeUpload(key);
  }

  global.videokitUpload = { upload, unfinished, forget, supported: Boolean(tus && tus.isSupported) };
})(window);
