package io.videokit.core.tus;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The digests accepted in {@code Upload-Checksum} (tus checksum extension; {@code sha1} is
 * required).
 */
public enum ChecksumAlgorithm {
  /** SHA-1, the one every tus server must support. */
  SHA1("sha1", "SHA-1"),
  /** SHA-256. */
  SHA256("sha256", "SHA-256"),
  /** SHA-512. */
  SHA512("sha512", "SHA-512"),
  /** MD5, for clients that still send it. */
  MD5("md5", "MD5");

  private final String tusName;
  private final String jcaName;

  ChecksumAlgorithm(String tusName, String jcaName) {
    this.tusName = tusName;
    this.jcaName = jcaName;
  }

  /**
   * The name used on the wire.
   *
   * @return e.g. {@code sha256}
   */
  public String tusName() {
    return tusName;
  }

  /**
   * A new digest for this algorithm.
   *
   * @return a fresh {@link MessageDigest}
   */
  public MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance(jcaName);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + jcaName, e);
    }
  }

  /**
   * Looks an algorithm up by its wire name, case-insensitively.
   *
   * @param name e.g. {@code sha1}
   * @return the algorithm, if supported
   */
  public static Optional<ChecksumAlgorithm> byTusName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(a -> a.tusName.equals(lower)).findFirst();
  }

  /**
   * The {@code Tus-Checksum-Algorithm} header value.
   *
   * @return e.g. {@code sha1,sha256,sha512,md5}
   */
  public static String header() {
    return Arrays.stream(values()).map(ChecksumAlgorithm::tusName).collect(Collectors.joining(","));
  }
}
