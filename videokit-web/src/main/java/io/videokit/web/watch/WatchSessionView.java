package io.videokit.web.watch;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A watch session as {@code GET /api/watch-sessions} returns it.
 *
 * @param id session id (UUID)
 * @param videoUid the video, or null for a plain file
 * @param mediaKey the file's key in media storage
 * @param user the viewer's principal name, or null
 * @param authenticated whether the viewer was authenticated
 * @param clientIp the client's address
 * @param userAgent its {@code User-Agent}
 * @param started first request (UTC)
 * @param lastSeen latest request (UTC)
 * @param bytesServed body bytes sent in all, in bytes
 * @param requests number of responses in the session
 */
public record WatchSessionView(
    String id,
    @Nullable String videoUid,
    String mediaKey,
    @Nullable String user,
    boolean authenticated,
    String clientIp,
    @Nullable String userAgent,
    Instant started,
    Instant lastSeen,
    long bytesServed,
    int requests) {}
