package io.videokit.cloudflare.fake;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random identifiers shaped like Cloudflare's. */
final class Ids {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  /** 32 lower-case hex characters, like a video uid. */
  static String uid() {
    return hex(16);
  }

  static String hex(int bytes) {
    byte[] buffer = new byte[bytes];
    RANDOM.nextBytes(buffer);
    return HexFormat.of().formatHex(buffer);
  }
}
