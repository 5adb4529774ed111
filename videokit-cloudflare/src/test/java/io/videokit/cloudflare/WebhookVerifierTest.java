package io.videokit.cloudflare;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookVerifierTest {

  static final String SECRET = "85011ed3a913c6ad5f9cf6c5573cc0a7";
  static final Instant NOW = Instant.parse("2024-08-07T12:00:00Z");
  static final long NOW_SECONDS = NOW.getEpochSecond();
  static final byte[] BODY =
      ("{\"uid\":\"ea95132c15732412d22c1476fa83f27a\",\"readyToStream\":true,"
              + "\"status\":{\"state\":\"ready\",\"pctComplete\":\"100.000000\"}}")
          .getBytes(UTF_8);

  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  final WebhookVerifier verifier = new WebhookVerifier(SECRET, Duration.ofMinutes(5), clock);

  /** Cloudflare's algorithm, computed without the class under test. */
  static String hmac(String secret, String time, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
      byte[] prefix = (time + ".").getBytes(UTF_8);
      byte[] message = Arrays.copyOf(prefix, prefix.length + body.length);
      System.arraycopy(body, 0, message, prefix.length, body.length);
      return HexFormat.of().formatHex(mac.doFinal(message));
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  static String header(long time, byte[] body) {
    return "time=" + time + ",sig1=" + hmac(SECRET, Long.toString(time), body);
  }

  @Test
  void acceptsACorrectSignature() {
    WebhookVerifier.Verified verified = verifier.verify(header(NOW_SECONDS, BODY), BODY);

    assertThat(verified.time()).isEqualTo(NOW);
    assertThat(verified.replayKey()).isNotBlank().contains(Long.toString(NOW_SECONDS));
  }

  @Test
  void replayKeyIdentifiesTheDelivery() {
    byte[] other = "{\"uid\":\"023e105f4ecef8ad9ca31a8372d0c353\"}".getBytes(UTF_8);

    String first = verifier.verify(header(NOW_SECONDS, BODY), BODY).replayKey();
    String again = verifier.verify(header(NOW_SECONDS, BODY), BODY).replayKey();
    String otherBody = verifier.verify(header(NOW_SECONDS, other), other).replayKey();
    String otherTime = verifier.verify(header(NOW_SECONDS - 1, BODY), BODY).replayKey();

    assertThat(again).isEqualTo(first);
    assertThat(otherBody).isNotEqualTo(first);
    assertThat(otherTime).isNotEqualTo(first);
  }

  @Test
  void replayKeyDoesNotContainTheSecret() {
    assertThat(verifier.verify(header(NOW_SECONDS, BODY), BODY).replayKey()).doesNotContain(SECRET);
  }

  @Test
  void acceptsAnEmptyBodyWhenSigned() {
    byte[] empty = new byte[0];

    assertThat(verifier.verify(header(NOW_SECONDS, empty), empty).time()).isEqualTo(NOW);
  }

  @Test
  void acceptsWellFormedVariants() {
    String sig = hmac(SECRET, Long.toString(NOW_SECONDS), BODY);

    assertThat(verifier.verify("sig1=" + sig + ",time=" + NOW_SECONDS, BODY).time()).isEqualTo(NOW);
    assertThat(verifier.verify("time=" + NOW_SECONDS + ", sig1=" + sig, BODY).time())
        .isEqualTo(NOW);
    assertThat(verifier.verify(" time = " + NOW_SECONDS + " , sig1 = " + sig + " ", BODY).time())
        .isEqualTo(NOW);
    assertThat(
            verifier
                .verify("time=" + NOW_SECONDS + ",sig1=" + sig.toUpperCase(Locale.ROOT), BODY)
                .time())
        .isEqualTo(NOW);
    assertThat(verifier.verify("time=" + NOW_SECONDS + ",sig1=" + sig + ",sig2=abcd", BODY).time())
        .isEqualTo(NOW);
  }

  @Test
  void acceptsTimesWithinTheToleranceEitherWay() {
    long fiveMinutesAgo = NOW_SECONDS - 300;
    long fourMinutesAhead = NOW_SECONDS + 240;
    long fiveMinutesAhead = NOW_SECONDS + 300;

    assertThat(verifier.verify(header(fiveMinutesAgo, BODY), BODY).time())
        .isEqualTo(Instant.ofEpochSecond(fiveMinutesAgo));
    assertThat(verifier.verify(header(fourMinutesAhead, BODY), BODY).time())
        .isEqualTo(Instant.ofEpochSecond(fourMinutesAhead));
    assertThat(verifier.verify(header(fiveMinutesAhead, BODY), BODY).time())
        .isEqualTo(Instant.ofEpochSecond(fiveMinutesAhead));
  }

  @Test
  void rejectsAStaleTime() {
    String stale = header(NOW_SECONDS - 360, BODY);

    assertThatThrownBy(() -> verifier.verify(stale, BODY))
        .isInstanceOf(WebhookSignatureException.class)
        .hasMessageContaining("stale");
    assertThatThrownBy(() -> verifier.verify(header(NOW_SECONDS - 301, BODY), BODY))
        .isInstanceOf(WebhookSignatureException.class);
  }

  @Test
  void rejectsATimeTooFarInTheFuture() {
    assertThatThrownBy(() -> verifier.verify(header(NOW_SECONDS + 360, BODY), BODY))
        .isInstanceOf(WebhookSignatureException.class);
    assertThatThrownBy(() -> verifier.verify(header(NOW_SECONDS + 301, BODY), BODY))
        .isInstanceOf(WebhookSignatureException.class);
  }

  @Test
  void rejectsAWrongSecret() {
    String forged =
        "time=" + NOW_SECONDS + ",sig1=" + hmac("another-secret", Long.toString(NOW_SECONDS), BODY);

    assertThatThrownBy(() -> verifier.verify(forged, BODY))
        .isInstanceOf(WebhookSignatureException.class)
        .hasMessageContaining("does not match");
  }

  @Test
  void rejectsABodyChangedByOneByte() {
    String header = header(NOW_SECONDS, BODY);
    byte[] changed = BODY.clone();
    changed[changed.length - 2] ^= 0x01;
    byte[] appended = Arrays.copyOf(BODY, BODY.length + 1);
    appended[BODY.length] = ' ';
    byte[] truncated = Arrays.copyOf(BODY, BODY.length - 1);

    for (byte[] body : new byte[][] {changed, appended, truncated}) {
      assertThatThrownBy(() -> verifier.verify(header, body))
          .isInstanceOf(WebhookSignatureException.class);
    }
  }

  @Test
  void rejectsASignatureMovedToAnotherTime() {
    String sig = hmac(SECRET, Long.toString(NOW_SECONDS - 10), BODY);

    assertThatThrownBy(() -> verifier.verify("time=" + NOW_SECONDS + ",sig1=" + sig, BODY))
        .isInstanceOf(WebhookSignatureException.class);
  }

  @Test
  void rejectsATruncatedOrExtendedSignature() {
    String sig = hmac(SECRET, Long.toString(NOW_SECONDS), BODY);

    assertThatThrownBy(
            () -> verifier.verify("time=" + NOW_SECONDS + ",sig1=" + sig.substring(0, 32), BODY))
        .isInstanceOf(WebhookSignatureException.class);
    assertThatThrownBy(() -> verifier.verify("time=" + NOW_SECONDS + ",sig1=" + sig + "00", BODY))
        .isInstanceOf(WebhookSignatureException.class);
    assertThatThrownBy(() -> verifier.verify("time=" + NOW_SECONDS + ",sig1=", BODY))
        .isInstanceOf(WebhookSignatureException.class);
  }

  @Test
  void rejectsAMissingHeader() {
    assertThatThrownBy(() -> verifier.verify(null, BODY))
        .isInstanceOf(WebhookSignatureException.class)
        .hasMessageContaining("missing");
    assertThatThrownBy(() -> verifier.verify("", BODY))
        .isInstanceOf(WebhookSignatureException.class);
    assertThatThrownBy(() -> verifier.verify("   ", BODY))
        .isInstanceOf(WebhookSignatureException.class);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "time=NOW",
        "sig1=SIG",
        "time=NOW;sig1=SIG",
        "time=NOW,sig1=zz",
        "time=NOW,sig1=abc",
        "time=NOW,sig1=SIG-",
        "time=abc,sig1=SIG",
        "time=-NOW,sig1=SIG",
        "time=NOW.5,sig1=SIG",
        "time=1.7e9,sig1=SIG",
        "time=,sig1=SIG",
        "time=1234567890123,sig1=SIG",
        "t=NOW,v1=SIG",
        "garbage",
        ",,,",
        "=NOW,=SIG"
      })
  void rejectsMalformedHeaders(String template) {
    String header =
        template
            .replace("NOW", Long.toString(NOW_SECONDS))
            .replace("SIG", hmac(SECRET, Long.toString(NOW_SECONDS), BODY));

    assertThatThrownBy(() -> verifier.verify(header, BODY))
        .isInstanceOf(WebhookSignatureException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
  }

  @Test
  void exceptionsNeverContainTheSecret() {
    String wrong =
        "time=" + NOW_SECONDS + ",sig1=" + hmac("other", Long.toString(NOW_SECONDS), BODY);
    String[] headers = {
      null,
      "",
      "garbage",
      "time=x,sig1=y",
      header(NOW_SECONDS - 3600, BODY),
      wrong,
      "time=" + NOW_SECONDS + ",sig1=" + SECRET
    };
    for (String header : headers) {
      assertThatThrownBy(() -> verifier.verify(header, BODY))
          .isInstanceOf(WebhookSignatureException.class)
          .satisfies(e -> {
            assertThat(e.getMessage()).doesNotContain(SECRET);
            assertThat(e.toString()).doesNotContain(SECRET);
            assertThat(e.getCause()).isNull();
          });
    }
  }

  @Test
  void signatureHeaderIsWhatCloudflareSendsAndVerifies() {
    Instant time = NOW.minusSeconds(42);

    String header = verifier.signatureHeader(BODY, time);

    assertThat(header).isEqualTo(header(time.getEpochSecond(), BODY));
    assertThat(header).matches("time=\\d+,sig1=[0-9a-f]{64}");
    assertThat(verifier.verify(header, BODY).time()).isEqualTo(time);
  }

  @Test
  void signatureHeaderOfAnotherSecretDoesNotVerify() {
    WebhookVerifier other = new WebhookVerifier("other-secret", Duration.ofMinutes(5), clock);

    String header = other.signatureHeader(BODY, NOW);

    assertThatThrownBy(() -> verifier.verify(header, BODY))
        .isInstanceOf(WebhookSignatureException.class);
  }

  @Test
  void zeroToleranceAcceptsOnlyTheCurrentSecond() {
    WebhookVerifier strict = new WebhookVerifier(SECRET, Duration.ZERO, clock);

    assertThat(strict.verify(header(NOW_SECONDS, BODY), BODY).time()).isEqualTo(NOW);
    assertThatThrownBy(() -> strict.verify(header(NOW_SECONDS - 1, BODY), BODY))
        .isInstanceOf(WebhookSignatureException.class);
  }

  @Test
  void defaultConstructorUsesTheSystemClockAndFiveMinutes() {
    WebhookVerifier system = new WebhookVerifier(SECRET);
    long now = Instant.now().getEpochSecond();

    assertThat(system.verify(header(now, BODY), BODY).time().getEpochSecond()).isEqualTo(now);
    assertThatThrownBy(() -> system.verify(header(now - 3600, BODY), BODY))
        .isInstanceOf(WebhookSignatureException.class);
  }

  @Test
  void refusesAnEmptySecretOrANegativeTolerance() {
    assertThatThrownBy(() -> new WebhookVerifier("", Duration.ofMinutes(5), clock))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WebhookVerifier(null, Duration.ofMinutes(5), clock))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WebhookVerifier(SECRET, Duration.ofSeconds(-1), clock))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
