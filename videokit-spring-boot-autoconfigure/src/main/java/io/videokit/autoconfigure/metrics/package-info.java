/**
 * Micrometer implementations of videokit's observer hooks ({@code videokit.*} meters), wired by
 * {@link io.videokit.autoconfigure.VideokitMetricsAutoConfiguration} when a {@code MeterRegistry}
 * exists. Tags are low-cardinality only: never a uid, a user or a path.
 */
@NullMarked
package io.videokit.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
