package io.videokit.jpa;

import io.videokit.video.VideoState;
import java.util.regex.Pattern;
import org.hibernate.query.criteria.HibernateCriteriaBuilder;
import org.springframework.data.jpa.domain.Specification;

/**
 * Queries on {@link io.videokit.video.Video} attributes by JSON path, on H2 and PostgreSQL alike
 * (needs {@code hibernate.query.hql.json_functions_enabled=true}, which videokit sets).
 *
 * <p>In HQL:
 *
 * <pre>{@code
 * select p from Post p where json_value(p.video, '$.status.state') = 'ready'
 * }</pre>
 *
 * With Spring Data JPA ({@code JpaSpecificationExecutor}):
 *
 * <pre>{@code
 * posts.findAll(VideoQueries.state("video", VideoState.READY));
 * }</pre>
 */
public final class VideoQueries {

  private static final Pattern PATH = Pattern.compile("\\$(\\.[A-Za-z_][A-Za-z0-9_]*)+");
  private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private VideoQueries() {}

  /**
   * Entities whose video is in a state ({@code status.state}).
   *
   * @param attribute the entity attribute holding the video, e.g. {@code video}
   * @param state the state
   * @param <T> the entity type
   * @return the specification
   */
  public static <T> Specification<T> state(String attribute, VideoState state) {
    return jsonPath(attribute, "$.status.state", state.wireName());
  }

  /**
   * Entities whose video has a given uid.
   *
   * @param attribute the entity attribute holding the video
   * @param uid the video's uid
   * @param <T> the entity type
   * @return the specification
   */
  public static <T> Specification<T> uid(String attribute, String uid) {
    return jsonPath(attribute, "$.uid", uid);
  }

  /**
   * Entities whose video has a text value at a JSON path.
   *
   * @param attribute the entity attribute holding the video
   * @param path a simple path such as {@code $.status.state} or {@code $.meta.name}
   * @param value the value to compare with
   * @param <T> the entity type
   * @return the specification
   * @throws IllegalArgumentException for a path other than {@code $.a.b…} or an invalid attribute
   *     name
   */
  public static <T> Specification<T> jsonPath(String attribute, String path, String value) {
    checkAttribute(attribute);
    checkPath(path);
    return (root, query, builder) -> {
      if (builder instanceof HibernateCriteriaBuilder hibernate) {
        return builder.equal(hibernate.jsonValue(root.get(attribute), path), value);
      }
      return builder.equal(
          builder.function("json_value", String.class, root.get(attribute), builder.literal(path)),
          value);
    };
  }

  /**
   * The HQL expression for a JSON path of an attribute.
   *
   * @param alias the entity alias in the query, e.g. {@code p}
   * @param attribute the attribute, e.g. {@code video}
   * @param path e.g. {@code $.status.state}
   * @return e.g. {@code json_value(p.video, '$.status.state')}
   * @throws IllegalArgumentException for invalid names or paths
   */
  public static String hql(String alias, String attribute, String path) {
    checkAttribute(alias);
    checkAttribute(attribute);
    checkPath(path);
    return "json_value(" + alias + "." + attribute + ", '" + path + "')";
  }

  private static void checkAttribute(String name) {
    if (name == null || !ATTRIBUTE.matcher(name).matches()) {
      throw new IllegalArgumentException("not an attribute name: " + name);
    }
  }

  private static void checkPath(String path) {
    if (path == null || !PATH.matcher(path).matches()) {
      throw new IllegalArgumentException("only simple JSON paths like $.status.state: " + path);
    }
  }
}
