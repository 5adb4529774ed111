/** Watch sessions: who watched what, identified safely (trusted proxies only). */
@NullMarked
package io.videokit.core.watch;

import org.jspecify.annotations.NullMarked;
