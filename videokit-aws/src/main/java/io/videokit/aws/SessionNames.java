package io.videokit.aws;

import java.util.regex.Pattern;

/**
 * STS role session names of broadcasts. STS accepts {@code [\w+=,.@-]{2,64}} (ASCII word
 * characters); the seed passed user names as they were, so any other character broke its call.
 */
public final class SessionNames {

  /** What STS accepts as a {@code RoleSessionName}. */
  public static final Pattern VALID = Pattern.compile("[A-Za-z0-9_+=,.@-]{2,64}");

  private static final int MAX = 64;

  private SessionNames() {}

  /**
   * The session name of a broadcast: {@code <owner>-<id>}, the owner cut so that the whole fits 64
   * characters and the broadcast id (which makes it unique) always stays; every character STS
   * refuses (a space, a slash, anything non-ASCII, one per code point) becomes {@code _}.
   *
   * @param owner the broadcast's owner, any text
   * @param broadcastId the broadcast's id (32 hex characters)
   * @return a name matching {@link #VALID}
   */
  public static String roleSessionName(String owner, String broadcastId) {
    String id = clean(broadcastId, MAX - 2);
    int room = MAX - id.length() - 1;
    String who = clean(owner, room);
    String name = (who.isEmpty() ? "_" : who) + "-" + id;
    return name.length() > MAX ? name.substring(0, MAX) : name;
  }

  private static String clean(String text, int max) {
    StringBuilder out = new StringBuilder();
    text.codePoints().limit(Math.max(0, max)).forEach(c -> out.append(allowed(c) ? (char) c : '_'));
    return out.toString();
  }

  private static boolean allowed(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "_+=,.@-".indexOf(c) >= 0;
  }
}
