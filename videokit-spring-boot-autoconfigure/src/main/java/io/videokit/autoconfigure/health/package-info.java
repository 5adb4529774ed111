/**
 * videokit's Spring Boot Actuator health indicators: the media storage, the media tools (ffprobe,
 * ffmpeg), the Cloudflare Stream API and the job engine. Wired by {@link
 * io.videokit.autoconfigure.VideokitHealthAutoConfiguration}.
 */
@NullMarked
package io.videokit.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
