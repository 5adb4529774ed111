/**
 * A stateful, schema-validating fake of the Cloudflare Stream API v4 for tests: {@link
 * io.videokit.cloudflare.fake.FakeCloudflareStream} runs WireMock in-process, serves the Stream
 * API, tus and direct upload URLs, simulates processing, downloads, clips, signing keys, webhooks
 * and live inputs, injects faults, and checks every exchange against the official OpenAPI subset
 * ({@link io.videokit.cloudflare.fake.StreamSchemaValidator}).
 */
package io.videokit.cloudflare.fake;
