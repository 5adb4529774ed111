package io.videokit.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * {@link VideokitFirewall#NAMES} must decide exactly what the strict firewall's own name rule
 * decides (it only replaces the regular expression): for every code point, and for the ways a
 * string can mix them (ASCII around it, surrogate pairs, lone surrogates).
 */
class VideokitFirewallTest {

  private static final Predicate<String> STRICT = StrictHttpFirewall.ALLOWED_HEADER_NAMES;

  @Test
  void everyCodePointIsDecidedAsTheStrictRuleDecidesIt() {
    List<Integer> differ = new ArrayList<>();
    for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
      String alone = Character.toString(codePoint);
      String amid = "X-" + alone + "-y";
      if (VideokitFirewall.NAMES.test(alone) != STRICT.test(alone)
          || VideokitFirewall.NAMES.test(amid) != STRICT.test(amid)) {
        differ.add(codePoint);
      }
    }
    assertThat(differ).isEmpty();
  }

  @Test
  void mixedStringsAreDecidedAsTheStrictRuleDecidesThem() {
    List<String> names =
        List.of(
            "",
            "Range",
            "User-Agent",
            "path",
            "x\u007f",
            "\u0085name",
            "caf\u00e9",
            "a\tb",
            "a b",
            "\ud83c\udfac-clip", // a pair: one assigned code point
            "lone-\ud83c",
            "\udfac-lone",
            "\udfac\ud83c",
            "name\u0378", // unassigned
            "name\u200b", // format, assigned
            "name\ue000", // private use, assigned
            "name\u0000",
            "\u009f",
            "ok\u00a0ok");
    for (String name : names) {
      assertThat(VideokitFirewall.NAMES.test(name)).as("%s", name).isEqualTo(STRICT.test(name));
    }
  }

  @Test
  void theFirewallStillRefusesControlCharactersInNamesAndAcceptsNonAsciiValues() {
    StrictHttpFirewall firewall = VideokitFirewall.create();
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/stream/");
    request.addHeader("X-Bad\u0001", "1");
    request.addHeader("User-Agent", "Ren\u00e9\u0092s player");
    request.addParameter("pa\u0007th", "a");
    var checked = firewall.getFirewalledRequest(request);

    assertThat(checked.getHeader("User-Agent")).isEqualTo("Ren\u00e9\u0092s player");
    assertThatThrownBy(() -> checked.getHeader("X-Bad\u0001"))
        .isInstanceOf(RequestRejectedException.class);
    assertThatThrownBy(() -> checked.getParameter("pa\u0007th"))
        .isInstanceOf(RequestRejectedException.class);
    assertThat(checked.getParameter("path")).isNull();
  }
}
