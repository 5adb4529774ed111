/** Web plumbing shared by videokit's endpoints: callers, problems, paging. */
@NullMarked
package io.videokit.web;

import org.jspecify.annotations.NullMarked;
