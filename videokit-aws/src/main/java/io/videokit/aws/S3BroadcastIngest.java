package io.videokit.aws;

import io.videokit.broadcast.Broadcast;
import io.videokit.broadcast.BroadcastException;
import io.videokit.broadcast.EndpointKind;
import io.videokit.broadcast.IngestRequest;
import io.videokit.broadcast.OpenedIngest;
import io.videokit.broadcast.PublisherEndpoint;
import io.videokit.broadcast.RefreshableIngest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * {@link EndpointKind#S3}, django-broadcast's endpoint without its defects: the publisher writes
 * HLS segments and its playlist ({@code index.m3u8}) straight into {@code <bucket>/<storage
 * prefix>} with temporary credentials from STS {@code AssumeRole}, scoped by an inline {@link
 * SessionPolicy} to object writes under that prefix, living 900 to 3600 s.
 *
 * <p>The answer holds the seed's settings in the seed's order ({@code aws_access_key_id}, {@code
 * aws_secret_access_key}, {@code aws_session_token}, {@code aws_expiration} — the seconds the
 * credentials still live, as the seed documents it, computed from STS's real expiry — then {@code
 * s3_bucket_name}, {@code s3_bucket_path}, {@code s3_bucket_region}) plus {@code expiration}, the
 * same instant in ISO-8601. It never holds the assumed role's ARN or id, nor the policy.
 *
 * <p><b>STS credentials cannot be revoked early</b>: they only expire. {@link #refresh} assumes the
 * role again and hands out new ones, but the old ones keep working until their own expiry, and so
 * do the last ones handed out after {@link #close}: a stopped broadcast's publisher can still write
 * under its prefix for up to the configured duration (keep it short). Closing ends the live
 * playlist in the bucket with {@code #EXT-X-ENDLIST}; a publisher still writing could overwrite it.
 */
public class S3BroadcastIngest implements RefreshableIngest {

  /** The live playlist's name under the prefix. */
  public static final String PLAYLIST = "index.m3u8";

  private static final Logger log = LoggerFactory.getLogger(S3BroadcastIngest.class);
  private static final String ENDLIST = "#EXT-X-ENDLIST";

  private final StsClient sts;
  private final S3Client s3;
  private final S3BroadcastSettings settings;
  private final Clock clock;

  /**
   * Creates the ingest.
   *
   * @param sts the STS client (with the base credentials allowed to assume the role)
   * @param s3 the S3 client used to end live playlists (may read and write the bucket)
   * @param settings the bucket, role and lifetime
   * @param clock the time source for the remaining lifetime in answers
   */
  public S3BroadcastIngest(StsClient sts, S3Client s3, S3BroadcastSettings settings, Clock clock) {
    this.sts = sts;
    this.s3 = s3;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public EndpointKind kind() {
    return EndpointKind.S3;
  }

  /**
   * Assumes the role for the broadcast and answers the credentials.
   *
   * @param broadcast the new broadcast
   * @param request unused: S3 publishers authenticate with AWS credentials, not the secret
   * @return the endpoint, the playlist URL (CDN or bucket) and no reference
   * @throws BroadcastException INGEST_FAILED if STS refused or could not be reached
   */
  @Override
  public OpenedIngest open(Broadcast broadcast, IngestRequest request) {
    PublisherEndpoint endpoint = endpoint(broadcast);
    return new OpenedIngest(
        endpoint, settings.publicUrl(broadcast.getStoragePrefix() + PLAYLIST), null);
  }

  /**
   * Assumes the role again: new credentials with a new lifetime (the old ones keep working until
   * they expire).
   *
   * @param broadcast the live broadcast
   * @param request unused
   * @return the endpoint with the new credentials
   * @throws BroadcastException INGEST_FAILED if STS refused or could not be reached
   */
  @Override
  public PublisherEndpoint refresh(Broadcast broadcast, IngestRequest request) {
    return endpoint(broadcast);
  }

  /**
   * Ends the live playlist in the bucket with {@code #EXT-X-ENDLIST}, unless it is absent or
   * already ended. The credentials handed out are not revoked: STS cannot revoke them, they expire.
   *
   * @param broadcast the stopped broadcast
   * @throws BroadcastException INGEST_FAILED if S3 could not be read or written
   */
  @Override
  public void close(Broadcast broadcast) {
    String key = broadcast.getStoragePrefix() + PLAYLIST;
    try {
      ResponseBytes<GetObjectResponse> current;
      try {
        current = s3.getObjectAsBytes(b -> b.bucket(settings.bucket()).key(key));
      } catch (NoSuchKeyException absent) {
        return;
      }
      String playlist = current.asString(StandardCharsets.UTF_8);
      if (playlist.contains(ENDLIST)) {
        return;
      }
      String ended = playlist + (playlist.endsWith("\n") ? "" : "\n") + ENDLIST + "\n";
      s3.putObject(
          b ->
              b.bucket(settings.bucket())
                  .key(key)
                  .contentType("application/vnd.apple.mpegurl")
                  .cacheControl("no-cache"),
          RequestBody.fromString(ended, StandardCharsets.UTF_8));
    } catch (SdkException e) {
      log.warn("broadcast {}: its S3 playlist could not be ended: {}", broadcast.getId(), why(e));
      throw new BroadcastException(
          BroadcastException.Reason.INGEST_FAILED,
          "the live playlist of " + broadcast.getId() + " could not be ended in S3");
    }
  }

  /** Assumes the role for one broadcast and builds the seed's settings. */
  private PublisherEndpoint endpoint(Broadcast broadcast) {
    String prefix = broadcast.getStoragePrefix();
    Credentials credentials;
    try {
      credentials =
          sts.assumeRole(b ->
                  b.roleArn(settings.roleArn())
                      .roleSessionName(
                          SessionNames.roleSessionName(broadcast.getOwner(), broadcast.getId()))
                      .policy(SessionPolicy.writeOnly(settings.bucket(), prefix))
                      .durationSeconds((int) settings.credentialDuration().toSeconds()))
              .credentials();
    } catch (SdkException e) {
      log.warn("broadcast {}: STS AssumeRole failed: {}", broadcast.getId(), why(e));
      throw new BroadcastException(
          BroadcastException.Reason.INGEST_FAILED,
          "temporary S3 credentials could not be obtained from STS");
    }
    Instant expiration = credentials.expiration();
    long remaining = Math.max(0, Duration.between(clock.instant(), expiration).toSeconds());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("aws_access_key_id", credentials.accessKeyId());
    answer.put("aws_secret_access_key", credentials.secretAccessKey());
    answer.put("aws_session_token", credentials.sessionToken());
    answer.put("aws_expiration", (double) remaining);
    answer.put("expiration", expiration.toString());
    answer.put("s3_bucket_name", settings.bucket());
    answer.put("s3_bucket_path", prefix);
    answer.put("s3_bucket_region", settings.region());
    return new PublisherEndpoint(EndpointKind.S3, answer);
  }

  /**
   * What went wrong, without the service's message (which may name ARNs) and never a credential.
   */
  private static String why(SdkException e) {
    if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
      return service.awsErrorDetails().errorCode() + " (HTTP " + service.statusCode() + ")";
    }
    return e.getClass().getSimpleName();
  }
}
