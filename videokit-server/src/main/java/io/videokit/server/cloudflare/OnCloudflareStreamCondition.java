package io.videokit.server.cloudflare;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The condition behind {@link ConditionalOnCloudflareStream}. */
class OnCloudflareStreamCondition extends SpringBootCondition {

  @Override
  public ConditionOutcome getMatchOutcome(
      ConditionContext context, AnnotatedTypeMetadata metadata) {
    Environment environment = context.getEnvironment();
    if (!environment.getProperty("videokit.cloudflare.enabled", Boolean.class, true)) {
      return ConditionOutcome.noMatch("videokit.cloudflare.enabled is false");
    }
    boolean account =
        has(environment, "videokit.cloudflare.account-id")
            || has(environment, "CLOUDFLARE_ACCOUNT_ID");
    boolean token =
        has(environment, "videokit.cloudflare.api-token")
            || has(environment, "CLOUDFLARE_API_TOKEN");
    return account && token
        ? ConditionOutcome.match("Cloudflare Stream credentials are configured")
        : ConditionOutcome.noMatch("no Cloudflare Stream account id and API token");
  }

  private static boolean has(Environment environment, String key) {
    String value = environment.getProperty(key);
    return value != null && !value.isBlank();
  }
}
