/** videokit video support for Spring Boot. */
@NullMarked
package io.videokit.local;

import org.jspecify.annotations.NullMarked;
