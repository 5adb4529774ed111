/**
 * The self-hosted provider: finished tus uploads become videos (recoverable completion), processed
 * with ffprobe, recorded in its own table, published as lifecycle events.
 */
@NullMarked
package io.videokit.local;

import org.jspecify.annotations.NullMarked;
