package io.videokit.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValuesAndExceptionsTest {

  // ------------------------------------------------------------------- downloads

  @Test
  void downloadReadyNeedsStatusReadyAndAUrl() {
    assertThat(new Download("ready", "https://example.com/v.mp4", 100).isReady()).isTrue();
    assertThat(new Download("ready", null, 100).isReady()).isFalse();
    assertThat(new Download("inprogress", "https://example.com/v.mp4", 75.5).isReady()).isFalse();
    assertThat(new Download("error", "https://example.com/v.mp4", 0).isReady()).isFalse();
  }

  @Test
  void downloadFailedOnlyOnError() {
    assertThat(new Download("error", null, 0).isFailed()).isTrue();
    assertThat(new Download("inprogress", null, 10).isFailed()).isFalse();
    assertThat(new Download("ready", "https://example.com/v.mp4", 100).isFailed()).isFalse();
    assertThat(new Download("ERROR", null, 0).isFailed()).isFalse();
  }

  // ------------------------------------------------------------------- secrets in toString

  @Test
  void signingKeyToStringHidesTheKeyMaterial() {
    String pem = "LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlFcEFJQkFBS0NBUUVB";
    String jwk = "eyJ1c2UiOiJzaWciLCJrdHkiOiJSU0EiLCJraWQiOiI4ZjkyNmIyYjAxZjM4MzUx";
    SigningKey key =
        new SigningKey(
            "8f926b2b01f383510025d9ee11e1e5ed", pem, jwk, Instant.parse("2024-08-07T12:00:00Z"));

    assertThat(key.toString())
        .contains("8f926b2b01f383510025d9ee11e1e5ed")
        .contains("2024-08-07T12:00:00Z")
        .doesNotContain(pem)
        .doesNotContain(jwk)
        .doesNotContain("pem")
        .doesNotContain("jwk");
    assertThat(key.pem()).isEqualTo(pem);
    assertThat(key.jwk()).isEqualTo(jwk);
  }

  @Test
  void webhookToStringHidesTheSecret() {
    String secret = "85011ed3a913c6ad5f9cf6c5573cc0a7";
    Webhook webhook =
        new Webhook(
            "https://example.com/hooks/stream", Instant.parse("2024-08-07T12:00:00Z"), secret);

    assertThat(webhook.toString())
        .contains("https://example.com/hooks/stream")
        .doesNotContain(secret)
        .doesNotContain("secret");
    assertThat(webhook.secret()).isEqualTo(secret);
  }

  // ------------------------------------------------------------------- API errors

  @ParameterizedTest(name = "[{index}] HTTP {0}")
  @CsvSource({
    "400, false",
    "401, false",
    "403, false",
    "404, false",
    "409, false",
    "429, true",
    "500, true",
    "502, true",
    "503, true",
    "504, true"
  })
  void retryableForRateLimitsAndServerErrors(int status, boolean retryable) {
    CloudflareApiException e = new CloudflareApiException("GET /stream/{uid}", status, List.of());

    assertThat(e.isRetryable()).isEqualTo(retryable);
    assertThat(e.status()).isEqualTo(status);
    assertThat(e.isNotFound()).isEqualTo(status == 404);
  }

  @Test
  void errorCodesAndReason() {
    CloudflareApiException e =
        new CloudflareApiException(
            "POST /stream/clip",
            400,
            List.of(
                new CloudflareError(10005, "clip range must not exceed the duration"),
                new CloudflareError(10000, "second")));

    assertThat(e.hasErrorCode(10005)).isTrue();
    assertThat(e.hasErrorCode(10000)).isTrue();
    assertThat(e.hasErrorCode(10006)).isFalse();
    assertThat(e.reason()).isEqualTo("clip range must not exceed the duration");
    assertThat(e.isNotFound()).isFalse();
    assertThat(e.isRetryable()).isFalse();
    assertThat(e.getMessage())
        .contains("POST /stream/clip")
        .contains("400")
        .contains("10005 clip range must not exceed the duration");
    assertThat(e).isInstanceOf(CloudflareException.class);
  }

  @Test
  void reasonWithoutErrorsNamesTheStatus() {
    CloudflareApiException e = new CloudflareApiException("DELETE /stream/{uid}", 404, List.of());

    assertThat(e.reason()).isEqualTo("Cloudflare answered HTTP 404");
    assertThat(e.isNotFound()).isTrue();
    assertThat(e.isRetryable()).isFalse();
    assertThat(e.hasErrorCode(0)).isFalse();
    assertThat(e.errors()).isEmpty();
  }

  @Test
  void errorsAreCopied() {
    List<CloudflareError> errors = new ArrayList<>(List.of(new CloudflareError(1, "a")));
    CloudflareApiException e = new CloudflareApiException("GET /stream", 500, errors);

    errors.add(new CloudflareError(2, "b"));

    assertThat(e.errors()).containsExactly(new CloudflareError(1, "a"));
    assertThatThrownBy(() -> e.errors().add(new CloudflareError(3, "c")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rateLimitedCarriesRetryAfter() {
    CloudflareRateLimitedException e =
        new CloudflareRateLimitedException(
            "GET /stream",
            Duration.ofSeconds(300),
            List.of(new CloudflareError(971, "Please wait")));

    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(300));
    assertThat(e.status()).isEqualTo(429);
    assertThat(e.isRetryable()).isTrue();
    assertThat(e.isNotFound()).isFalse();
    assertThat(e.hasErrorCode(971)).isTrue();
    assertThat(e.reason()).isEqualTo("Please wait");
    assertThat(e).isInstanceOf(CloudflareApiException.class);
  }

  @Test
  void locallyRateLimitedHasNoErrors() {
    CloudflareRateLimitedException e =
        new CloudflareRateLimitedException("POST /stream/clip", Duration.ofMillis(250), List.of());

    assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(250));
    assertThat(e.errors()).isEmpty();
    assertThat(e.reason()).isEqualTo("Cloudflare answered HTTP 429");
  }

  @Test
  void unavailableIsAlwaysRetryable() {
    IOException cause = new IOException("connection refused");
    CloudflareUnavailableException notSent =
        new CloudflareUnavailableException("GET /stream", true, cause);
    CloudflareUnavailableException unknown =
        new CloudflareUnavailableException("POST /stream/clip", false, cause);

    assertThat(notSent.isRetryable()).isTrue();
    assertThat(notSent.wasNotSent()).isTrue();
    assertThat(notSent.getCause()).isSameAs(cause);
    assertThat(notSent.getMessage()).contains("GET /stream").contains("connection refused");
    assertThat(unknown.isRetryable()).isTrue();
    assertThat(unknown.wasNotSent()).isFalse();
  }
}
