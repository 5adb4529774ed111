/** Reading facts out of media files (duration, dimensions) with ffprobe. */
@NullMarked
package io.videokit.core.media;

import org.jspecify.annotations.NullMarked;
