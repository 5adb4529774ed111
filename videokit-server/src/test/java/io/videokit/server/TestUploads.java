package io.videokit.server;

import io.tus.java.client.TusClient;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/** Uploads a file with the tus Java client, as an API user would. */
final class TestUploads {

  private TestUploads() {}

  /**
   * Uploads a file.
   *
   * @param creation the tus creation URL ({@code /api/uploads/})
   * @param authorization the {@code Authorization} header
   * @param file the file
   * @return the new video's uid
   */
  static String upload(URI creation, String authorization, Path file) throws Exception {
    TusClient client = new TusClient();
    client.setUploadCreationURL(creation.toURL());
    client.setHeaders(Map.of("Authorization", authorization));
    client.enableResuming(new TusURLMemoryStore());
    TusUpload upload = new TusUpload(file.toFile());
    upload.setMetadata(Map.of("filename", file.getFileName().toString(), "filetype", "video/mp4"));
    TusUploader uploader = client.resumeOrCreateUpload(upload);
    uploader.setChunkSize(1024 * 1024);
    while (uploader.uploadChunk() > -1) {
      // keep sending
    }
    uploader.finish();
    String url = uploader.getUploadURL().toString();
    return url.substring(url.lastIndexOf('/') + 1);
  }
}
