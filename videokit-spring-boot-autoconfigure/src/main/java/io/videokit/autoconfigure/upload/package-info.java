/** Spring Boot glue of the upload part of videokit-web. */
@NullMarked
package io.videokit.autoconfigure.upload;

import org.jspecify.annotations.NullMarked;
