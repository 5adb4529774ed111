package io.videokit.core.stream;

/**
 * What a streamed response sent.
 *
 * @param status the HTTP status code answered
 * @param bytesSent body bytes written (for a zero-copy transfer, those handed to the server to
 *     send; for HEAD and 304, 0)
 * @param completed false when the client went away before the body was written
 */
public record StreamResult(int status, long bytesSent, boolean completed) {}
