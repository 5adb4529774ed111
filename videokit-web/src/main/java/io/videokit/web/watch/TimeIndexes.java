package io.videokit.web.watch;

import io.videokit.core.media.TimeIndex;
import java.util.Optional;

/** Finds the {@link TimeIndex} of a stored video file, for the watch heatmap. */
@FunctionalInterface
public interface TimeIndexes {

  /** No indexes: sessions record bytes only, heatmaps stay empty. */
  TimeIndexes NONE = mediaKey -> Optional.empty();

  /**
   * The index of a file.
   *
   * @param mediaKey the file's key in media storage, e.g. {@code videos/<uid>.mp4}
   * @return its index, or empty when the file has none (not a processed video)
   */
  Optional<TimeIndex> find(String mediaKey);
}
