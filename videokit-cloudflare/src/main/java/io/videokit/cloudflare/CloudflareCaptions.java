package io.videokit.cloudflare;

import java.util.List;

/** The caption and subtitle tracks (WebVTT) of a video. */
public interface CloudflareCaptions {

  /**
   * Uploads a WebVTT caption or subtitle file for a language: {@code PUT
   * /accounts/{account_id}/stream/{identifier}/captions/{language}}, multipart field {@code file}.
   * Replaces the language's track if there is one (repeating the call is harmless).
   *
   * @param uid the video
   * @param language a BCP 47 tag, e.g. {@code en}, {@code pt-BR}
   * @param webVtt the WebVTT document (starts with {@code WEBVTT})
   * @return the track
   * @throws IllegalArgumentException for a malformed language tag or a file that is not WebVTT
   * @throws CloudflareException on failure (404 for an unknown video)
   */
  Caption uploadCaption(String uid, String language, byte[] webVtt);

  /**
   * The caption and subtitle tracks of a video: {@code GET
   * /accounts/{account_id}/stream/{identifier}/captions}.
   *
   * @param uid the video
   * @return the tracks, possibly none
   * @throws CloudflareException on failure
   */
  List<Caption> captions(String uid);

  /**
   * Deletes a language's track: {@code DELETE
   * /accounts/{account_id}/stream/{identifier}/captions/{language}}.
   *
   * @param uid the video
   * @param language the BCP 47 tag
   * @return true if deleted, false if there was none
   * @throws CloudflareException on failure
   */
  boolean deleteCaption(String uid, String language);

  /**
   * Asks Cloudflare to generate a track (AI) for a ready video: {@code POST
   * /accounts/{account_id}/stream/{identifier}/captions/{language}/generate}. The track is {@code
   * inprogress} at first; poll {@link #captions(String)}.
   *
   * @param uid the video
   * @param language the BCP 47 tag
   * @return the track as Cloudflare started it
   * @throws CloudflareException on failure (400 while the video is not ready)
   */
  Caption generateCaption(String uid, String language);
}
