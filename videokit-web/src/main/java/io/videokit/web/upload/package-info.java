/** The tus 1.0.0 endpoint on Spring MVC. */
@NullMarked
package io.videokit.web.upload;

import org.jspecify.annotations.NullMarked;
