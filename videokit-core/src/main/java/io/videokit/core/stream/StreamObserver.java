package io.videokit.core.stream;

import org.jspecify.annotations.Nullable;

/**
 * Told about every streamed response, for metrics: when a body starts and what was sent. The
 * default methods do nothing; implementations must be thread-safe and cheap (they run on the
 * request thread) and must not throw.
 */
public interface StreamObserver {

  /** An observer that does nothing. */
  StreamObserver NONE = new StreamObserver() {};

  /** Which kind of endpoint streamed (a low-cardinality tag). */
  enum Route {
    /** A video's file by uid. */
    VIDEO,
    /** A file under the media root by path. */
    MEDIA,
    /** An object an application streamed itself. */
    OBJECT,
    /** A live broadcast's playlist or segment. */
    LIVE;

    private final String tag = name().toLowerCase(java.util.Locale.ROOT);

    /**
     * The tag value.
     *
     * @return the lower-case name
     */
    public String tag() {
      return tag;
    }
  }

  /** What kind of range answer was given (a low-cardinality tag). */
  enum RangeKind {
    /** The whole representation (200). */
    FULL,
    /** One range (206). */
    SINGLE,
    /** Several ranges as {@code multipart/byteranges} (206). */
    MULTI,
    /** No range could be satisfied (416). */
    UNSATISFIABLE,
    /** No body: 304, 412 and other answers. */
    NONE;

    private final String tag = name().toLowerCase(java.util.Locale.ROOT);

    /**
     * The tag value.
     *
     * @return the lower-case name
     */
    public String tag() {
      return tag;
    }

    /**
     * The kind of a streamed answer.
     *
     * @param result what was sent
     * @param contentType the response's {@code Content-Type}, or null
     * @return the kind
     */
    public static RangeKind of(StreamResult result, @Nullable String contentType) {
      switch (result.status()) {
        case 200:
          return FULL;
        case 206:
          return contentType != null && contentType.startsWith("multipart/byteranges")
              ? MULTI
              : SINGLE;
        case 416:
          return UNSATISFIABLE;
        default:
          return NONE;
      }
    }
  }

  /**
   * A response starts being answered; every call is followed by one {@link #finished}.
   *
   * @param route the endpoint
   */
  default void started(Route route) {}

  /**
   * A response was answered (its body written, or handed to the container's sendfile).
   *
   * @param route the endpoint
   * @param kind the kind of range answer
   * @param result status and body bytes
   */
  default void finished(Route route, RangeKind kind, StreamResult result) {}
}
