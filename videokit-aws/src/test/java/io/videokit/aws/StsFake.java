package io.videokit.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * STS at the HTTP level, as strict as AWS's Query API for {@code AssumeRole}: a form-encoded POST
 * to {@code /} with {@code Action}, {@code Version}, {@code RoleArn}, a valid {@code
 * RoleSessionName}, {@code Policy}, {@code DurationSeconds} in 900..3600 and a SigV4 {@code
 * Authorization} header for the {@code sts} service. Anything else gets STS's 400 error document.
 * The answer is AWS's documented {@code AssumeRoleResponse}, with the assumed role's ARN and id
 * that videokit must never pass on.
 */
final class StsFake implements AutoCloseable {

  static final String ROLE_ARN = "arn:aws:iam::123456789012:role/videokit-broadcaster";
  static final String ASSUMED_ARN =
      "arn:aws:sts::123456789012:assumed-role/videokit-broadcaster/session";
  static final String ASSUMED_ID = "AROA3XFRBF535PLBIFPI4:session";

  private final WireMockServer server = new WireMockServer(options().dynamicPort());

  StsFake() {
    server.start();
    server.stubFor(
        any(anyUrl())
            .atPriority(100)
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "text/xml")
                    .withBody(error("InvalidAction", "Could not find operation"))));
  }

  URI endpoint() {
    return URI.create(server.baseUrl());
  }

  /**
   * Answers a valid AssumeRole asking for this lifetime with fresh credentials of that lifetime.
   */
  void answers(Duration lifetime) {
    server.stubFor(
        strict(lifetime)
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/xml")
                    .withTransformers("response-template")
                    .withBody(
                        """
                        <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                          <AssumeRoleResult>
                            <AssumedRoleUser>
                              <Arn>%s</Arn>
                              <AssumedRoleId>%s</AssumedRoleId>
                            </AssumedRoleUser>
                            <Credentials>
                              <AccessKeyId>ASIA{{randomValue length=16 type='ALPHANUMERIC' uppercase=true}}</AccessKeyId>
                              <SecretAccessKey>{{randomValue length=40 type='ALPHANUMERIC'}}</SecretAccessKey>
                              <SessionToken>FwoGZXIvYXdzE{{randomValue length=80 type='ALPHANUMERIC'}}</SessionToken>
                              <Expiration>{{now offset='%d seconds'}}</Expiration>
                            </Credentials>
                            <PackedPolicySize>7</PackedPolicySize>
                          </AssumeRoleResult>
                          <ResponseMetadata>
                            <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>
                          </ResponseMetadata>
                        </AssumeRoleResponse>
                        """
                            .formatted(ASSUMED_ARN, ASSUMED_ID, lifetime.toSeconds()))));
  }

  /** Refuses a valid AssumeRole as AWS does when the base credentials may not assume the role. */
  void refuses(Duration lifetime) {
    server.stubFor(
        strict(lifetime)
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withHeader("Content-Type", "text/xml")
                    .withBody(
                        error(
                            "AccessDenied",
                            "User: arn:aws:iam::123456789012:user/base is not authorized to"
                                + " perform: sts:AssumeRole on resource: "
                                + ROLE_ARN))));
  }

  private static MappingBuilder strict(Duration lifetime) {
    return post(urlEqualTo("/"))
        .atPriority(1)
        .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
        .withHeader(
            "Authorization",
            matching(
                "AWS4-HMAC-SHA256 Credential=[A-Z0-9]{16,128}/\\d{8}/[a-z0-9-]+/sts/aws4_request,"
                    + " SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, Signature=[0-9a-f]{64}"))
        .withHeader("X-Amz-Date", matching("\\d{8}T\\d{6}Z"))
        .withFormParam("Action", equalTo("AssumeRole"))
        .withFormParam("Version", equalTo("2011-06-15"))
        .withFormParam("RoleArn", equalTo(ROLE_ARN))
        .withFormParam("RoleSessionName", matching("[\\w+=,.@-]{2,64}"))
        .withFormParam("Policy", matching("(?s)\\{.{1,2046}\\}"))
        .withFormParam("DurationSeconds", equalTo(Long.toString(lifetime.toSeconds())));
  }

  private static String error(String code, String message) {
    return """
    <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
      <Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error>
      <RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId>
    </ErrorResponse>
    """
        .formatted(code, message);
  }

  /** The form parameters of every AssumeRole call received, in order. */
  List<Map<String, String>> calls() {
    return server.findAll(postRequestedFor(urlEqualTo("/"))).stream()
        .map(request -> form(request.getBodyAsString()))
        .toList();
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      form.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return form;
  }

  void reset() {
    server.resetRequests();
  }

  @Override
  public void close() {
    server.stop();
  }
}
