package io.videokit.web.security;

import java.util.function.Predicate;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's {@link StrictHttpFirewall} with one rule relaxed: header values may hold any
 * character but CR, LF and NUL.
 *
 * <p>Why: Tomcat decodes header bytes as ISO-8859-1, so every UTF-8 sequence a client sends (a
 * {@code ’} in {@code User-Agent}, {@code "Ä"} in {@code If-None-Match}) has continuation bytes
 * 0x80–0x9F that arrive as C1 control characters. The strict firewall refuses those lazily, while
 * the application reads the header, which turns into a 500 with a stack trace, or after a response
 * was started. RFC 9110 §5.5 allows such bytes ({@code obs-text}) and forbids only CR, LF and NUL;
 * header parsers (ranges, entity tags, dates, tus) treat what they cannot parse as the protocol
 * says. Every other rule of the firewall (encoded slashes, {@code ;} and {@code ..} in paths,
 * unknown methods, control characters in header names and parameters) stays.
 *
 * <p>The rule for header and parameter names is the strict firewall's own ({@link
 * StrictHttpFirewall#ALLOWED_HEADER_NAMES}: every code point assigned and not a control character),
 * decided by {@link #NAMES} without a regular expression: the firewall applies it on every header
 * and parameter read, which made its regex a visible share of a short range answer (issue 12).
 */
public final class VideokitFirewall {

  /** Accepts a header value unless it holds CR, LF or NUL (RFC 9110 §5.5). */
  public static final Predicate<String> HEADER_VALUES =
      value -> value.indexOf('\r') < 0 && value.indexOf('\n') < 0 && value.indexOf('\0') < 0;

  /**
   * Accepts a header or parameter name when every code point of it is assigned and not a control
   * character — what {@link StrictHttpFirewall#ALLOWED_HEADER_NAMES} and {@link
   * StrictHttpFirewall#ALLOWED_PARAMETER_NAMES} accept ({@code
   * [\p{IsAssigned}&&[^\p{IsControl}]]*}), with printable ASCII decided by a comparison per
   * character.
   */
  public static final Predicate<String> NAMES = VideokitFirewall::assignedAndNotControl;

  private VideokitFirewall() {}

  private static boolean assignedAndNotControl(String name) {
    int length = name.length();
    for (int i = 0; i < length; i++) {
      char c = name.charAt(i);
      if (c < 0x20) {
        return false; // C0 controls
      }
      if (c >= 0x7F) {
        return assignedAndNotControl(name, i); // DEL, C1 controls and beyond ASCII
      }
    }
    return true;
  }

  /**
   * The same rule by code point (java.util.regex's IsAssigned and IsControl), from {@code from}.
   */
  private static boolean assignedAndNotControl(String name, int from) {
    int i = from;
    while (i < name.length()) {
      int codePoint = name.codePointAt(i);
      int type = Character.getType(codePoint);
      if (type == Character.UNASSIGNED || type == Character.CONTROL) {
        return false;
      }
      i += Character.charCount(codePoint);
    }
    return true;
  }

  /**
   * A strict firewall with {@link #HEADER_VALUES} as its header-value rule and {@link #NAMES} as
   * its (unchanged) header- and parameter-name rule.
   *
   * @return a new firewall
   */
  public static StrictHttpFirewall create() {
    StrictHttpFirewall firewall = new StrictHttpFirewall();
    firewall.setAllowedHeaderNames(NAMES);
    firewall.setAllowedParameterNames(NAMES);
    return relaxHeaderValues(firewall);
  }

  /**
   * Applies {@link #HEADER_VALUES} to a firewall the application configures itself.
   *
   * @param firewall the firewall to change
   * @return the same firewall
   */
  public static StrictHttpFirewall relaxHeaderValues(StrictHttpFirewall firewall) {
    firewall.setAllowedHeaderValues(HEADER_VALUES);
    return firewall;
  }
}
