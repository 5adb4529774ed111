package io.videokit.live;

import java.util.regex.Pattern;

/**
 * Where a publisher session's segments are stored: the first session's directly under the
 * broadcast's prefix (as before reconnects existed), each later one's under {@code s<N>/}, so a
 * restarted publisher reusing names ({@code index0.ts} again) never overwrites a segment viewers
 * may have cached as immutable.
 */
final class SessionKeys {

  /** A session directory name: {@code s1} to {@code s9999}. */
  static final Pattern DIRECTORY = Pattern.compile("s[1-9][0-9]{0,3}");

  /** Most publisher sessions one broadcast may have. */
  static final int MAX_SESSIONS = 1000;

  private SessionKeys() {}

  /** The URI, relative to the broadcast, of a segment of a session directory. */
  static String uri(int directory, String name) {
    return directory == 0 ? name : "s" + directory + "/" + name;
  }

  /** The session directory number of a relative URI ({@code 0} for a plain name). */
  static int directoryOf(String uri) {
    int slash = uri.indexOf('/');
    if (slash < 0 || !DIRECTORY.matcher(uri.substring(0, slash)).matches()) {
      return 0;
    }
    return Integer.parseInt(uri.substring(1, slash));
  }
}
