/** Spring Boot glue of the tomcat part of videokit-web. */
@NullMarked
package io.videokit.autoconfigure.tomcat;

import org.jspecify.annotations.NullMarked;
