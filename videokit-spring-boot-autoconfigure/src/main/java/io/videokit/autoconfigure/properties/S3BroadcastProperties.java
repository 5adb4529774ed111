package io.videokit.autoconfigure.properties;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code S3} endpoint kind of live broadcasts ({@code videokit.broadcast.s3.*}): publishers
 * write HLS into a bucket with temporary STS credentials. The base AWS credentials (allowed to
 * assume the role) come from the AWS SDK's default chain (environment, profile, instance role).
 */
@ConfigurationProperties(prefix = S3BroadcastProperties.PREFIX)
public class S3BroadcastProperties {

  /** The prefix of these settings. */
  public static final String PREFIX = "videokit.broadcast.s3";

  /** The bucket publishers write into; setting it turns the S3 kind on. */
  private @Nullable String bucket;

  /** The bucket's region (also STS's); unset for the AWS SDK's default region chain. */
  private @Nullable String region;

  /**
   * The ARN of the IAM role assumed for each broadcast; its policy must allow s3:PutObject and
   * s3:AbortMultipartUpload on the bucket's live/ prefix (a session policy narrows it further).
   */
  private @Nullable String roleArn;

  /** How long handed-out credentials live: 900 s to 3600 s. */
  private Duration credentialDuration = Duration.ofHours(1);

  /** Where viewers read the bucket (a CDN), before the object key; unset for the bucket's URL. */
  private @Nullable URI playbackBaseUrl;

  /** An STS endpoint other than AWS's regional one (e.g. a VPC endpoint). */
  private @Nullable URI stsEndpoint;

  /** An S3 endpoint other than AWS's (addressed path-style, e.g. MinIO or S3Mock). */
  private @Nullable URI s3Endpoint;

  /** Creates the settings with their defaults; used by Spring or by hand. */
  public S3BroadcastProperties() {}

  /**
   * The bucket.
   *
   * @return the bucket, or null when the S3 kind is off
   */
  public @Nullable String getBucket() {
    return bucket;
  }

  /**
   * Sets the bucket.
   *
   * @param bucket the bucket's name
   */
  public void setBucket(@Nullable String bucket) {
    this.bucket = bucket;
  }

  /**
   * The region.
   *
   * @return the region, or null for the SDK's default chain
   */
  public @Nullable String getRegion() {
    return region;
  }

  /**
   * Sets the region.
   *
   * @param region e.g. {@code us-west-1}
   */
  public void setRegion(@Nullable String region) {
    this.region = region;
  }

  /**
   * The role's ARN.
   *
   * @return the ARN, or null if unset (then the S3 kind fails to start)
   */
  public @Nullable String getRoleArn() {
    return roleArn;
  }

  /**
   * Sets the role's ARN.
   *
   * @param roleArn e.g. {@code arn:aws:iam::123456789012:role/broadcaster}
   */
  public void setRoleArn(@Nullable String roleArn) {
    this.roleArn = roleArn;
  }

  /**
   * The credentials' lifetime.
   *
   * @return 1 h by default
   */
  public Duration getCredentialDuration() {
    return credentialDuration;
  }

  /**
   * Sets the credentials' lifetime.
   *
   * @param credentialDuration 900 s to 3600 s
   */
  public void setCredentialDuration(Duration credentialDuration) {
    this.credentialDuration = credentialDuration;
  }

  /**
   * The playback base.
   *
   * @return the CDN base, or null for the bucket's URL
   */
  public @Nullable URI getPlaybackBaseUrl() {
    return playbackBaseUrl;
  }

  /**
   * Sets the playback base.
   *
   * @param playbackBaseUrl e.g. {@code https://cdn.example.com/}
   */
  public void setPlaybackBaseUrl(@Nullable URI playbackBaseUrl) {
    this.playbackBaseUrl = playbackBaseUrl;
  }

  /**
   * The STS endpoint.
   *
   * @return the endpoint, or null for AWS's
   */
  public @Nullable URI getStsEndpoint() {
    return stsEndpoint;
  }

  /**
   * Sets the STS endpoint.
   *
   * @param stsEndpoint the endpoint
   */
  public void setStsEndpoint(@Nullable URI stsEndpoint) {
    this.stsEndpoint = stsEndpoint;
  }

  /**
   * The S3 endpoint.
   *
   * @return the endpoint, or null for AWS's
   */
  public @Nullable URI getS3Endpoint() {
    return s3Endpoint;
  }

  /**
   * Sets the S3 endpoint.
   *
   * @param s3Endpoint the endpoint
   */
  public void setS3Endpoint(@Nullable URI s3Endpoint) {
    this.s3Endpoint = s3Endpoint;
  }
}
