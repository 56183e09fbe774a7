package dev.paramscope.weights;

import java.util.Objects;

/**
 * One file of a checkpoint (a whole model, a GGUF split part or a safetensors shard).
 *
 * @param path the file as given or resolved
 * @param fileBytes the file's size
 * @param dataOffset where its tensor data section starts (the header's size, padding included)
 * @param tensorCount tensors it holds
 */
public record CheckpointFile(String path, long fileBytes, long dataOffset, int tensorCount) {

  public CheckpointFile {
    Objects.requireNonNull(path, "path");
    if (fileBytes < 0 || dataOffset < 0 || dataOffset > fileBytes || tensorCount < 0) {
      throw new IllegalArgumentException(path + ": inconsistent sizes " + fileBytes + "/"
          + dataOffset + "/" + tensorCount);
    }
  }
}
