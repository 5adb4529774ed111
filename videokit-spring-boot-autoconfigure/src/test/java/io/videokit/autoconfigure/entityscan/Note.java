package io.videokit.autoconfigure.entityscan;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** An application's own entity, found by its own {@code @EntityScan}. */
@Entity
public class Note {
  @Id Long id;

  /** For JPA. */
  protected Note() {}
}
