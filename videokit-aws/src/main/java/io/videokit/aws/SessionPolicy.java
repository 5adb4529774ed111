package io.videokit.aws;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * The inline session policy of a broadcast's credentials: effective rights are the role's policy
 * intersected with this one, so whatever the role allows, the publisher can only write objects
 * under its own broadcast's prefix.
 *
 * <p>Allowed are {@code s3:PutObject} (each HLS segment and every rewrite of the playlist, also the
 * parts of a multipart upload) and {@code s3:AbortMultipartUpload} (to give up a multipart upload
 * of a large segment), on {@code arn:aws:s3:::<bucket>/<prefix>*} only. Not allowed: reading,
 * deleting (the segments are the recording; a publisher keeping a sliding window must not remove
 * them), listing (an HLS writer knows its own keys) and anything on other prefixes or buckets. The
 * seed's defects are not copied: it allowed get and delete, named an action that does not exist and
 * put {@code s3:ListBucket} on an object ARN.
 */
public final class SessionPolicy {

  /** The longest inline session policy STS accepts (plain text, before packing). */
  public static final int MAX_LENGTH = 2048;

  /** The actions granted, in the policy's order. */
  public static final List<String> ACTIONS = List.of("s3:PutObject", "s3:AbortMultipartUpload");

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private SessionPolicy() {}

  /**
   * The policy allowing writes under one prefix.
   *
   * @param bucket the bucket
   * @param prefix the broadcast's storage prefix, ending in {@code /} (e.g. {@code
   *     live/alice/<id>/})
   * @return the policy document as JSON
   * @throws IllegalArgumentException if the prefix is empty, does not end in {@code /} or holds a
   *     wildcard, or the policy would exceed {@value #MAX_LENGTH} characters
   */
  public static String writeOnly(String bucket, String prefix) {
    if (prefix.isEmpty() || !prefix.endsWith("/") || prefix.contains("*") || prefix.contains("?")) {
      throw new IllegalArgumentException("not a broadcast prefix: " + prefix);
    }
    Map<String, Object> statement =
        Map.of(
            "Sid",
            "WriteBroadcastPrefix",
            "Effect",
            "Allow",
            "Action",
            ACTIONS,
            "Resource",
            "arn:aws:s3:::" + bucket + "/" + prefix + "*");
    // an ordered map keeps Version first, as AWS's own documents are written
    Map<String, Object> policy = new LinkedHashMap<>();
    policy.put("Version", "2012-10-17");
    policy.put("Statement", List.of(new TreeMap<>(statement)));
    String json = JSON.writeValueAsString(policy);
    if (json.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("the session policy would exceed " + MAX_LENGTH);
    }
    return json;
  }
}
