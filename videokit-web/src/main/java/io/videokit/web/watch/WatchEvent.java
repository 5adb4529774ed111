package io.videokit.web.watch;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One streamed response, as reported to the watch-session recorder.
 *
 * @param mediaKey the file's key in media storage
 * @param videoUid the video's uid, or null for a plain file
 * @param username the viewer's principal name, or null when anonymous
 * @param clientIp the client's address (see {@code videokit.watch.trusted-proxies})
 * @param userAgent the {@code User-Agent}, or null
 * @param bytes body bytes sent
 * @param at when the response was sent (UTC)
 */
public record WatchEvent(
    String mediaKey,
    @Nullable String videoUid,
    @Nullable String username,
    String clientIp,
    @Nullable String userAgent,
    long bytes,
    Instant at) {}
