/** videokit's own tables, migrated with Flyway in a separate history table. */
@NullMarked
package io.videokit.autoconfigure.schema;

import org.jspecify.annotations.NullMarked;
