package io.videokit.aws;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How {@link S3BroadcastIngest} hands out S3 credentials.
 *
 * @param bucket the bucket publishers write into
 * @param region the bucket's region (also STS's), e.g. {@code us-west-1}
 * @param roleArn the IAM role assumed for each broadcast; its own policy must allow at least the
 *     writes the session policy allows (effective rights are the intersection)
 * @param credentialDuration how long handed-out credentials live: 900 to 3600 s (STS's minimum, and
 *     the maximum of a role-chained session)
 * @param playbackBaseUrl where viewers read the bucket (a CDN), or null for the bucket's own URL
 * @param s3Endpoint an S3 endpoint other than AWS's (path-style, e.g. S3Mock or MinIO), or null
 */
public record S3BroadcastSettings(
    String bucket,
    String region,
    String roleArn,
    Duration credentialDuration,
    @Nullable URI playbackBaseUrl,
    @Nullable URI s3Endpoint) {

  /** The shortest credential lifetime STS grants. */
  public static final Duration MIN_DURATION = Duration.ofSeconds(900);

  /** The longest credential lifetime handed out. */
  public static final Duration MAX_DURATION = Duration.ofSeconds(3600);

  /**
   * Checks the settings.
   *
   * @param bucket the bucket
   * @param region the region
   * @param roleArn the role's ARN
   * @param credentialDuration the lifetime
   * @param playbackBaseUrl the playback base, or null
   * @param s3Endpoint the S3 endpoint, or null
   * @throws IllegalArgumentException if a setting is blank or the lifetime is outside 900..3600 s
   */
  public S3BroadcastSettings {
    if (bucket.isBlank() || region.isBlank() || roleArn.isBlank()) {
      throw new IllegalArgumentException("the bucket, region and role ARN must be set");
    }
    if (credentialDuration.compareTo(MIN_DURATION) < 0
        || credentialDuration.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException(
          "the credential duration must be 900 to 3600 seconds, not "
              + credentialDuration.toSeconds());
    }
  }

  /**
   * The settings with the default lifetime (1 h), AWS's endpoints and playback from the bucket.
   *
   * @param bucket the bucket
   * @param region the region
   * @param roleArn the role's ARN
   * @return the settings
   */
  public static S3BroadcastSettings of(String bucket, String region, String roleArn) {
    return new S3BroadcastSettings(bucket, region, roleArn, MAX_DURATION, null, null);
  }

  /**
   * The URL of an object as viewers read it: under the playback base if configured, else in the
   * bucket (path-style on a custom endpoint, virtual-hosted on AWS).
   *
   * @param key the object's key
   * @return an absolute URL
   */
  public String publicUrl(String key) {
    String base;
    if (playbackBaseUrl != null) {
      base = playbackBaseUrl.toString();
    } else if (s3Endpoint != null) {
      base = s3Endpoint.toString().replaceAll("/+$", "") + "/" + bucket;
    } else {
      base = "https://" + bucket + ".s3." + region + ".amazonaws.com";
    }
    return base.replaceAll("/+$", "") + "/" + key;
  }
}
