/** videokit upload support for Spring Boot. */
@NullMarked
package io.videokit.autoconfigure.upload;

import org.jspecify.annotations.NullMarked;
