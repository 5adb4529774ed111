/**
 * JMH micro-benchmarks of videokit's pure-Java hot parts: {@code Range} parsing and evaluation (RFC
 * 9110 §14) and live playlist validation (RFC 8216). The tus header benchmarks live in {@code
 * io.videokit.core.tus} to reach its package-private header parser. Run them as bench/README.md
 * ("JMH micro-benchmarks") says.
 */
@NullMarked
package io.videokit.benchmarks;

import org.jspecify.annotations.NullMarked;
