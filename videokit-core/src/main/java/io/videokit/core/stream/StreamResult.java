package io.videokit.core.stream;

/**
 * What a streamed response sent.
 *
 * @param status the HTTP status code answered
 * @param bytesSent body bytes the container accepted (for a zero-copy transfer, the whole range
 *     handed to it, whether or not the client stayed: ask {@link RangeStreamer} for an exact count
 *     where it matters; for HEAD and 304, 0)
 * @param completed false when the client went away before the body was written
 */
public record StreamResult(int status, long bytesSent, boolean completed) {}
