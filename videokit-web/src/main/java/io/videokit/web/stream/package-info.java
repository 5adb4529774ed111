/** videokit streaming support for Spring Boot. */
@NullMarked
package io.videokit.web.stream;

import org.jspecify.annotations.NullMarked;
