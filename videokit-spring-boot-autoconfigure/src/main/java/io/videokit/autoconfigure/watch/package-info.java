/** videokit watch support for Spring Boot. */
@NullMarked
package io.videokit.autoconfigure.watch;

import org.jspecify.annotations.NullMarked;
