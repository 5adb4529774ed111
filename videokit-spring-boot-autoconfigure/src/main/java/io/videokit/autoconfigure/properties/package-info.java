/**
 * videokit's settings: one {@code @ConfigurationProperties} class per prefix, each with a {@code
 * PREFIX} constant and a Javadoc line on every field (the configuration processor turns those into
 * the IDE descriptions). Kept apart from the domain packages, which are about to move into
 * framework-free modules: only the auto-configurations read these classes and hand plain values or
 * settings records on.
 */
@NullMarked
package io.videokit.autoconfigure.properties;

import org.jspecify.annotations.NullMarked;
