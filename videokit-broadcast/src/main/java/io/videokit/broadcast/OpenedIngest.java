package io.videokit.broadcast;

import org.jspecify.annotations.Nullable;

/**
 * What an ingest answers when it opened a broadcast's endpoint.
 *
 * @param endpoint what the publisher is handed (with its credentials)
 * @param playbackUrl where viewers play the broadcast live (an HLS playlist URL)
 * @param reference the ingest's own handle on the endpoint, kept with the broadcast for {@link
 *     BroadcastIngest#close} (e.g. a Cloudflare live input uid or a listener port), or null
 */
public record OpenedIngest(
    PublisherEndpoint endpoint, String playbackUrl, @Nullable String reference) {}
