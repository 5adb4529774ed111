/** Watch sessions: recorded per viewer and video from the ranges served, and the staff API. */
@NullMarked
package io.videokit.web.watch;

import org.jspecify.annotations.NullMarked;
