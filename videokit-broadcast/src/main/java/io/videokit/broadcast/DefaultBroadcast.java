package io.videokit.broadcast;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * The broadcast entity videokit ships: {@link Broadcast} as is, in table {@code
 * videokit_broadcast}.
 */
@Entity
@Table(name = "videokit_broadcast")
public class DefaultBroadcast extends Broadcast {

  /** A new, empty broadcast (the service fills it in); also for JPA. */
  public DefaultBroadcast() {}
}
