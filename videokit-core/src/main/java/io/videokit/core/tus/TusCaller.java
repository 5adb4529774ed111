package io.videokit.core.tus;

/**
 * Who sends a tus request.
 *
 * @param name the authenticated principal's name; recorded as the upload's creator
 * @param staff whether the caller may act on other people's uploads
 */
public record TusCaller(String name, boolean staff) {

  /**
   * Whether this caller may see and change an upload.
   *
   * @param upload the upload
   * @return true for its creator and for staff
   */
  public boolean mayAccess(UploadInfo upload) {
    return staff || name.equals(upload.creator());
  }
}
