/**
 * Spring Security integration: a firewall that lets header values outside ASCII through, rejected
 * requests, 401s and 403s answered as RFC 9457 problems of the catalogue, and videokit's configured
 * paths as request matchers for the application's security rules ({@link
 * io.videokit.web.security.VideokitRequestMatchers}).
 */
@NullMarked
package io.videokit.web.security;

import org.jspecify.annotations.NullMarked;
