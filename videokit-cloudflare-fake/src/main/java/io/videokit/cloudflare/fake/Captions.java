package io.videokit.cloudflare.fake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Captions and subtitles of the fake's videos ({@code …/stream/{uid}/captions}): WebVTT uploads per
 * BCP 47 language (multipart field {@code file}), AI generation (in progress on the first read,
 * ready on the next), listing and deletion. Answers are {@code stream_captions} objects: {@code
 * language}, {@code label}, {@code generated}, {@code status}. Thread-safe.
 */
final class Captions {

  private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*");
  private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
  private static final Map<String, String> LABELS =
      Map.of(
          "en", "English",
          "de", "Deutsch",
          "fr", "Français",
          "es", "Español",
          "it", "Italiano",
          "nl", "Nederlands",
          "tr", "Türkçe",
          "ja", "日本語");

  /** One caption track. */
  private static final class Track {
    final String language;
    final boolean generated;
    String status;
    final String vtt;

    Track(String language, boolean generated, String status, String vtt) {
      this.language = language;
      this.generated = generated;
      this.status = status;
      this.vtt = vtt;
    }

    ObjectNode toJson() {
      ObjectNode json = Json.object();
      json.put("language", language);
      json.put("label", LABELS.getOrDefault(language.toLowerCase(Locale.ROOT), language));
      json.put("generated", generated);
      json.put("status", status);
      return json;
    }
  }

  private final Map<String, Map<String, Track>> tracks = new LinkedHashMap<>();

  /** {@code PUT …/captions/{language}}: the multipart {@code file} part, a WebVTT document. */
  synchronized ObjectNode upload(String uid, String language, String contentType, String body) {
    requireLanguage(language);
    String vtt = filePart(contentType, body);
    if (vtt == null) {
      throw ApiException.badRequest("multipart field file is required");
    }
    String text = vtt.startsWith("\uFEFF") ? vtt.substring(1) : vtt;
    if (!text.startsWith("WEBVTT")) {
      throw ApiException.badRequest("file is not a WebVTT document");
    }
    Track track = new Track(language, false, "ready", text);
    tracks.computeIfAbsent(uid, k -> new LinkedHashMap<>()).put(language, track);
    return track.toJson();
  }

  /** {@code POST …/captions/{language}/generate}: in progress now, ready on the next read. */
  synchronized ObjectNode generate(String uid, String language) {
    requireLanguage(language);
    Track track = new Track(language, true, "inprogress", "WEBVTT\n");
    tracks.computeIfAbsent(uid, k -> new LinkedHashMap<>()).put(language, track);
    return track.toJson();
  }

  /** {@code GET …/captions}: every track; generated ones advance to ready. */
  synchronized ArrayNode list(String uid) {
    ArrayNode list = Json.array();
    for (Track track : tracks.getOrDefault(uid, Map.of()).values()) {
      list.add(track.toJson());
      advance(track);
    }
    return list;
  }

  /** {@code GET …/captions/{language}}. */
  synchronized ObjectNode get(String uid, String language) {
    Track track = require(uid, language);
    ObjectNode json = track.toJson();
    advance(track);
    return json;
  }

  /** {@code DELETE …/captions/{language}}. */
  synchronized void delete(String uid, String language) {
    require(uid, language);
    tracks.get(uid).remove(language);
  }

  /** The WebVTT text of a track, for tests. */
  synchronized String vtt(String uid, String language) {
    return require(uid, language).vtt;
  }

  /** Forgets a deleted video's tracks, or all of them. */
  synchronized void forget(String uid) {
    if (uid == null) {
      tracks.clear();
    } else {
      tracks.remove(uid);
    }
  }

  private static void advance(Track track) {
    if ("inprogress".equals(track.status)) {
      track.status = "ready";
    }
  }

  private Track require(String uid, String language) {
    Track track = tracks.getOrDefault(uid, Map.of()).get(language);
    if (track == null) {
      throw ApiException.notFound("caption " + language + " of " + uid);
    }
    return track;
  }

  private static void requireLanguage(String language) {
    if (language == null || !LANGUAGE.matcher(language).matches()) {
      throw ApiException.badRequest("language must be a BCP 47 tag, got " + language);
    }
  }

  /** The body of the multipart part named {@code file}, or null. */
  static String filePart(String contentType, String body) {
    if (contentType == null || body == null) {
      return null;
    }
    Matcher boundary = BOUNDARY.matcher(contentType);
    if (!boundary.find()) {
      return null;
    }
    String delimiter = "--" + boundary.group(1);
    for (String part : body.split(Pattern.quote(delimiter))) {
      int headersEnd = part.indexOf("\r\n\r\n");
      if (headersEnd < 0) {
        continue;
      }
      String headers = part.substring(0, headersEnd);
      if (headers.matches("(?is).*content-disposition:[^\r\n]*\\bname=\"file\".*")) {
        String content = part.substring(headersEnd + 4);
        return content.endsWith("\r\n") ? content.substring(0, content.length() - 2) : content;
      }
    }
    return null;
  }
}
