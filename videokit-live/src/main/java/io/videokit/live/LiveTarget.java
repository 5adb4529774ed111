package io.videokit.live;

import io.videokit.core.storage.MediaKeys;
import io.videokit.core.storage.MediaNotFoundException;
import java.util.regex.Pattern;

/**
 * Where one broadcast's files go and how much it may write.
 *
 * @param broadcastId the broadcast's id, as in the URL ({@code [A-Za-z0-9_-]}, at most 64)
 * @param storagePrefix the media storage key prefix of its files, ending in {@code /}, e.g. {@code
 *     live/<id>/}
 * @param limits its abuse limits
 */
public record LiveTarget(String broadcastId, String storagePrefix, LiveLimits limits) {

  /** The form of broadcast ids. */
  public static final Pattern BROADCAST_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /**
   * Validates the target.
   *
   * @throws IllegalArgumentException if the id is malformed or the prefix is not a safe media key
   *     ending in {@code /}
   */
  public LiveTarget {
    if (!BROADCAST_ID.matcher(broadcastId).matches()) {
      throw new IllegalArgumentException("malformed broadcast id");
    }
    if (!storagePrefix.endsWith("/")) {
      throw new IllegalArgumentException("the storage prefix must end with /");
    }
    try {
      MediaKeys.requireSafe(storagePrefix.substring(0, storagePrefix.length() - 1));
    } catch (MediaNotFoundException e) {
      throw new IllegalArgumentException("unsafe storage prefix: " + e.getMessage(), e);
    }
  }

  /**
   * The target of a broadcast under {@code live/<id>/} with the default limits.
   *
   * @param broadcastId the broadcast's id
   * @return the target
   */
  public static LiveTarget of(String broadcastId) {
    return new LiveTarget(broadcastId, "live/" + broadcastId + "/", LiveLimits.defaults());
  }

  /**
   * The storage key of one of the broadcast's files.
   *
   * @param fileName a checked file name (a single path segment)
   * @return {@code storagePrefix + fileName}
   */
  public String key(String fileName) {
    return storagePrefix + fileName;
  }
}
