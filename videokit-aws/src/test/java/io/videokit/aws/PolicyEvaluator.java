package io.videokit.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * IAM's evaluation of one identity-based policy document, for the parts a session policy uses: an
 * explicit Deny wins, then an Allow, else the implicit deny; {@code Action} matched
 * case-insensitively and {@code Resource} case-sensitively, both with {@code *} and {@code ?}
 * wildcards. Elements it does not evaluate ({@code NotAction}, {@code NotResource}, {@code
 * Condition}, {@code Principal}) make it refuse the document, so that a policy relying on them
 * cannot pass a test by being misread.
 */
final class PolicyEvaluator {

  private static final Set<String> KNOWN = Set.of("Sid", "Effect", "Action", "Resource");

  private record Statement(boolean allow, List<Pattern> actions, List<Pattern> resources) {
    boolean matches(String action, String resource) {
      return actions.stream().anyMatch(a -> a.matcher(action.toLowerCase(Locale.ROOT)).matches())
          && resources.stream().anyMatch(r -> r.matcher(resource).matches());
    }
  }

  private final List<Statement> statements = new ArrayList<>();

  PolicyEvaluator(String json) {
    JsonNode policy = JsonMapper.builder().build().readTree(json);
    if (!"2012-10-17".equals(policy.path("Version").asString(""))) {
      throw new IllegalArgumentException("policy language version must be 2012-10-17: " + json);
    }
    JsonNode list = policy.path("Statement");
    for (JsonNode statement : list.isArray() ? list : List.of(list)) {
      statement
          .propertyNames()
          .forEach(name -> {
            if (!KNOWN.contains(name)) {
              throw new IllegalArgumentException("not evaluated here: " + name);
            }
          });
      String effect = statement.path("Effect").asString("");
      if (!effect.equals("Allow") && !effect.equals("Deny")) {
        throw new IllegalArgumentException("bad Effect " + effect);
      }
      statements.add(
          new Statement(
              effect.equals("Allow"),
              patterns(statement.path("Action"), true),
              patterns(statement.path("Resource"), false)));
    }
  }

  private static List<Pattern> patterns(JsonNode node, boolean lowerCase) {
    List<Pattern> patterns = new ArrayList<>();
    for (JsonNode value : node.isArray() ? node : List.of(node)) {
      String text = value.asString();
      if (text.isEmpty()) {
        throw new IllegalArgumentException("missing Action or Resource");
      }
      patterns.add(glob(lowerCase ? text.toLowerCase(Locale.ROOT) : text));
    }
    return patterns;
  }

  private static Pattern glob(String text) {
    StringBuilder regex = new StringBuilder();
    for (char c : text.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  /** Whether the policy allows the action on the resource. */
  boolean allows(String action, String resource) {
    boolean allowed = false;
    for (Statement statement : statements) {
      if (statement.matches(action, resource)) {
        if (!statement.allow()) {
          return false;
        }
        allowed = true;
      }
    }
    return allowed;
  }
}
