/**
 * The provider SPI, in the style of tusd's composer: every provider implements the small {@link
 * io.videokit.video.provider.VideoProvider} core, and each optional capability is an interface of
 * its own ({@link io.videokit.video.provider.ClippingProvider}, {@link
 * io.videokit.video.provider.DownloadingProvider}, {@link
 * io.videokit.video.provider.SignedPlaybackProvider}, {@link
 * io.videokit.video.provider.CaptionsProvider}, {@link
 * io.videokit.video.provider.LiveInputProvider}). What a provider can do is derived from the types
 * it implements ({@link io.videokit.video.provider.VideoProviders#capability}), never from flags.
 */
@NullMarked
package io.videokit.video.provider;

import org.jspecify.annotations.NullMarked;
