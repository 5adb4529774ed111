package io.videokit.autoconfigure.cloudflare;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The condition behind {@link ConditionalOnCloudflareCredentials}. */
class OnCloudflareCredentialsCondition extends SpringBootCondition {

  @Override
  public ConditionOutcome getMatchOutcome(
      ConditionContext context, AnnotatedTypeMetadata metadata) {
    Environment env = context.getEnvironment();
    if (!env.getProperty("videokit.cloudflare.enabled", Boolean.class, true)) {
      return ConditionOutcome.noMatch("videokit.cloudflare.enabled is false");
    }
    // the Django names (CLOUDFLARE_ACCOUNT_ID, ...) arrive here as videokit keys, mapped by
    // DjangoEnvironmentPostProcessor
    boolean account = has(env, "videokit.cloudflare.account-id");
    boolean token = has(env, "videokit.cloudflare.api-token");
    return account && token
        ? ConditionOutcome.match("Cloudflare credentials configured")
        : ConditionOutcome.noMatch("no Cloudflare account id and API token");
  }

  private static boolean has(Environment env, String key) {
    String value = env.getProperty(key);
    return value != null && !value.isBlank();
  }
}
