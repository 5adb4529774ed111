package io.videokit.autoconfigure.cloudflare.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A small application using the Cloudflare video attribute. */
@SpringBootApplication
public class CloudflareTestApplication {}
