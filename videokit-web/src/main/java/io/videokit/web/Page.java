package io.videokit.web;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param items the items on this page
 * @param page zero-based page number
 * @param size the page size asked for
 * @param total how many items match in all
 * @param <T> the item type
 */
public record Page<T>(List<T> items, int page, int size, long total) {

  /** Largest page size accepted. */
  public static final int MAX_SIZE = 500;

  /**
   * Validates paging parameters.
   *
   * @param page zero-based page
   * @param size page size
   * @throws ApiProblem 400 when out of range
   */
  public static void check(int page, int size) {
    if (page < 0 || size < 1 || size > MAX_SIZE) {
      throw ApiProblem.badRequest("page must be >= 0 and size between 1 and " + MAX_SIZE);
    }
  }
}
