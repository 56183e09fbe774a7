package dev.paramscope.weights.safetensors;

import dev.paramscope.weights.CheckpointFile;
import dev.paramscope.weights.TensorInfo;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One safetensors file's validated header: {@code __metadata__} and tensors in file order. */
record SafetensorsFile(Map<String, String> metadata, List<TensorInfo> tensors,
    CheckpointFile file) {

  SafetensorsFile {
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    tensors = List.copyOf(tensors);
  }
}
