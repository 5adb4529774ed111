/**
 * Live broadcasts: the pluggable {@link io.videokit.broadcast.Broadcast} entity (an application
 * extends it, {@link io.videokit.broadcast.DefaultBroadcast} ships), {@link
 * io.videokit.broadcast.BroadcastService} (start, stop, refresh, list, publisher authorization) and
 * django-broadcast's response shapes ({@link io.videokit.broadcast.SeedResponses}). No web and no
 * ingest here: the ingest module authorizes publishers through the service.
 */
@NullMarked
package io.videokit.broadcast;

import org.jspecify.annotations.NullMarked;
