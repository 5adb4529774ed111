/**
 * What happened to a video, the same for every provider: published as Spring application events
 * (any object is one) by the provider that saw it, after the change is committed.
 */
@NullMarked
package io.videokit.video.event;

import org.jspecify.annotations.NullMarked;
