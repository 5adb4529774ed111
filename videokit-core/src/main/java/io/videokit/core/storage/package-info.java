/** Media storage: objects addressed by relative keys, confined to a root. */
@NullMarked
package io.videokit.core.storage;

import org.jspecify.annotations.NullMarked;
