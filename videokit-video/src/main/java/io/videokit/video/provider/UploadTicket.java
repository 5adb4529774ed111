package io.videokit.video.provider;

import java.net.URI;
import java.util.Objects;

/**
 * A reserved upload.
 *
 * @param location the tus 1.0.0 upload URL the client PATCHes the bytes to (absolute for a hosted
 *     provider; may be relative to the application for the self-hosted one)
 * @param uid the uid the video will have
 * @param provider the name of the provider that reserved it
 */
public record UploadTicket(URI location, String uid, String provider) {

  /** Checks for nulls. */
  public UploadTicket {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(uid, "uid");
    Objects.requireNonNull(provider, "provider");
  }
}
