package io.videokit.autoconfigure.cloudflare.app;

import org.springframework.data.jpa.repository.JpaRepository;

/** Spring Data repository of notes. */
public interface NoteRepository extends JpaRepository<Note, Long> {}
