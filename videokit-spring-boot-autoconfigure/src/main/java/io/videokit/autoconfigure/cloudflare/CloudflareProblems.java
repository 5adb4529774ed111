package io.videokit.autoconfigure.cloudflare;

import io.videokit.autoconfigure.web.ApiProblem;
import io.videokit.cloudflare.CloudflareApiException;
import io.videokit.cloudflare.CloudflareException;
import io.videokit.cloudflare.CloudflareRateLimitedException;
import io.videokit.cloudflare.CloudflareUnavailableException;

/** Cloudflare failures as RFC 9457 problems for videokit's endpoints. */
final class CloudflareProblems {

  private CloudflareProblems() {}

  /**
   * The problem for a failed call: Cloudflare's refusals of the request keep their 4xx status and
   * reason; failures on Cloudflare's side (or of our credentials) are 502/503/504.
   *
   * @param what what was attempted, e.g. "creating the upload"
   * @param e the failure
   * @return the problem to throw
   */
  static ApiProblem of(String what, CloudflareException e) {
    if (e instanceof CloudflareRateLimitedException limited) {
      return new ApiProblem(
          "cloudflare/rate-limited",
          "Cloudflare rate limit",
          503,
          what
              + " failed: Cloudflare's rate limit is reached; retry in "
              + Math.max(1, limited.retryAfter().toSeconds())
              + " s");
    }
    if (e instanceof CloudflareApiException api) {
      int status = api.status();
      String reason = api.reason() + codes(api);
      if (status == 401 || status == 403) {
        return new ApiProblem(
            "cloudflare/credentials",
            "Cloudflare refused the server's credentials",
            502,
            what + " failed: Cloudflare refused the configured API token (" + reason + ")");
      }
      if (status >= 400 && status < 500) {
        return new ApiProblem(
            "cloudflare/refused",
            "Cloudflare refused the request",
            status,
            what + " failed: " + reason);
      }
      return new ApiProblem(
          "cloudflare/error", "Cloudflare failed", 502, what + " failed at Cloudflare: " + reason);
    }
    if (e instanceof CloudflareUnavailableException) {
      return new ApiProblem(
          "cloudflare/unavailable",
          "Cloudflare unreachable",
          504,
          what + " failed: Cloudflare did not answer in time");
    }
    return new ApiProblem(
        "cloudflare/bad-answer",
        "Unreadable answer from Cloudflare",
        502,
        what + " failed: Cloudflare's answer could not be read");
  }

  private static String codes(CloudflareApiException e) {
    if (e.errors().isEmpty()) {
      return "";
    }
    StringBuilder codes = new StringBuilder(" (Cloudflare code");
    codes.append(e.errors().size() > 1 ? "s " : " ");
    for (int i = 0; i < e.errors().size(); i++) {
      codes.append(i == 0 ? "" : ", ").append(e.errors().get(i).code());
    }
    return codes.append(')').toString();
  }
}
