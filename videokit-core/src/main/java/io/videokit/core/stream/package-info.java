/** Serving media over HTTP with range requests, from any servlet or controller. */
@NullMarked
package io.videokit.core.stream;

import org.jspecify.annotations.NullMarked;
