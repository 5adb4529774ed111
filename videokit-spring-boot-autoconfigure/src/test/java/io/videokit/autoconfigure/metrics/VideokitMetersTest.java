package io.videokit.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.videokit.autoconfigure.VideokitMetricsAutoConfiguration;
import io.videokit.cloudflare.CloudflareApiException;
import io.videokit.cloudflare.CloudflareStreamClient;
import io.videokit.cloudflare.VideoQuery;
import io.videokit.cloudflare.fake.FakeCloudflareStream;
import io.videokit.core.http.ProblemType;
import io.videokit.core.stream.StreamObserver.RangeKind;
import io.videokit.core.stream.StreamObserver.Route;
import io.videokit.core.stream.StreamResult;
import io.videokit.jpa.VideoJobObserver.Job;
import io.videokit.jpa.VideoJobObserver.Outcome;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The Micrometer side of videokit's observer hooks, on a {@link SimpleMeterRegistry}. */
class VideokitMetersTest {

  final MeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void streamMetersCountResponsesRangesAndBytesPerRouteAndTrackActiveStreams() {
    StreamMeters meters = new StreamMeters(registry);

    meters.started(Route.VIDEO);
    meters.started(Route.VIDEO);
    assertThat(registry.get("videokit.stream.active").tag("route", "video").gauge().value())
        .isEqualTo(2);
    meters.finished(Route.VIDEO, RangeKind.SINGLE, new StreamResult(206, 100, true));
    meters.finished(Route.VIDEO, RangeKind.UNSATISFIABLE, new StreamResult(416, 0, true));
    meters.started(Route.MEDIA);
    meters.finished(Route.MEDIA, RangeKind.NONE, new StreamResult(503, 0, true));

    assertThat(registry.get("videokit.stream.active").tag("route", "video").gauge().value())
        .isZero();
    assertThat(count("videokit.stream.responses", "route", "video", "status", "206")).isEqualTo(1);
    assertThat(count("videokit.stream.responses", "route", "video", "status", "416")).isEqualTo(1);
    assertThat(count("videokit.stream.responses", "route", "media", "status", "503")).isEqualTo(1);
    assertThat(count("videokit.stream.ranges", "route", "video", "kind", "single")).isEqualTo(1);
    assertThat(count("videokit.stream.ranges", "route", "video", "kind", "unsatisfiable"))
        .isEqualTo(1);
    assertThat(count("videokit.stream.bytes", "route", "video")).isEqualTo(100);
    assertThat(registry.get("videokit.stream.bytes").counter().getId().getBaseUnit())
        .isEqualTo("bytes");
  }

  @Test
  void rangeKindFollowsStatusAndMultipartContentType() {
    assertThat(RangeKind.of(new StreamResult(200, 1, true), "video/mp4")).isEqualTo(RangeKind.FULL);
    assertThat(RangeKind.of(new StreamResult(206, 1, true), "video/mp4"))
        .isEqualTo(RangeKind.SINGLE);
    assertThat(RangeKind.of(new StreamResult(206, 1, true), "multipart/byteranges; boundary=x"))
        .isEqualTo(RangeKind.MULTI);
    assertThat(RangeKind.of(new StreamResult(416, 0, true), null))
        .isEqualTo(RangeKind.UNSATISFIABLE);
    assertThat(RangeKind.of(new StreamResult(304, 0, true), null)).isEqualTo(RangeKind.NONE);
  }

  @Test
  void tusMetersCountBytesCompletionsAndErrorsByCode() {
    TusMeters meters = new TusMeters(registry);

    meters.transferStarted();
    assertThat(registry.get("videokit.upload.active").gauge().value()).isEqualTo(1);
    meters.received(1000);
    meters.transferEnded();
    meters.failed(ProblemType.TUS_MISMATCHED_OFFSET);
    meters.failed(ProblemType.TUS_INTERRUPTED);

    assertThat(registry.get("videokit.upload.active").gauge().value()).isZero();
    assertThat(count("videokit.upload.bytes")).isEqualTo(1000);
    assertThat(count("videokit.upload.errors", "code", "tus/mismatched-offset", "status", "409"))
        .isEqualTo(1);
    assertThat(count("videokit.upload.errors", "code", "tus/interrupted", "status", "400"))
        .isEqualTo(1);
    assertThat(count("videokit.upload.errors", "code", "tus/locked")).isZero();
  }

  @Test
  void processingAndJobMetersTagOutcomes() {
    ProcessingMeters processing = new ProcessingMeters(registry);
    JobMeters jobs = new JobMeters(registry);

    processing.processed(true, Duration.ofMillis(300));
    processing.processed(false, Duration.ofMillis(5));
    jobs.executed(Job.SYNC, Outcome.SUCCESS);
    jobs.executed(Job.DELETE, Outcome.DROPPED);

    assertThat(registry.get("videokit.processing").tag("outcome", "ready").timer().count())
        .isEqualTo(1);
    assertThat(
            registry
                .get("videokit.processing")
                .tag("outcome", "ready")
                .timer()
                .totalTime(java.util.concurrent.TimeUnit.MILLISECONDS))
        .isEqualTo(300);
    assertThat(registry.get("videokit.processing").tag("outcome", "error").timer().count())
        .isEqualTo(1);
    assertThat(count("videokit.jobs", "job", "sync", "outcome", "success")).isEqualTo(1);
    assertThat(count("videokit.jobs", "job", "delete", "outcome", "dropped")).isEqualTo(1);
    assertThat(count("videokit.jobs", "job", "delete", "outcome", "failure")).isZero();
  }

  @Test
  void cloudflareMetersSeeRealCallsAgainstTheFakeIncludingA429AndItsWait() {
    try (FakeCloudflareStream fake = FakeCloudflareStream.start()) {
      CloudflareStreamClient client =
          CloudflareStreamClient.builder()
              .accountId(fake.accountId())
              .apiToken(fake.apiToken())
              .baseUri(URI.create(fake.baseUrl()))
              .observer(new CloudflareMeters(registry))
              .build();

      fake.rateLimitNext(1, 1);
      client.list(VideoQuery.byCreator("nobody"));
      fake.failNext(1, 403);
      try {
        client.list(VideoQuery.byCreator("nobody"));
      } catch (CloudflareApiException expected) {
        // counted as 4xx
      }
    }

    assertThat(count("videokit.cloudflare.calls", "outcome", "rate_limited")).isEqualTo(1);
    assertThat(count("videokit.cloudflare.calls", "outcome", "2xx")).isEqualTo(1);
    assertThat(count("videokit.cloudflare.calls", "outcome", "4xx")).isEqualTo(1);
    var waits = registry.get("videokit.cloudflare.rate.limit.waits").timer();
    assertThat(waits.count()).isEqualTo(1);
    assertThat(waits.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isGreaterThan(999);
  }

  @Test
  void theAutoConfigurationBacksOffWithoutARegistryAndBindsWithOne() {
    ApplicationContextRunner runner =
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(VideokitMetricsAutoConfiguration.class));
    runner.run(context -> assertThat(context).doesNotHaveBean(TusMeters.class));
    runner
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .run(context -> {
          assertThat(context)
              .hasSingleBean(TusMeters.class)
              .hasSingleBean(StreamMeters.class)
              .hasSingleBean(ProcessingMeters.class)
              .hasSingleBean(JobMeters.class)
              .hasSingleBean(CloudflareMeters.class)
              .hasSingleBean(WatchMeters.class);
          assertThat(context.getBean(MeterRegistry.class).find("videokit.upload.bytes").counter())
              .isNotNull();
        });
  }

  private double count(String name, String... tags) {
    var counter = registry.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }
}
