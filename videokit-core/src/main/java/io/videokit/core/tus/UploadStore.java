package io.videokit.core.tus;

import io.videokit.core.storage.MediaNotFoundException;
import io.videokit.core.storage.MediaObject;
import io.videokit.core.storage.MediaStorage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where tus uploads keep their bytes and state: the required core of the store SPI, enough for the
 * tus core protocol, the creation, creation-with-upload and checksum extensions and the completion
 * step. The protocol lives in {@link TusHandler}; a store only persists, so a new backend (S3, a
 * database) is one class.
 *
 * <p>Each further tus extension is one optional interface the store may implement, and the handler
 * advertises ({@code Tus-Extension}) and serves exactly those it finds: {@link
 * TerminatingUploadStore} (termination), {@link ConcatenatingUploadStore} (concatenation), {@link
 * LengthDeferringUploadStore} (creation-defer-length) and {@link ExpiringUploadStore} (expiration).
 * Locking is a separate SPI, {@link UploadLocker}. Upload ids have the shape of {@link UploadIds}.
 *
 * <p>Stores are used under the {@link UploadLocker}'s lock for writes: two writers never append to
 * the same upload at once. Reads ({@link #find}) may run concurrently with a write.
 */
public interface UploadStore {

  /**
   * Creates an empty upload with a new random id ({@link UploadIds#random()}).
   *
   * @param upload what to create; its length is null only if the store is a {@link
   *     LengthDeferringUploadStore}
   * @return its state, offset 0
   * @throws IOException if it cannot be persisted
   */
  UploadInfo create(NewUpload upload) throws IOException;

  /**
   * Looks an upload up.
   *
   * @param id the upload id (any string; ids not of the store's shape are simply not found)
   * @return its state with the current offset, or empty
   * @throws IOException if the store cannot be read
   */
  Optional<UploadInfo> find(String id) throws IOException;

  /**
   * Appends bytes at the current offset.
   *
   * <p>Without a checksum, every byte read is kept even when the body ends early (a dropped
   * connection), and made durable before returning or throwing. With a checksum, the chunk is kept
   * only if its digest matches; otherwise nothing changes.
   *
   * @param id the upload id
   * @param body the request body; at most {@code maxBytes} are read
   * @param maxBytes the most bytes to read, in bytes
   * @param checksum the expected digest of the bytes read, or null
   * @return the number of bytes appended
   * @throws TusException {@link TusError#CHECKSUM_MISMATCH} if the digest differs
   * @throws IOException if reading the body or writing fails (bytes already received are kept)
   */
  long append(String id, InputStream body, long maxBytes, @Nullable UploadChecksum checksum)
      throws TusException, IOException;

  /**
   * Persists changed state (expiry, completion flag). The offset is the store's own, and a length
   * is only ever set through {@link LengthDeferringUploadStore#declareLength}.
   *
   * @param info the new state
   * @throws IOException if it cannot be persisted
   */
  void update(UploadInfo info) throws IOException;

  /**
   * Opens the received bytes.
   *
   * @param id the upload id
   * @return a stream over bytes {@code 0..offset-1}; the caller closes it
   * @throws IOException if they cannot be read
   */
  InputStream openData(String id) throws IOException;

  /**
   * The ids of every upload kept, finished or not, in no particular order; used to resume
   * completions a crash interrupted.
   *
   * @return the ids
   * @throws IOException if the store cannot be listed
   */
  List<String> ids() throws IOException;

  /**
   * Hands the received bytes of a finished upload to media storage, keeping the upload's own bytes
   * until it is marked completed, so that a completion interrupted by a crash can run again. The
   * default copies through a stream; a store on the same disk as the storage may link the file
   * instead.
   *
   * @param id the upload id
   * @param storage the destination
   * @param key the destination key
   * @return the stored object
   * @throws MediaNotFoundException if the key is not allowed
   * @throws IOException if the transfer fails
   */
  default MediaObject transferTo(String id, MediaStorage storage, String key)
      throws MediaNotFoundException, IOException {
    try (InputStream in = openData(id)) {
      return storage.put(key, in);
    }
  }

  /**
   * One creator's uploads whose bytes are still in the store: not yet completed (normal and final
   * uploads before their completion step, partial uploads until concatenated). The per-user quota
   * and concurrency limits count them. The default looks every upload up; a store with an index may
   * answer faster.
   *
   * @param creator the principal's name
   * @return their states with current offsets, in no particular order
   * @throws IOException if the store cannot be listed
   */
  default List<UploadInfo> unfinished(String creator) throws IOException {
    List<UploadInfo> uploads = new ArrayList<>();
    for (String id : ids()) {
      find(id)
          .filter(upload -> !upload.completed() && upload.creator().equals(creator))
          .ifPresent(uploads::add);
    }
    return uploads;
  }
}
