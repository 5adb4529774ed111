package io.videokit.server.cloudflare;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * Registers the annotated component only when the Cloudflare Stream provider is configured: an
 * account id and an API token ({@code videokit.cloudflare.account-id} / {@code
 * videokit.cloudflare.api-token}, or the environment variables {@code CLOUDFLARE_ACCOUNT_ID} /
 * {@code CLOUDFLARE_API_TOKEN}), and {@code videokit.cloudflare.enabled} not {@code false} — the
 * rule videokit's {@code VideokitCloudflareAutoConfiguration} switches on with.
 *
 * <p>The server's Cloudflare components are found by component scanning, which runs before any
 * auto-configuration, so {@code @ConditionalOnBean(CloudflareStreamClient.class)} cannot be used on
 * them; this condition reads the same settings from the environment instead.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnCloudflareStreamCondition.class)
public @interface ConditionalOnCloudflareStream {}
