package io.videokit.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionNamesTest {

  private static final String ID = "0123456789abcdef0123456789abcdef";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "alice",
        "alice smith",
        "jürgen",
        "名前",
        "emoji 🎥 user",
        "a/b\\c:d;e'f\"g",
        "",
        "user+tag=x,y.z@example.com-1"
      })
  void sessionNamesAreAlwaysValidForSts(String owner) {
    String name = SessionNames.roleSessionName(owner, ID);

    assertThat(name).matches(SessionNames.VALID).endsWith("-" + ID);
  }

  @Test
  void charactersStsAcceptsAreKept() {
    assertThat(SessionNames.roleSessionName("user+tag=x,y.z@example.com", ID))
        .isEqualTo("user+tag=x,y.z@example.com-" + ID);
  }

  @Test
  void nonAsciiBecomesOneUnderscorePerCodePoint() {
    assertThat(SessionNames.roleSessionName("jürgen 🎥", ID)).isEqualTo("j_rgen__-" + ID);
  }

  @Test
  void veryLongOwnersAreCutAndTheBroadcastIdStays() {
    String name = SessionNames.roleSessionName("x".repeat(500), ID);

    assertThat(name).hasSize(64).matches(SessionNames.VALID).isEqualTo("x".repeat(31) + "-" + ID);
  }
}
