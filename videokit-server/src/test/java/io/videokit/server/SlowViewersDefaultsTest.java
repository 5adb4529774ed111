package io.videokit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.videokit.autoconfigure.properties.StreamingProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.tomcat.autoconfigure.TomcatServerProperties;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.unit.DataSize;

/**
 * Issue 12: the reference server's defaults for many slow viewers (see docs/production-tuning.md),
 * bound from its {@code application.properties} the way Spring Boot binds them. Before them, 2,000
 * viewers at 256 KiB/s filled the 256 MiB heap with 64 KiB copy buffers until Tomcat's poller died
 * of an {@link OutOfMemoryError}, and a burst of connects overflowed the 100-connection backlog;
 * with watch sessions on, whole files were copied until decision 12 let them go to sendfile.
 */
class SlowViewersDefaultsTest {

  private final Binder binder = binder();

  @Test
  void theCopyBufferPerResponseIsSixteenKibibytes() {
    StreamingProperties streaming =
        binder.bindOrCreate("videokit.streaming", StreamingProperties.class);
    // 2,000 parked copies hold 2,000 buffers: 32 MiB at 16 KiB instead of 128 MiB at 64 KiB
    assertThat(streaming.getBufferSize()).isEqualTo(DataSize.ofKilobytes(16));
  }

  @Test
  void theAcceptBacklogTakesABurstOfViewers() {
    TomcatServerProperties tomcat =
        binder.bindOrCreate("server.tomcat", TomcatServerProperties.class);
    assertThat(tomcat.getAcceptCount()).isGreaterThanOrEqualTo(1024);
  }

  @Test
  void connectionsServedAtOnceTakeTwoThousandViewersBecauseSendfileIsReported() {
    TomcatServerProperties tomcat =
        binder.bindOrCreate("server.tomcat", TomcatServerProperties.class);
    StreamingProperties streaming =
        binder.bindOrCreate("videokit.streaming", StreamingProperties.class);
    // a sendfile viewer costs a few KiB of heap (decision 12): 2,000 left ~70 MB live at
    // -Xmx256m; a copied one ~120 KiB, so the cap stays below what 256 MiB of copies would need
    // times two, and it holds only while long answers go to a reporting sendfile
    assertThat(streaming.isReportSendfile()).isTrue();
    assertThat(streaming.isZeroCopy()).isTrue();
    assertThat(tomcat.getMaxConnections()).isBetween(2000, 4000);
  }

  private static Binder binder() {
    try {
      Map<?, ?> source =
          (Map<?, ?>)
              new PropertiesPropertySourceLoader()
                  .load("application", new ClassPathResource("application.properties"))
                  .get(0)
                  .getSource();
      return new Binder(new MapConfigurationPropertySource(source));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
