package io.videokit.cloudflare.fake;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.function.Consumer;
import java.util.function.Function;

/** The two WireMock extensions the fake installs. */
final class WireMockExtensions {

  private WireMockExtensions() {}

  /**
   * Computes the answer of the fake's catch-all stub. Not global: custom stubs registered through
   * {@code wireMock()} answer on their own.
   */
  static final class Responder implements ResponseDefinitionTransformerV2 {

    static final String NAME = "videokit-fake-cloudflare-stream";

    private final Function<LoggedRequest, FakeResponse> handler;

    Responder(Function<LoggedRequest, FakeResponse> handler) {
      this.handler = handler;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
      FakeResponse response = handler.apply(serveEvent.getRequest());
      ResponseDefinitionBuilder builder = ResponseDefinitionBuilder.responseDefinition();
      if (response.reset()) {
        return builder.withFault(Fault.CONNECTION_RESET_BY_PEER).build();
      }
      builder.withStatus(response.status());
      response.headers().forEach(builder::withHeader);
      if (response.body().length > 0) {
        builder.withBody(response.body());
      }
      if (!response.delay().isZero()) {
        builder.withFixedDelay((int) Math.min(Integer.MAX_VALUE, response.delay().toMillis()));
      }
      return builder.build();
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public String getName() {
      return NAME;
    }
  }

  /** Records every request before it is matched, whichever stub answers it. */
  static final class Recorder implements ServeEventListener {

    private final Consumer<LoggedRequest> sink;

    Recorder(Consumer<LoggedRequest> sink) {
      this.sink = sink;
    }

    @Override
    public void beforeMatch(ServeEvent serveEvent, Parameters parameters) {
      sink.accept(serveEvent.getRequest());
    }

    @Override
    public boolean applyGlobally() {
      return true;
    }

    @Override
    public String getName() {
      return "videokit-fake-cloudflare-stream-recorder";
    }
  }
}
