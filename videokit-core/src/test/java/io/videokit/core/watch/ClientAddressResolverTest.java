package io.videokit.core.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientAddressResolverTest {

  private static final String PROXY = "10.0.0.1";

  private final ClientAddressResolver resolver =
      new ClientAddressResolver(List.of("10.0.0.0/8", "192.168.0.0/20", "::1", "2001:db8::/32"));

  @Test
  void forwardedForFromAnUntrustedPeerIsIgnored() {
    assertThat(resolver.resolve("203.0.113.9", "198.51.100.7")).isEqualTo("203.0.113.9");
  }

  @Test
  void withoutForwardedForTheRemoteAddressIsTheClient() {
    assertThat(resolver.resolve(PROXY, null)).isEqualTo(PROXY);
  }

  @Test
  void forwardedForFromATrustedProxyNamesTheClient() {
    assertThat(resolver.resolve(PROXY, "198.51.100.7")).isEqualTo("198.51.100.7");
  }

  @Test
  void rightMostUntrustedHopIsTheClient() {
    assertThat(resolver.resolve(PROXY, "198.51.100.7, 10.0.0.5, 10.2.3.4"))
        .isEqualTo("198.51.100.7");
  }

  @Test
  void spoofedLeftMostValuesAreIgnored() {
    assertThat(resolver.resolve(PROXY, "1.2.3.4, 10.0.0.9, 198.51.100.7"))
        .isEqualTo("198.51.100.7");
  }

  @Test
  void spoofedTrustedLookingValueLeftOfTheClientIsIgnored() {
    assertThat(resolver.resolve(PROXY, "198.51.100.1, 203.0.113.50, 10.0.0.5"))
        .isEqualTo("203.0.113.50");
  }

  @Test
  void whenEveryHopIsTrustedTheRemoteAddressIsKept() {
    assertThat(resolver.resolve(PROXY, "10.0.0.2, 10.0.0.3")).isEqualTo(PROXY);
  }

  @Test
  void emptyHopsAreSkipped() {
    assertThat(resolver.resolve(PROXY, "198.51.100.7, , 10.0.0.5,")).isEqualTo("198.51.100.7");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "",
        " , ",
        "unknown",
        "not-an-ip",
        "198.51.100.7, evil.example.com",
        "198.51.100.7, 10.0.0.5, garbage",
        "198.51.100.7:4711",
        "999.999.999.999",
        "256.1.1.1",
        "1.2.3",
        "1.2.3.4.5",
        ".1:2",
        "fe80::1%eth0",
        "<script>",
        "_gazonk"
      })
  void garbageInForwardedForFallsBackToTheRemoteAddress(String forwardedFor) {
    assertThat(resolver.resolve(PROXY, forwardedFor)).isEqualTo(PROXY);
  }

  @Test
  void ipv6ClientBehindAnIpv6Proxy() {
    assertThat(resolver.resolve("::1", "2a00:1450:4001:80b::200e"))
        .isEqualTo("2a00:1450:4001:80b::200e");
  }

  @Test
  void ipv6ProxyInACidrBlockIsTrusted() {
    assertThat(resolver.resolve("2001:db8:0:1::5", "198.51.100.7")).isEqualTo("198.51.100.7");
  }

  @Test
  void ipv6HopInsideATrustedBlockIsSkipped() {
    assertThat(resolver.resolve("::1", "2a00:1450::1, 2001:db8:ffff::2")).isEqualTo("2a00:1450::1");
  }

  @Test
  void ipv6OutsideTheTrustedBlockIsNotTrusted() {
    assertThat(resolver.resolve("2001:db9::5", "198.51.100.7")).isEqualTo("2001:db9::5");
  }

  @Test
  void fullyWrittenIpv6LoopbackMatchesTheShortForm() {
    assertThat(resolver.resolve("0:0:0:0:0:0:0:1", "198.51.100.7")).isEqualTo("198.51.100.7");
  }

  @Test
  void bracketedIpv6HopIsAccepted() {
    assertThat(resolver.resolve(PROXY, "[2a00:1450::1]")).isEqualTo("[2a00:1450::1]");
  }

  @Test
  void ipv4PeerIsNotMatchedByIpv6Blocks() {
    ClientAddressResolver ipv6Only = new ClientAddressResolver(List.of("::/0"));

    assertThat(ipv6Only.resolve("127.0.0.1", "198.51.100.7")).isEqualTo("127.0.0.1");
  }

  @ParameterizedTest(name = "[{index}] {0} trusted={1}")
  @CsvSource({
    "192.168.0.1, true",
    "192.168.15.255, true",
    "192.168.16.0, false",
    "192.167.255.255, false",
    "10.255.255.255, true",
    "11.0.0.0, false"
  })
  void cidrPrefixesMatchBitwise(String peer, boolean trusted) {
    String resolved = resolver.resolve(peer, "198.51.100.7");

    assertThat(resolved).isEqualTo(trusted ? "198.51.100.7" : peer);
  }

  @Test
  void singleAddressTrustsOnlyThatAddress() {
    ClientAddressResolver single = new ClientAddressResolver(List.of("127.0.0.1"));

    assertThat(single.resolve("127.0.0.1", "198.51.100.7")).isEqualTo("198.51.100.7");
    assertThat(single.resolve("127.0.0.2", "198.51.100.7")).isEqualTo("127.0.0.2");
  }

  @Test
  void prefixZeroTrustsEveryIpv4Address() {
    ClientAddressResolver everyone = new ClientAddressResolver(List.of("0.0.0.0/0"));

    assertThat(everyone.resolve("203.0.113.9", "2a00:1450::1, 198.51.100.7, 8.8.8.8"))
        .isEqualTo("2a00:1450::1");
  }

  @Test
  void noTrustedProxiesMeansForwardedForIsNeverBelieved() {
    ClientAddressResolver none = new ClientAddressResolver(List.of());

    assertThat(none.resolve("127.0.0.1", "198.51.100.7")).isEqualTo("127.0.0.1");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {"10.0.0.0/33", "::/129", "10.0.0.0/-1", "10.0.0.0/x", "example.com", "", "10.0.0"})
  void malformedTrustedProxyIsRefused(String entry) {
    assertThatThrownBy(() -> new ClientAddressResolver(List.of(entry)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void trustedProxyEntriesMayCarrySurroundingSpaces() {
    ClientAddressResolver spaced = new ClientAddressResolver(List.of(" 10.0.0.0/8 "));

    assertThat(spaced.resolve(PROXY, "198.51.100.7")).isEqualTo("198.51.100.7");
  }
}
