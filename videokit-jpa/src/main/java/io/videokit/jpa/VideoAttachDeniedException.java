package io.videokit.jpa;

/**
 * An entity write was refused because the caller may not attach that Cloudflare video (it was
 * uploaded by someone else, or never through this application). Answered 403 by videokit's
 * endpoints; applications' own controllers may translate it likewise.
 */
public class VideoAttachDeniedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The uid that was refused. */
  private final String uid;

  /**
   * A refusal.
   *
   * @param uid the video's uid
   */
  public VideoAttachDeniedException(String uid) {
    super("this Cloudflare video was not uploaded by the current user: " + uid);
    this.uid = uid;
  }

  /**
   * The refused uid.
   *
   * @return the uid
   */
  public String uid() {
    return uid;
  }
}
