package io.videokit.core.watch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Finds a request's client address. {@code X-Forwarded-For} is believed only when the immediate
 * peer is a configured trusted proxy; then the right-most address that is not itself a trusted
 * proxy is the client (the left part of the header is whatever the client chose to send).
 */
public final class ClientAddressResolver {

  private final List<Cidr> trustedProxies;

  /**
   * Creates the resolver.
   *
   * @param trustedProxies CIDR blocks or single addresses of trusted proxies, e.g. {@code
   *     127.0.0.1/32}, {@code 10.0.0.0/8}, {@code ::1}
   * @throws IllegalArgumentException for a malformed entry
   */
  public ClientAddressResolver(List<String> trustedProxies) {
    List<Cidr> parsed = new ArrayList<>();
    for (String entry : trustedProxies) {
      parsed.add(Cidr.parse(entry.strip()));
    }
    this.trustedProxies = List.copyOf(parsed);
  }

  /**
   * The client's address.
   *
   * @param remoteAddress the immediate peer, e.g. from {@code ServletRequest.getRemoteAddr()}
   * @param forwardedFor the {@code X-Forwarded-For} value, or null
   * @return the client's address as text
   */
  public String resolve(String remoteAddress, @Nullable String forwardedFor) {
    if (forwardedFor == null || !isTrusted(remoteAddress)) {
      return remoteAddress;
    }
    String[] hops = forwardedFor.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].strip();
      if (hop.isEmpty()) {
        continue;
      }
      if (!isTrusted(hop)) {
        return literal(hop) ? hop : remoteAddress;
      }
    }
    return remoteAddress;
  }

  private boolean isTrusted(String address) {
    byte[] bytes = parseLiteral(address);
    if (bytes == null) {
      return false;
    }
    for (Cidr cidr : trustedProxies) {
      if (cidr.contains(bytes)) {
        return true;
      }
    }
    return false;
  }

  private static boolean literal(String address) {
    return parseLiteral(address) != null;
  }

  /** Parses an IP literal without any DNS lookup. */
  static byte @Nullable [] parseLiteral(String address) {
    String a =
        address.startsWith("[") && address.endsWith("]")
            ? address.substring(1, address.length() - 1)
            : address;
    // only shapes InetAddress parses as literals: octets over 255, or a leading '.', would make
    // getByName fall back to a name lookup
    boolean ipv4 =
        a.matches("(25[0-5]|2[0-4]\\d|[01]?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|[01]?\\d?\\d)){3}");
    boolean ipv6 = a.contains(":") && a.matches("[0-9A-Fa-f:][0-9A-Fa-f:.]*");
    if (!ipv4 && !ipv6) {
      return null;
    }
    try {
      return InetAddress.getByName(a).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private record Cidr(byte[] network, int prefix) {
    static Cidr parse(String text) {
      int slash = text.indexOf('/');
      String address = slash < 0 ? text : text.substring(0, slash);
      byte[] bytes = parseLiteral(address);
      if (bytes == null) {
        throw new IllegalArgumentException("not an IP address or CIDR block: " + text);
      }
      int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
      if (prefix < 0 || prefix > bytes.length * 8) {
        throw new IllegalArgumentException("bad prefix length in " + text);
      }
      return new Cidr(bytes, prefix);
    }

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = 0xFF << (8 - rest);
      return (address[full] & mask) == (network[full] & mask);
    }
  }
}
