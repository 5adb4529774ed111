/**
 * The broadcast endpoints: django-broadcast's {@code /stream/start/} and {@code /stream/stop/} and
 * the REST form {@code /api/broadcasts}.
 */
@NullMarked
package io.videokit.web.broadcast;

import org.jspecify.annotations.NullMarked;
