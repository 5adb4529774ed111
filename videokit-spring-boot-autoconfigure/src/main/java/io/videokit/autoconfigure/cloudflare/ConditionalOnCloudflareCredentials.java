package io.videokit.autoconfigure.cloudflare;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * Matches when the Cloudflare Stream provider is on: {@code videokit.cloudflare.enabled} is not
 * {@code false} and an account id and an API token are set, as {@code
 * videokit.cloudflare.account-id} / {@code videokit.cloudflare.api-token} (or as the environment
 * variables {@code CLOUDFLARE_ACCOUNT_ID} / {@code CLOUDFLARE_API_TOKEN}, which {@link
 * io.videokit.autoconfigure.properties.DjangoEnvironmentPostProcessor} maps onto those keys). The
 * one rule behind {@link io.videokit.autoconfigure.VideokitCloudflareAutoConfiguration};
 * applications put it on their own Cloudflare-only beans (component scanning runs before
 * auto-configuration, so {@code @ConditionalOnBean} cannot see the provider's beans there).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnCloudflareCredentialsCondition.class)
public @interface ConditionalOnCloudflareCredentials {}
