/** The video model, shaped like Cloudflare Stream's video object and shared by every provider. */
@NullMarked
package io.videokit.video;

import org.jspecify.annotations.NullMarked;
