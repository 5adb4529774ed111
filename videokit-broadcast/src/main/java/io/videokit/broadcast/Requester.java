package io.videokit.broadcast;

/**
 * Who asks the broadcast service for something.
 *
 * @param name the principal's name
 * @param staff whether the principal is staff (may manage every broadcast)
 */
public record Requester(String name, boolean staff) {

  /**
   * Whether this requester may stop or refresh a broadcast of {@code owner}.
   *
   * @param owner the broadcast's owner
   * @return true for the owner and for staff
   */
  public boolean mayManage(String owner) {
    return staff || name.equals(owner);
  }
}
