/**
 * HTTP byte ranges (RFC 9110 §14): parsing {@code Range}, resolving specs against a length, and
 * deciding a response together with the conditional headers. Framework-free immutable values.
 */
@NullMarked
package io.videokit.core.range;

import org.jspecify.annotations.NullMarked;
