/** The condition that switches the Cloudflare provider on: credentials present. */
@NullMarked
package io.videokit.autoconfigure.cloudflare;

import org.jspecify.annotations.NullMarked;
