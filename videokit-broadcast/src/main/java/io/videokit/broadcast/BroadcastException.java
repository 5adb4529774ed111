package io.videokit.broadcast;

/**
 * A refusal of the broadcast service; {@link #reason()} tells the web layer which problem to
 * answer. The message never contains a secret.
 */
public class BroadcastException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why a request was refused. */
  public enum Reason {
    /** No broadcast with that id. */
    NOT_FOUND,
    /** The requester is neither the owner nor staff. */
    FORBIDDEN,
    /** The endpoint kind is not supported (the message lists the supported ones). */
    UNSUPPORTED_KIND,
    /** The owner has as many live broadcasts as allowed. */
    LIMIT_REACHED,
    /** The broadcast has stopped; its credentials cannot be refreshed. */
    NOT_LIVE,
    /** A parameter is wrong (e.g. a missing or too long name). */
    INVALID,
    /** The ingest behind the endpoint kind failed (a provider or listener could not be reached). */
    INGEST_FAILED
  }

  private final Reason reason;

  /**
   * Creates the refusal.
   *
   * @param reason why
   * @param message the detail for the caller
   */
  public BroadcastException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /**
   * Why the request was refused.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
