package io.videokit.core.tus;

/**
 * Application hooks around tus uploads, in the spirit of tusd's hooks: a synchronous pre-create
 * check that may refuse, and the completion step that turns finished bytes into something (a
 * video).
 */
public interface UploadHooks {

  /** Hooks that accept everything and do nothing on completion. */
  UploadHooks NONE = new UploadHooks() {};

  /**
   * Called before an upload is created; throw to refuse it. May not change length or offset.
   *
   * @param upload what the client asks for
   * @param caller who asks
   * @throws TusException to refuse, usually with {@link TusError#REJECTED} or {@link
   *     TusError#INVALID_METADATA}
   */
  default void beforeCreate(NewUpload upload, TusCaller caller) throws TusException {}

  /**
   * Called when a normal or final upload has all its bytes, under the upload's lock and before the
   * client's last request is answered; the upload is marked completed only after it returns. If it
   * throws, or the process dies while it runs, the step runs again — on the next HEAD or PATCH of
   * the upload, or from {@link TusHandler#resumeCompletions()} on start-up — with the bytes still
   * in the store. It must therefore be idempotent: a second run for the same upload must finish
   * what the first began, never create a second result.
   *
   * @param upload the finished upload
   * @param store the store holding its bytes ({@link UploadStore#transferTo} hands them on)
   * @throws Exception if the step failed
   */
  default void completed(UploadInfo upload, UploadStore store) throws Exception {}
}
