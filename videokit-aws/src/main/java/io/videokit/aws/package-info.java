/**
 * AWS without Spring: {@link io.videokit.aws.S3BroadcastIngest}, the {@code S3} endpoint kind of
 * live broadcasts (the publisher writes HLS straight into a bucket prefix with short-lived STS
 * credentials scoped by {@link io.videokit.aws.SessionPolicy}), configured by {@link
 * io.videokit.aws.S3BroadcastSettings}.
 */
@NullMarked
package io.videokit.aws;

import org.jspecify.annotations.NullMarked;
