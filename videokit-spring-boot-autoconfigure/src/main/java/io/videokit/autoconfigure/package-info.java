/** Spring Boot auto-configuration of videokit. */
@NullMarked
package io.videokit.autoconfigure;

import org.jspecify.annotations.NullMarked;
