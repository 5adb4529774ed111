package io.videokit.server.video;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * Shared videos, found by JSON path inside their {@code video} document (HQL {@code json_value}, on
 * H2 and PostgreSQL alike), whichever provider holds the video.
 */
public interface SharedVideoRepository extends JpaRepository<SharedVideo, Long> {

  /**
   * The shared videos in one state.
   *
   * @param state a {@code status.state} wire name, e.g. {@code ready}
   * @param pageable the page and its order
   * @return one page of them
   */
  @Query(
      value = "select v from SharedVideo v where json_value(v.video, '$.status.state') = :state",
      countQuery =
          "select count(v) from SharedVideo v"
              + " where json_value(v.video, '$.status.state') = :state")
  Page<SharedVideo> findByState(@Param("state") String state, Pageable pageable);

  /**
   * Whether a video is shared already.
   *
   * @param uid the video's uid
   * @return true when a row holds it
   */
  @Query("select count(v) > 0 from SharedVideo v where json_value(v.video, '$.uid') = :uid")
  boolean existsByUid(@Param("uid") String uid);
}
