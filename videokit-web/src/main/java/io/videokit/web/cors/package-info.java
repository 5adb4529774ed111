/** CORS rules of videokit's upload endpoints. */
@NullMarked
package io.videokit.web.cors;

import org.jspecify.annotations.NullMarked;
