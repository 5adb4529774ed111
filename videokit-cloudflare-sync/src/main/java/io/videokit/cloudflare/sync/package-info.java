/**
 * Cloudflare Stream's side of the video attributes: its {@code ProviderSync} state machine (trim,
 * MP4 download, duration limits), the upload ownership records and webhook registration.
 */
@NullMarked
package io.videokit.cloudflare.sync;

import org.jspecify.annotations.NullMarked;
