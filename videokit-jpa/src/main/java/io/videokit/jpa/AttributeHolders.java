package io.videokit.jpa;

import io.videokit.jpa.VideoAttributes.Attribute;
import io.videokit.video.Video;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The attributes holding a video, found by its uid and changed all at once: what a provider's
 * synchronisation needs from the entities. {@link VideoHolders} implements it on JPA; tests of a
 * synchronisation implement it in memory.
 */
public interface AttributeHolders {

  /**
   * One attribute value on one entity.
   *
   * @param entity the managed entity
   * @param attribute the attribute
   * @param video its current value
   */
  record Holder(Object entity, Attribute attribute, Video video) {}

  /**
   * What {@link #updateAndRead} left stored.
   *
   * @param attributes the attribute of each holder (one entry per entity holding the uid)
   * @param newest the newest value stored (by {@code modified}) after the change, read under the
   *     row lock, or null when nothing holds the uid
   */
  record Updated(List<Attribute> attributes, @Nullable Video newest) {}

  /**
   * Changes every attribute that holds a uid, at once.
   *
   * @param uid the video's uid
   * @param change computes the new value from the current one (may return the same instance)
   * @return the attribute of each holder (one entry per entity holding the uid), so callers can
   *     read the options without another query
   */
  List<Attribute> update(String uid, UnaryOperator<Video> change);

  /**
   * Changes every attribute that holds a uid, at once, and answers the newest value stored
   * afterwards, so that a caller decides from the newest state (a webhook may have stored a newer
   * one than the caller fetched) rather than from its own, possibly stale, copy.
   *
   * @param uid the video's uid
   * @param change computes the new value from the current one (may return the same instance)
   * @return the holders' attributes and the newest stored value
   */
  Updated updateAndRead(String uid, UnaryOperator<Video> change);

  /**
   * Points every attribute holding {@code oldUid} to another video.
   *
   * @param oldUid the uid to replace
   * @param replacement the new value
   * @return the attribute of each changed holder
   */
  List<Attribute> replace(String oldUid, Video replacement);

  /**
   * Deletes every entity holding a uid.
   *
   * @param uid the video's uid
   * @return how many entities were removed
   */
  int removeOwners(String uid);

  /**
   * The current holders of a uid (a read-only snapshot).
   *
   * @param uid the video's uid
   * @return the holders
   */
  List<Holder> find(String uid);
}
