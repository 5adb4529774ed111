package io.videokit.cloudflare.fake;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends webhook notifications asynchronously with {@link HttpClient}; records every attempt and
 * never throws to the caller.
 */
final class WebhookDispatcher {

  private final Clock clock;
  private final List<WebhookDelivery> deliveries = new ArrayList<>();
  private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
  private HttpClient client;

  WebhookDispatcher(Clock clock) {
    this.clock = clock;
  }

  /** {@code time=<unix seconds>,sig1=<hex HMAC-SHA256(secret, time + "." + body)>}. */
  static String signature(String secret, String body, Instant time) {
    long seconds = time.getEpochSecond();
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] sig = mac.doFinal((seconds + "." + body).getBytes(StandardCharsets.UTF_8));
      return "time=" + seconds + ",sig1=" + HexFormat.of().formatHex(sig);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  void send(String url, String secret, String body) {
    Instant now = clock.instant();
    String signature = signature(secret, body, now);
    CompletableFuture<Void> future;
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json")
              .header("Webhook-Signature", signature)
              .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
              .build();
      future =
          client()
              .sendAsync(request, HttpResponse.BodyHandlers.discarding())
              .handle((response, failure) -> {
                record(
                    new WebhookDelivery(
                        url,
                        body,
                        signature,
                        now,
                        response == null ? -1 : response.statusCode(),
                        failure == null ? null : String.valueOf(failure)));
                return null;
              });
    } catch (RuntimeException e) {
      record(new WebhookDelivery(url, body, signature, now, -1, String.valueOf(e)));
      return;
    }
    inFlight.add(future);
    future.whenComplete((ignored, failure) -> inFlight.remove(future));
  }

  synchronized List<WebhookDelivery> deliveries() {
    return List.copyOf(deliveries);
  }

  synchronized void clear() {
    deliveries.clear();
  }

  /** Waits for every delivery started so far; true if all finished within the timeout. */
  boolean await(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (CompletableFuture<?> future : List.copyOf(inFlight)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      try {
        future.get(left, TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      } catch (ExecutionException e) {
        // recorded by the handler already
      }
    }
    return true;
  }

  private synchronized void record(WebhookDelivery delivery) {
    deliveries.add(delivery);
  }

  private synchronized HttpClient client() {
    if (client == null) {
      client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }
    return client;
  }
}
