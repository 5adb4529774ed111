/**
 * Cloudflare Stream's endpoints: the tus creation proxy (direct creator upload), webhook deliveries
 * and registration, signed playback URLs.
 */
@NullMarked
package io.videokit.web.cloudflare;

import org.jspecify.annotations.NullMarked;
