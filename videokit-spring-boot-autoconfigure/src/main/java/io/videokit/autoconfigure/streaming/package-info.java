/** videokit streaming support for Spring Boot. */
@NullMarked
package io.videokit.autoconfigure.streaming;

import org.jspecify.annotations.NullMarked;
