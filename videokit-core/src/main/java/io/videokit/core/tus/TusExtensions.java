package io.videokit.core.tus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The tus extensions a {@link TusHandler} serves, derived from the optional interfaces its store
 * implements (never from flags), and the protocol's answers to requests for a missing one.
 */
final class TusExtensions {

  /** The handler's own extensions, served whatever the store. */
  private static final List<String> ALWAYS =
      List.of("creation", "creation-with-upload", "checksum");

  private final @Nullable TerminatingUploadStore termination;
  private final @Nullable ConcatenatingUploadStore concatenation;
  private final @Nullable LengthDeferringUploadStore deferral;
  private final @Nullable ExpiringUploadStore expiration;

  TusExtensions(UploadStore store) {
    this.termination = store instanceof TerminatingUploadStore t ? t : null;
    this.concatenation = store instanceof ConcatenatingUploadStore c ? c : null;
    this.deferral = store instanceof LengthDeferringUploadStore d ? d : null;
    this.expiration = store instanceof ExpiringUploadStore e ? e : null;
  }

  /** The {@code Tus-Extension} value. */
  String header() {
    List<String> names = new ArrayList<>(ALWAYS);
    if (deferral != null) {
      names.add("creation-defer-length");
    }
    if (expiration != null) {
      names.add("expiration");
    }
    if (termination != null) {
      names.add("termination");
    }
    if (concatenation != null) {
      names.add("concatenation");
    }
    return String.join(",", names);
  }

  /** The {@code Allow} value of an upload's URL: DELETE only with termination. */
  String allowOnUpload() {
    return termination != null ? "HEAD, PATCH, DELETE, OPTIONS" : "HEAD, PATCH, OPTIONS";
  }

  /** Whether uploads expire (expiration): {@code Upload-Expires} is sent and enforced. */
  boolean expiring() {
    return expiration != null;
  }

  /** The store, for termination; null means DELETE is answered 405. */
  @Nullable TerminatingUploadStore termination() {
    return termination;
  }

  /** The store, for expiry cleanup; null if uploads do not expire. */
  @Nullable ExpiringUploadStore expiration() {
    return expiration;
  }

  /** The store, for {@code Upload-Concat}; refused with 400 without concatenation. */
  ConcatenatingUploadStore concatenation() throws TusException {
    if (concatenation == null) {
      throw unsupported("concatenation", "Upload-Concat");
    }
    return concatenation;
  }

  /** The store, for {@code Upload-Defer-Length}; refused with 400 without creation-defer-length. */
  LengthDeferringUploadStore deferral() throws TusException {
    if (deferral == null) {
      throw unsupported("creation-defer-length", "Upload-Defer-Length");
    }
    return deferral;
  }

  /**
   * Removes an upload the handler no longer needs (a refused creation, a concatenated part), if the
   * store can remove anything; otherwise it stays.
   */
  void remove(String id) throws IOException {
    if (termination != null) {
      termination.delete(id);
    }
  }

  private static TusException unsupported(String extension, String header) {
    return new TusException(
        TusError.UNSUPPORTED_EXTENSION,
        "this server does not support the "
            + extension
            + " extension; send no "
            + header
            + " (see Tus-Extension)");
  }
}
