package io.videokit.local;

import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processing right away on an in-process pool, for applications without db-scheduler: not
 * persistent (a video queued when the process dies is processed again only when its upload's
 * completion is resumed).
 */
public class InProcessProcessingQueue implements VideoProcessingQueue {

  private static final Logger log = LoggerFactory.getLogger(InProcessProcessingQueue.class);

  private final ExecutorService executor;
  private final VideoProcessor processor;

  /**
   * The queue.
   *
   * @param executor the pool processing runs on (its owner shuts it down)
   * @param processor the processor
   */
  public InProcessProcessingQueue(ExecutorService executor, VideoProcessor processor) {
    this.executor = executor;
    this.processor = processor;
  }

  @Override
  public void enqueue(String uid) {
    executor.submit(() -> {
      try {
        processor.process(uid);
      } catch (Exception e) {
        log.error("processing video {} failed", uid, e);
      }
    });
  }
}
