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
    boolean account =
        has(env, "videokit.cloudflare.account-id") || has(env, "CLOUDFLARE_ACCOUNT_ID");
    boolean token = has(env, "videokit.cloudflare.api-token") || has(env, "CLOUDFLARE_API_TOKEN");
    return account && token
        ? ConditionOutcome.match("Cloudflare credentials configured")
        : ConditionOutcome.noMatch("no Cloudflare account id and API token");
  }

  private static boolean has(Environment env, String key) {
    String value = env.getProperty(key);
    return value != null && !value.isBlank();
  }
}
