package io.videokit.core.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.videokit.core.stream.StreamObserver.RangeKind;
import io.videokit.core.stream.StreamObserver.Route;
import org.junit.jupiter.api.Test;

/** The low-cardinality tags of streamed answers: the route and the kind of range answer. */
class StreamObserverTest {

  static StreamResult status(int status) {
    return new StreamResult(status, 0, false);
  }

  @Test
  void theKindFollowsTheStatusAndAMultipartBody() {
    assertThat(RangeKind.of(status(200), "video/mp4")).isEqualTo(RangeKind.FULL);
    assertThat(RangeKind.of(status(206), "video/mp4")).isEqualTo(RangeKind.SINGLE);
    assertThat(RangeKind.of(status(206), null)).isEqualTo(RangeKind.SINGLE);
    assertThat(RangeKind.of(status(206), "multipart/byteranges; boundary=x"))
        .isEqualTo(RangeKind.MULTI);
    assertThat(RangeKind.of(status(416), null)).isEqualTo(RangeKind.UNSATISFIABLE);
    assertThat(RangeKind.of(status(304), null)).isEqualTo(RangeKind.NONE);
    assertThat(RangeKind.of(status(412), null)).isEqualTo(RangeKind.NONE);
  }

  @Test
  void tagsAreTheLowerCaseNames() {
    assertThat(RangeKind.UNSATISFIABLE.tag()).isEqualTo("unsatisfiable");
    assertThat(RangeKind.MULTI.tag()).isEqualTo("multi");
    assertThat(Route.LIVE.tag()).isEqualTo("live");
    assertThat(Route.VIDEO.tag()).isEqualTo("video");
  }
}
