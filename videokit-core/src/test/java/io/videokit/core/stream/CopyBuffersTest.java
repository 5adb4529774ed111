package io.videokit.core.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CopyBuffersTest {

  private final CopyBuffers buffers = new CopyBuffers(1024, 2);

  @Test
  void aShortResponseGetsAnArrayOfItsOwnLengthThatIsNeverPooled() {
    byte[] small = buffers.take(2);

    assertThat(small).hasSize(2);
    buffers.give(small);
    assertThat(buffers.idle()).isZero();
  }

  @Test
  void anEmptyLengthStillGetsOneByte() {
    assertThat(buffers.take(0)).hasSize(1);
  }

  @Test
  void aResponseOfTheBufferSizeOrMoreGetsAFullBufferThatIsReused() {
    byte[] exact = buffers.take(1024);
    assertThat(exact).hasSize(1024);
    assertThat(buffers.take(1025)).hasSize(1024);

    buffers.give(exact);
    assertThat(buffers.idle()).isEqualTo(1);
    assertThat(buffers.take(1 << 30)).isSameAs(exact);
    assertThat(buffers.idle()).isZero();
  }

  @Test
  void aResponseOfExactlyTheBufferSizeTakesAPooledBuffer() {
    byte[] pooled = buffers.take(4096);
    buffers.give(pooled);

    assertThat(buffers.take(1024)).isSameAs(pooled);
    assertThat(buffers.take(1023)).isNotSameAs(pooled).hasSize(1023);
  }

  @Test
  void noMoreThanTheCapacityIsKept() {
    byte[] a = buffers.take(4096);
    byte[] b = buffers.take(4096);
    byte[] c = buffers.take(4096);

    buffers.give(a);
    buffers.give(b);
    buffers.give(c);

    assertThat(buffers.idle()).isEqualTo(2);
    assertThat(buffers.take(4096)).isSameAs(a);
    assertThat(buffers.take(4096)).isSameAs(b);
    assertThat(buffers.take(4096)).isNotSameAs(c).hasSize(1024);
  }

  @Test
  void anArrayOfAnotherLengthIsNotKept() {
    buffers.give(new byte[1023]);
    buffers.give(new byte[1025]);

    assertThat(buffers.idle()).isZero();
  }
}
