/**
 * tus 1.0.0 resumable uploads: the protocol handler, the store and locker SPIs, and local-disk
 * implementations.
 */
@NullMarked
package io.videokit.core.tus;

import org.jspecify.annotations.NullMarked;
