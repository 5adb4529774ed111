/** Tomcat integration: the errors Tomcat answers by itself, as RFC 9457 problems. */
@NullMarked
package io.videokit.autoconfigure.web.tomcat;

import org.jspecify.annotations.NullMarked;
