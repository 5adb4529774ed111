package io.videokit.web.cloudflare;

import io.videokit.cloudflare.CloudflareApiException;
import io.videokit.cloudflare.CloudflareException;
import io.videokit.cloudflare.CloudflareRateLimitedException;
import io.videokit.cloudflare.CloudflareUnavailableException;
import io.videokit.core.http.ProblemType;
import io.videokit.web.ApiProblem;

/**
 * Cloudflare failures as problems of the catalogue for videokit's endpoints: a factory of {@link
 * ApiProblem}s, answered by {@code VideokitExceptionHandler} like every other.
 */
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
          ProblemType.CLOUDFLARE_RATE_LIMITED,
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
            ProblemType.CLOUDFLARE_CREDENTIALS,
            what + " failed: Cloudflare refused the configured API token (" + reason + ")");
      }
      if (status >= 400 && status < 500) {
        return new ApiProblem(ProblemType.CLOUDFLARE_REFUSED, status, what + " failed: " + reason);
      }
      return new ApiProblem(
          ProblemType.CLOUDFLARE_ERROR, what + " failed at Cloudflare: " + reason);
    }
    if (e instanceof CloudflareUnavailableException) {
      return new ApiProblem(
          ProblemType.CLOUDFLARE_UNAVAILABLE, what + " failed: Cloudflare did not answer in time");
    }
    return new ApiProblem(
        ProblemType.CLOUDFLARE_BAD_ANSWER, what + " failed: Cloudflare's answer could not be read");
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
