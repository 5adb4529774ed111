package io.videokit.video.provider;

/**
 * Captions of one language.
 *
 * @param language a BCP 47 tag, e.g. {@code en}
 * @param label a readable name, e.g. {@code English}
 * @param generated whether the provider generated them (speech to text)
 * @param state {@code ready}, {@code inprogress} or {@code error}
 */
public record VideoCaption(String language, String label, boolean generated, String state) {}
