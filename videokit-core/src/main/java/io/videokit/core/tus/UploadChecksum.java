package io.videokit.core.tus;

import java.util.Base64;

/**
 * A parsed {@code Upload-Checksum} header: the algorithm and the expected digest of one PATCH body.
 *
 * @param algorithm the digest algorithm
 * @param expected the digest the body must have
 */
public record UploadChecksum(ChecksumAlgorithm algorithm, byte[] expected) {

  /**
   * Parses {@code <algorithm> <base64 digest>}.
   *
   * @param header the header value
   * @return the checksum
   * @throws TusException {@link TusError#UNSUPPORTED_CHECKSUM} for an unknown algorithm, {@link
   *     TusError#INVALID_CHECKSUM} for a malformed value
   */
  public static UploadChecksum parse(String header) throws TusException {
    String[] parts = header.strip().split(" ");
    if (parts.length != 2) {
      throw new TusException(
          TusError.INVALID_CHECKSUM, "Upload-Checksum must be '<algorithm> <base64 digest>'");
    }
    ChecksumAlgorithm algorithm =
        ChecksumAlgorithm.byTusName(parts[0])
            .orElseThrow(() ->
                new TusException(
                    TusError.UNSUPPORTED_CHECKSUM,
                    "'" + parts[0] + "' is not one of " + ChecksumAlgorithm.header()));
    try {
      return new UploadChecksum(algorithm, Base64.getDecoder().decode(parts[1]));
    } catch (IllegalArgumentException e) {
      throw new TusException(
          TusError.INVALID_CHECKSUM, "the digest in Upload-Checksum is not valid base64");
    }
  }
}
