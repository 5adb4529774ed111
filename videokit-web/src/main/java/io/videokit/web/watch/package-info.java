/** videokit watch support for Spring Boot. */
@NullMarked
package io.videokit.web.watch;

import org.jspecify.annotations.NullMarked;
