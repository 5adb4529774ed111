/**
 * Spring Security integration: a firewall that lets header values outside ASCII through, and
 * rejected requests answered as RFC 9457 problems.
 */
@NullMarked
package io.videokit.autoconfigure.security;

import org.jspecify.annotations.NullMarked;
