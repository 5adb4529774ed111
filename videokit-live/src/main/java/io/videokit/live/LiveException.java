package io.videokit.live;

import io.videokit.core.http.ProblemType;

/** A refused live request: the problem to answer and its detail. */
final class LiveException extends Exception {

  private static final long serialVersionUID = 1L;

  private final ProblemType type;

  LiveException(ProblemType type, String detail) {
    super(detail);
    this.type = type;
  }

  ProblemType type() {
    return type;
  }
}
