package io.videokit.core.tus;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * An upload store in memory that implements only the required core of the SPI, to check what the
 * handler serves without the optional extension interfaces. Test-only; not durable.
 */
class MemoryUploadStore implements UploadStore {

  /** One upload: its state without the offset, and its bytes. */
  private record Entry(UploadInfo state, ByteArrayOutputStream bytes) {}

  private final Map<String, Entry> uploads = new ConcurrentHashMap<>();

  @Override
  public UploadInfo create(NewUpload upload) {
    UploadInfo info =
        new UploadInfo(
            UploadIds.random(),
            upload.length(),
            0,
            upload.metadata(),
            upload.creator(),
            upload.created(),
            upload.expires(),
            upload.concat(),
            upload.parts(),
            false);
    uploads.put(info.id(), new Entry(info, new ByteArrayOutputStream()));
    return info;
  }

  @Override
  public Optional<UploadInfo> find(String id) {
    Entry entry = uploads.get(id);
    if (entry == null) {
      return Optional.empty();
    }
    synchronized (entry.bytes()) {
      return Optional.of(entry.state().withOffset(entry.bytes().size()));
    }
  }

  @Override
  public long append(String id, InputStream body, long maxBytes, @Nullable UploadChecksum checksum)
      throws TusException, IOException {
    Entry entry = uploads.get(id);
    byte[] chunk = body.readNBytes((int) Math.min(maxBytes, Integer.MAX_VALUE));
    if (checksum != null) {
      byte[] digest = checksum.algorithm().newDigest().digest(chunk);
      if (!MessageDigest.isEqual(digest, checksum.expected())) {
        throw new TusException(TusError.CHECKSUM_MISMATCH, "the chunk was discarded");
      }
    }
    synchronized (entry.bytes()) {
      entry.bytes().write(chunk);
    }
    return chunk.length;
  }

  @Override
  public void update(UploadInfo info) {
    uploads.computeIfPresent(info.id(), (id, entry) -> new Entry(info, entry.bytes()));
  }

  @Override
  public InputStream openData(String id) {
    Entry entry = uploads.get(id);
    synchronized (entry.bytes()) {
      return new ByteArrayInputStream(entry.bytes().toByteArray());
    }
  }

  @Override
  public List<String> ids() {
    return new ArrayList<>(uploads.keySet());
  }

  /** Removes an upload, for the subclasses that add termination. */
  boolean remove(String id) {
    return uploads.remove(id) != null;
  }

  /** Replaces an upload's bytes, for the subclass that adds concatenation. */
  void replaceBytes(String id, byte[] bytes) {
    Entry entry = uploads.get(id);
    synchronized (entry.bytes()) {
      entry.bytes().reset();
      entry.bytes().writeBytes(bytes);
    }
  }
}
