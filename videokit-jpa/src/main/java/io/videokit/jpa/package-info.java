/**
 * Video attributes of JPA entities, for every provider: discovery in the metamodel, the Hibernate
 * listener (attach policy, provider naming, after-commit jobs), holders under row locks, JSON-path
 * queries, and the synchronisation and deletion jobs.
 */
@NullMarked
package io.videokit.jpa;

import org.jspecify.annotations.NullMarked;
