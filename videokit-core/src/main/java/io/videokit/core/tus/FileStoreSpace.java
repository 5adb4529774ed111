package io.videokit.core.tus;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link UsableSpace} from {@link FileStore#getUsableSpace()}. File stores are looked up once per
 * path (finding one reads the mount table); each query asks the file system afresh.
 */
final class FileStoreSpace implements UsableSpace {

  private final Map<Path, FileStore> stores = new ConcurrentHashMap<>();

  @Override
  public long usableBytes(Path path) throws IOException {
    FileStore store = stores.get(path);
    if (store == null) {
      store = lookUp(path.toAbsolutePath());
      stores.put(path, store);
    }
    return store.getUsableSpace();
  }

  private static FileStore lookUp(Path path) throws IOException {
    for (Path candidate = path; candidate != null; candidate = candidate.getParent()) {
      if (Files.exists(candidate)) {
        return Files.getFileStore(candidate);
      }
    }
    throw new NoSuchFileException(path.toString());
  }
}
