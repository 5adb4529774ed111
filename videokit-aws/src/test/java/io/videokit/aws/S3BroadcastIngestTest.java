package io.videokit.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.videokit.broadcast.BroadcastException;
import io.videokit.broadcast.BroadcastService;
import io.videokit.broadcast.DefaultBroadcast;
import io.videokit.broadcast.EndpointKind;
import io.videokit.broadcast.InMemoryBroadcastStore;
import io.videokit.broadcast.PublisherEndpoint;
import io.videokit.broadcast.Requester;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionOperations;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sts.StsClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The S3 endpoint kind against a real S3 protocol server (S3Mock, its own process) and STS faked at
 * the HTTP level, through the real broadcast service.
 */
class S3BroadcastIngestTest {

  private static final String BUCKET = "broadcasts";
  private static final String REGION = "us-west-1";
  private static final Requester ALICE = new Requester("alice", false);

  private static Path dir;
  private static S3MockProcess s3mock;
  private static StsFake sts;
  private static StsClient stsClient;
  private static S3Client s3;

  @BeforeAll
  static void startServers() throws IOException, InterruptedException {
    dir = Files.createTempDirectory("videokit-aws");
    s3mock = S3MockProcess.start(Files.createDirectories(dir.resolve("store")), BUCKET, "other");
    sts = new StsFake();
    StaticCredentialsProvider base =
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "base-secret"));
    stsClient =
        StsClient.builder()
            .region(Region.of(REGION))
            .endpointOverride(sts.endpoint())
            .credentialsProvider(base)
            .build();
    s3 = s3Client(base);
  }

  @AfterAll
  static void stopServers() {
    stsClient.close();
    s3.close();
    sts.close();
    s3mock.close();
  }

  @BeforeEach
  void freshFake() {
    sts.reset();
  }

  private static S3Client s3Client(StaticCredentialsProvider credentials) {
    return S3Client.builder()
        .region(Region.of(REGION))
        .endpointOverride(s3mock.endpoint())
        .forcePathStyle(true)
        .credentialsProvider(credentials)
        .build();
  }

  private static BroadcastService<DefaultBroadcast> service(S3BroadcastSettings settings) {
    return new BroadcastService<>(
        new InMemoryBroadcastStore<>(DefaultBroadcast::new),
        TransactionOperations.withoutTransaction(),
        Clock.systemUTC(),
        new BroadcastService.Settings("https://videokit.example/live", 0, EndpointKind.S3),
        List.of(new S3BroadcastIngest(stsClient, s3, settings, Clock.systemUTC())));
  }

  private static S3BroadcastSettings settings() {
    return new S3BroadcastSettings(
        BUCKET, REGION, StsFake.ROLE_ARN, Duration.ofHours(1), null, s3mock.endpoint());
  }

  @Test
  void theSessionPolicyAllowsWritesUnderTheBroadcastPrefixOnly() {
    sts.answers(Duration.ofHours(1));
    DefaultBroadcast broadcast = service(settings()).start("alice", "show", null).broadcast();

    String policy = sts.calls().get(0).get("Policy");
    PolicyEvaluator iam = new PolicyEvaluator(policy);
    String prefix = broadcast.getStoragePrefix();
    String inside = "arn:aws:s3:::" + BUCKET + "/" + prefix;

    assertThat(policy).hasSizeLessThanOrEqualTo(2048);
    assertThat(iam.allows("s3:PutObject", inside + "index.m3u8")).isTrue();
    assertThat(iam.allows("s3:PutObject", inside + "seg-00001.ts")).isTrue();
    assertThat(iam.allows("s3:AbortMultipartUpload", inside + "seg-00001.ts")).isTrue();
    // other keys: another broadcast of the same owner, a sibling id, another owner, the root
    assertThat(iam.allows("s3:PutObject", "arn:aws:s3:::" + BUCKET + "/live/alice/other/x.ts"))
        .isFalse();
    assertThat(
            iam.allows(
                "s3:PutObject",
                "arn:aws:s3:::" + BUCKET + "/" + prefix.replaceAll("/$", "x/") + "x.ts"))
        .isFalse();
    assertThat(iam.allows("s3:PutObject", "arn:aws:s3:::" + BUCKET + "/live/bob/index.m3u8"))
        .isFalse();
    assertThat(iam.allows("s3:PutObject", "arn:aws:s3:::" + BUCKET + "/index.m3u8")).isFalse();
    // other buckets
    assertThat(iam.allows("s3:PutObject", "arn:aws:s3:::other/" + prefix + "x.ts")).isFalse();
    assertThat(iam.allows("s3:PutObject", "arn:aws:s3:::" + BUCKET + "x/" + prefix + "x.ts"))
        .isFalse();
    // other actions, even under the prefix
    for (String action :
        List.of(
            "s3:GetObject",
            "s3:DeleteObject",
            "s3:PutObjectAcl",
            "s3:ListBucket",
            "s3:GetBucketPolicy",
            "s3:*",
            "iam:PassRole",
            "sts:AssumeRole")) {
      assertThat(iam.allows(action, inside + "x.ts")).as(action).isFalse();
    }
    assertThat(iam.allows("s3:ListBucket", "arn:aws:s3:::" + BUCKET)).isFalse();
  }

  @Test
  void uploadsWithTheHandedOutCredentialsLandUnderThePrefixAndStopEndsThePlaylist() {
    sts.answers(Duration.ofHours(1));
    BroadcastService<DefaultBroadcast> service = service(settings());
    BroadcastService.Started<DefaultBroadcast> started = service.start("alice", "show", null);
    Map<String, Object> answer = started.endpoint().settings();
    String prefix = (String) answer.get("s3_bucket_path");
    S3Client publisher =
        S3Client.builder()
            .region(Region.of((String) answer.get("s3_bucket_region")))
            .endpointOverride(s3mock.endpoint())
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsSessionCredentials.create(
                        (String) answer.get("aws_access_key_id"),
                        (String) answer.get("aws_secret_access_key"),
                        (String) answer.get("aws_session_token"))))
            .build();
    String bucket = (String) answer.get("s3_bucket_name");
    publisher.putObject(
        b -> b.bucket(bucket).key(prefix + "seg0.ts"), RequestBody.fromBytes(new byte[188]));
    publisher.putObject(
        b -> b.bucket(bucket).key(prefix + "index.m3u8"),
        RequestBody.fromString(
            "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\nseg0.ts\n"));
    publisher.close();

    List<String> keys =
        s3.listObjectsV2(b -> b.bucket(BUCKET)).contents().stream().map(S3Object::key).toList();
    assertThat(prefix).isEqualTo(started.broadcast().getStoragePrefix()).startsWith("live/alice/");
    assertThat(keys).contains(prefix + "seg0.ts", prefix + "index.m3u8");
    assertThat(started.broadcast().getPlaybackUrl())
        .isEqualTo(s3mock.endpoint() + "/" + BUCKET + "/" + prefix + "index.m3u8");

    service.stop(started.broadcast().getId(), ALICE);
    service.stop(started.broadcast().getId(), ALICE);

    String playlist =
        s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(prefix + "index.m3u8"))
            .asString(StandardCharsets.UTF_8);
    assertThat(playlist).endsWith("seg0.ts\n#EXT-X-ENDLIST\n");
    assertThat(playlist.split("#EXT-X-ENDLIST", -1)).hasSize(2);
  }

  @Test
  void closingIsHarmlessWithoutAPlaylistAndForAnEndedOne() {
    sts.answers(Duration.ofHours(1));
    S3BroadcastIngest ingest = new S3BroadcastIngest(stsClient, s3, settings(), Clock.systemUTC());
    BroadcastService<DefaultBroadcast> service = service(settings());
    DefaultBroadcast none = service.start("alice", "nothing written", null).broadcast();
    DefaultBroadcast ended = service.start("alice", "ended", null).broadcast();
    String done = "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\na.ts\n#EXT-X-ENDLIST\n";
    s3.putObject(b -> b.bucket(BUCKET).key(ended.getLiveManifest()), RequestBody.fromString(done));

    ingest.close(none);
    ingest.close(ended);

    assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix(none.getStoragePrefix())).keyCount())
        .isZero();
    assertThat(
            s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(ended.getLiveManifest()))
                .asString(StandardCharsets.UTF_8))
        .isEqualTo(done);
  }

  @Test
  void theAnswerHasTheSeedsSettingsInOrderWithTheRealExpiryAndNoArnOrPolicy() {
    sts.answers(Duration.ofMinutes(15));
    S3BroadcastSettings settings =
        new S3BroadcastSettings(
            BUCKET,
            REGION,
            StsFake.ROLE_ARN,
            Duration.ofMinutes(15),
            URI.create("https://cdn.example.com/"),
            s3mock.endpoint());
    Instant before = Instant.now();
    BroadcastService.Started<DefaultBroadcast> started =
        service(settings).start("alice", "s", null);
    PublisherEndpoint endpoint = started.endpoint();
    String json = JsonMapper.builder().build().writeValueAsString(endpoint.toSeedMap());

    assertThat(endpoint.settings().keySet())
        .containsExactly(
            "aws_access_key_id",
            "aws_secret_access_key",
            "aws_session_token",
            "aws_expiration",
            "expiration",
            "s3_bucket_name",
            "s3_bucket_path",
            "s3_bucket_region");
    assertThat(json).startsWith("{\"S3\":{\"aws_access_key_id\":\"ASIA");
    assertThat((double) endpoint.settings().get("aws_expiration")).isBetween(880.0, 900.0);
    Instant expiration = Instant.parse((String) endpoint.settings().get("expiration"));
    assertThat(expiration).isBetween(before.plusSeconds(890), Instant.now().plusSeconds(901));
    assertThat(endpoint.settings())
        .containsEntry("s3_bucket_name", BUCKET)
        .containsEntry("s3_bucket_path", started.broadcast().getStoragePrefix())
        .containsEntry("s3_bucket_region", REGION);
    assertThat(json)
        .doesNotContain("arn:")
        .doesNotContain(StsFake.ASSUMED_ID)
        .doesNotContain("Statement")
        .doesNotContain("s3:PutObject")
        .doesNotContain("base-secret");
    assertThat(started.broadcast().getPlaybackUrl())
        .isEqualTo(
            "https://cdn.example.com/" + started.broadcast().getStoragePrefix() + "index.m3u8");
  }

  @Test
  void refreshAssumesTheRoleAgainForNewCredentials() {
    sts.answers(Duration.ofHours(1));
    BroadcastService<DefaultBroadcast> service = service(settings());
    BroadcastService.Started<DefaultBroadcast> started = service.start("alice", "show", null);

    PublisherEndpoint refreshed = service.refresh(started.broadcast().getId(), ALICE).endpoint();

    assertThat(sts.calls()).hasSize(2);
    assertThat(sts.calls().get(1).get("Policy")).isEqualTo(sts.calls().get(0).get("Policy"));
    assertThat(refreshed.setting("aws_access_key_id"))
        .isNotEqualTo(started.endpoint().setting("aws_access_key_id"));
    assertThat(refreshed.setting("s3_bucket_path"))
        .isEqualTo(started.broadcast().getStoragePrefix());
  }

  @Test
  void anStsRefusalFailsTheIngestAndEndsTheBroadcast() {
    sts.refuses(Duration.ofHours(1));
    BroadcastService<DefaultBroadcast> service = service(settings());

    assertThatThrownBy(() -> service.start("alice", "show", null))
        .isInstanceOfSatisfying(
            BroadcastException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(BroadcastException.Reason.INGEST_FAILED);
              assertThat(e.getMessage()).doesNotContain("arn:");
            });
    assertThat(service.list("alice", true, 0, 10).total()).isZero();
    assertThat(service.list("alice", false, 0, 10).total()).isOne();
  }

  @Test
  void anUnreachableStsFailsTheIngest() throws IOException {
    int closed;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    try (StsClient unreachable =
        StsClient.builder()
            .region(Region.of(REGION))
            .endpointOverride(URI.create("http://127.0.0.1:" + closed))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIA0", "s")))
            .build()) {
      BroadcastService<DefaultBroadcast> service =
          new BroadcastService<>(
              new InMemoryBroadcastStore<>(DefaultBroadcast::new),
              TransactionOperations.withoutTransaction(),
              Clock.systemUTC(),
              new BroadcastService.Settings("/live", 0, EndpointKind.S3),
              List.of(new S3BroadcastIngest(unreachable, s3, settings(), Clock.systemUTC())));

      assertThatThrownBy(() -> service.start("alice", "show", null))
          .isInstanceOfSatisfying(
              BroadcastException.class,
              e -> assertThat(e.reason()).isEqualTo(BroadcastException.Reason.INGEST_FAILED));
    }
  }

  @Test
  void theStsFakeRefusesAnUnsignedOrIncompleteCall() throws Exception {
    sts.answers(Duration.ofHours(1));
    java.net.http.HttpResponse<String> response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(sts.endpoint().resolve("/"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(
                        java.net.http.HttpRequest.BodyPublishers.ofString(
                            "Action=AssumeRole&Version=2011-06-15&RoleArn="
                                + StsFake.ROLE_ARN
                                + "&RoleSessionName=x-1&DurationSeconds=3600"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
  }

  @Test
  void sessionNamesOfAwkwardOwnersAreAcceptedBySts() {
    sts.answers(Duration.ofHours(1));
    BroadcastService<DefaultBroadcast> service = service(settings());

    service.start("Jürgen Müller / 名前 🎥", "show", null);
    service.start("u".repeat(300) + "@example.com", "show", null);

    assertThat(sts.calls())
        .extracting(call -> call.get("RoleSessionName"))
        .allSatisfy(name -> assertThat(name).matches("[\\w+=,.@-]{2,64}"))
        .hasSize(2);
  }

  @Test
  void durationsOutsideStsLimitsAreRefused() {
    assertThatThrownBy(
            () -> new S3BroadcastSettings(BUCKET, REGION, "r", Duration.ofSeconds(899), null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() ->
            new S3BroadcastSettings(BUCKET, REGION, "r", Duration.ofSeconds(3601), null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
