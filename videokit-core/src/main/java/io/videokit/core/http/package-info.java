/** HTTP helpers shared by videokit's servlet handlers: RFC 9457 problem bodies. */
@NullMarked
package io.videokit.core.http;

import org.jspecify.annotations.NullMarked;
