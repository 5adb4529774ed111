/** Tomcat integration: the errors Tomcat answers by itself, as RFC 9457 problems. */
@NullMarked
package io.videokit.web.tomcat;

import org.jspecify.annotations.NullMarked;
