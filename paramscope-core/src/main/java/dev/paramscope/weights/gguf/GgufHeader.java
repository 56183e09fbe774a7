package dev.paramscope.weights.gguf;

import dev.paramscope.weights.CheckpointFile;
import dev.paramscope.weights.TensorInfo;
import java.util.List;
import java.util.Map;

/** One GGUF file's header, validated. */
record GgufHeader(int version, long kvCount, Map<String, Object> metadata,
    List<TensorInfo> tensors, CheckpointFile file) {

  GgufHeader {
    metadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
    tensors = List.copyOf(tensors);
  }
}
