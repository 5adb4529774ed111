package io.videokit.jpa;

import io.videokit.video.Video;
import io.videokit.video.VideoOptions;
import jakarta.persistence.metamodel.EntityType;
import jakarta.persistence.metamodel.Metamodel;
import jakarta.persistence.metamodel.SingularAttribute;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Every entity attribute of type {@link Video} in the persistence unit, found once from the JPA
 * metamodel, with its {@link VideoOptions}.
 */
public final class VideoAttributes {

  /**
   * One attribute.
   *
   * @param entityClass the entity's class
   * @param entityName the JPA entity name, as used in JPQL/HQL
   * @param name the attribute's name
   * @param options its options (defaults when not annotated)
   * @param member the field or getter JPA reads it through
   */
  public record Attribute(
      Class<?> entityClass, String entityName, String name, VideoOptions options, Member member) {

    /**
     * The attribute's value on an entity.
     *
     * @param entity an instance of {@link #entityClass()}
     * @return the video, or null
     */
    public @Nullable Video get(Object entity) {
      try {
        if (member instanceof Field field) {
          field.setAccessible(true);
          return (Video) field.get(entity);
        }
        Method getter = (Method) member;
        getter.setAccessible(true);
        return (Video) getter.invoke(entity);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("cannot read " + entityName + "." + name, e);
      }
    }

    /**
     * Sets the attribute on an entity (field access, or the setter for property access).
     *
     * @param entity an instance of {@link #entityClass()}
     * @param video the new value, or null
     */
    public void set(Object entity, @Nullable Video video) {
      try {
        if (member instanceof Field field) {
          field.setAccessible(true);
          field.set(entity, video);
          return;
        }
        Method getter = (Method) member;
        String property = getter.getName().replaceFirst("^(get|is)", "");
        Method setter = getter.getDeclaringClass().getDeclaredMethod("set" + property, Video.class);
        setter.setAccessible(true);
        setter.invoke(entity, video);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot set " + entityName + "." + name, e);
      }
    }
  }

  /** Carries the annotation with all defaults. */
  @VideoOptions private static final @Nullable Object DEFAULTS_CARRIER = null;

  private static final VideoOptions DEFAULTS = defaults();

  private static VideoOptions defaults() {
    try {
      return Objects.requireNonNull(
          VideoAttributes.class
              .getDeclaredField("DEFAULTS_CARRIER")
              .getAnnotation(VideoOptions.class));
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(e);
    }
  }

  private final List<Attribute> attributes;

  private VideoAttributes(List<Attribute> attributes) {
    this.attributes = List.copyOf(attributes);
  }

  /**
   * Finds the attributes in a metamodel.
   *
   * @param metamodel the persistence unit's metamodel
   * @param excluded entity classes whose attributes are not the application's (a provider's own
   *     records)
   * @return every singular attribute whose Java type is {@link Video}
   */
  public static VideoAttributes discover(Metamodel metamodel, Set<Class<?>> excluded) {
    List<Attribute> found = new ArrayList<>();
    for (EntityType<?> entity : metamodel.getEntities()) {
      if (excluded.contains(entity.getJavaType())) {
        continue;
      }
      for (SingularAttribute<?, ?> attribute : entity.getSingularAttributes()) {
        if (attribute.getJavaType() == Video.class) {
          Member member = attribute.getJavaMember();
          VideoOptions options =
              member instanceof AnnotatedElement element
                      && element.getAnnotation(VideoOptions.class) != null
                  ? element.getAnnotation(VideoOptions.class)
                  : DEFAULTS;
          found.add(
              new Attribute(
                  entity.getJavaType(), entity.getName(), attribute.getName(), options, member));
        }
      }
    }
    found.sort(Comparator.comparing(Attribute::entityName).thenComparing(Attribute::name));
    return new VideoAttributes(found);
  }

  /**
   * All attributes.
   *
   * @return sorted by entity and attribute name
   */
  public List<Attribute> all() {
    return attributes;
  }

  /**
   * The attributes of one entity class.
   *
   * @param entityClass the class (a Hibernate proxy's superclass also matches)
   * @return its attributes, possibly none
   */
  public List<Attribute> of(Class<?> entityClass) {
    List<Attribute> result = new ArrayList<>();
    for (Attribute attribute : attributes) {
      if (attribute.entityClass().isAssignableFrom(entityClass)) {
        result.add(attribute);
      }
    }
    return result;
  }

  /**
   * Whether any entity has such an attribute.
   *
   * @return false when there is nothing to synchronise
   */
  public boolean isEmpty() {
    return attributes.isEmpty();
  }
}
