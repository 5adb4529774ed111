/** videokit video support for Spring Boot. */
@NullMarked
package io.videokit.autoconfigure.video;

import org.jspecify.annotations.NullMarked;
