/**
 * The web layer's shared parts: callers, the one translation of errors into RFC 9457 problems,
 * paging.
 */
@NullMarked
package io.videokit.web;

import org.jspecify.annotations.NullMarked;
