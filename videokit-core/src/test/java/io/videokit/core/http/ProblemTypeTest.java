package io.videokit.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.videokit.core.tus.TusError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The problem catalogue: well-formed entries, documented in the README (issue 9). */
class ProblemTypeTest {

  @Test
  void everyEntryHasAUniqueCodeAnErrorStatusAndATitle() {
    Set<String> codes = new HashSet<>();
    for (ProblemType type : ProblemType.values()) {
      assertThat(codes.add(type.code())).as("duplicate code %s", type.code()).isTrue();
      assertThat(type.code()).as(type.name()).matches("[a-z0-9-]+(/[a-z0-9-]+)?");
      assertThat(type.status()).as(type.name()).isBetween(400, 599);
      assertThat(type.title()).as(type.name()).isNotBlank();
      assertThat(type.uri()).isEqualTo("https://videokit.io/problems/" + type.code());
      assertThat(ProblemType.ofCode(type.code())).isSameAs(type);
    }
  }

  @Test
  void everyTusErrorIsATusEntryOfTheCatalogue() {
    for (TusError error : TusError.values()) {
      assertThat(error.type().code()).isEqualTo("tus/" + error.code());
      assertThat(error.status()).isEqualTo(error.type().status());
      assertThat(error.title()).isEqualTo(error.type().title());
    }
  }

  @Test
  void aProblemTakesTypeTitleAndStatusFromTheCatalogue() {
    Problem problem = Problem.of(ProblemType.TUS_MISMATCHED_OFFSET, "offset 3, not 5");

    assertThat(problem.toMap())
        .containsEntry("type", "https://videokit.io/problems/tus/mismatched-offset")
        .containsEntry("title", "Upload offset mismatch")
        .containsEntry("status", 409)
        .containsEntry("detail", "offset 3, not 5");
  }

  @Test
  void onlyAVaryingEntryAnswersAnotherStatusOfItsClass() {
    assertThat(ProblemType.CLOUDFLARE_REFUSED.problem(409, "taken").status()).isEqualTo(409);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ProblemType.CLOUDFLARE_REFUSED.problem(502, "not a refusal"));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ProblemType.VIDEO_NOT_FOUND.problem(410, "gone"));
  }

  @Test
  void aStatusTheWebServerChoseMapsToItsHttpEntryOrTheFallback() {
    assertThat(ProblemType.ofHttpStatus(405)).isEqualTo(ProblemType.HTTP_405);
    assertThat(ProblemType.ofHttpStatus(418)).isEqualTo(ProblemType.HTTP_CLIENT_ERROR);
    assertThat(ProblemType.ofHttpStatus(418).problem(418, "teapot").status()).isEqualTo(418);
    assertThat(ProblemType.ofHttpStatus(599)).isEqualTo(ProblemType.HTTP_SERVER_ERROR);
  }

  /**
   * The problem types the test suites of every module assert: {@code endsWith("/tus/<code>")},
   * {@code ".../problems/<code>"} and {@code assertProblem(response, status, "<code>")}.
   */
  private static final Pattern ASSERTED =
      Pattern.compile(
          "endsWith\\(\"/((?:tus|stream|video|media|cloudflare)/[a-z0-9-]+)\"\\)"
              + "|videokit\\.io/problems/([a-z0-9-]+(?:/[a-z0-9-]+)?)\""
              + "|assertProblem\\([^;]*?\\d{3},\\s*\"([a-z0-9-]+(?:/[a-z0-9-]+)?)\"\\)");

  @Test
  void everyTypeTheTestSuitesAssertIsCatalogued() throws IOException {
    Set<String> asserted = new TreeSet<>();
    List<Path> suites;
    try (Stream<Path> modules = Files.list(Path.of(".."))) {
      suites = modules.map(m -> m.resolve("src/test/java")).filter(Files::isDirectory).toList();
    }
    for (Path suite : suites) {
      try (Stream<Path> files = Files.walk(suite)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          Matcher matcher = ASSERTED.matcher(Files.readString(file, StandardCharsets.UTF_8));
          while (matcher.find()) {
            for (int group = 1; group <= 3; group++) {
              if (matcher.group(group) != null) {
                asserted.add(matcher.group(group));
              }
            }
          }
        }
      }
    }

    assertThat(asserted).as("the suites assert problem types").hasSizeGreaterThan(20);
    assertThat(asserted)
        .as("asserted types missing from the catalogue")
        .allMatch(code -> ProblemType.ofCode(code) != null);
  }

  @Test
  void theReadmeTableListsEveryEntry() throws IOException {
    Path readme = Path.of("..", "README.md");
    List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
    int section = lines.indexOf("## Problem types");
    assertThat(section).as("README.md has a '## Problem types' section").isNotNegative();
    List<String> rows =
        lines.subList(section, lines.size()).stream()
            .takeWhile(line -> !line.startsWith("## ") || line.equals("## Problem types"))
            .filter(line -> line.startsWith("| `"))
            .toList();
    List<String> missing =
        Arrays.stream(ProblemType.values())
            .filter(type ->
                rows.stream()
                    .noneMatch(row ->
                        row.startsWith(
                            "| `"
                                + type.code()
                                + "` | "
                                + type.status()
                                + (type.statusVaries() ? " (varies)" : "")
                                + " | "
                                + type.title()
                                + " | ")))
            .map(ProblemType::code)
            .toList();
    assertThat(missing).as("catalogue entries missing from README's table").isEmpty();
    assertThat(rows)
        .as("README rows without a catalogue entry")
        .hasSize(ProblemType.values().length);
  }
}
