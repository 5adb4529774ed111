package io.videokit.video;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Options of one {@link Video} entity attribute, read by the background synchronisation. Without
 * the annotation every option has its default.
 *
 * <pre>{@code
 * @JdbcTypeCode(SqlTypes.JSON)
 * @VideoOptions(downloadable = true)
 * private Video video;
 * }</pre>
 */
@Target({ElementType.FIELD, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface VideoOptions {

  /**
   * Create the MP4 download once the video is ready and store its URL at {@code meta.download_url}
   * (only after the download itself is ready).
   *
   * @return false by default
   */
  boolean downloadable() default false;

  /**
   * Apply the automatic trim ({@code videokit.cloudflare.automatic-trim}) to this attribute's
   * videos.
   *
   * @return true by default (the global setting decides)
   */
  boolean trim() default true;

  /**
   * Delete the Cloudflare video when the owning entity is deleted, or when the attribute is cleared
   * or set to another video (and no other attribute holds it).
   *
   * @return true by default
   */
  boolean deleteWhenRemoved() default true;
}
