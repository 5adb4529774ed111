/**
 * Streaming endpoints and the streaming service: path streaming (the Django-compatible {@code
 * ?path=}), video files, access policy, watch-session accounting.
 */
@NullMarked
package io.videokit.web.stream;

import org.jspecify.annotations.NullMarked;
