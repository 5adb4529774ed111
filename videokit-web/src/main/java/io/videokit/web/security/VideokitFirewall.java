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
 */
public final class VideokitFirewall {

  /** Accepts a header value unless it holds CR, LF or NUL (RFC 9110 §5.5). */
  public static final Predicate<String> HEADER_VALUES =
      value -> value.indexOf('\r') < 0 && value.indexOf('\n') < 0 && value.indexOf('\0') < 0;

  private VideokitFirewall() {}

  /**
   * A strict firewall with {@link #HEADER_VALUES} as its header-value rule.
   *
   * @return a new firewall
   */
  public static StrictHttpFirewall create() {
    return relaxHeaderValues(new StrictHttpFirewall());
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
