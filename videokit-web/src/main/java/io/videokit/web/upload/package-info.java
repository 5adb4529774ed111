/** videokit upload support for Spring Boot. */
@NullMarked
package io.videokit.web.upload;

import org.jspecify.annotations.NullMarked;
