package dev.paramscope.weights.safetensors;

import dev.paramscope.weights.CheckpointFile;
import dev.paramscope.weights.TensorInfo;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** One safetensors file's validated header: {@code __metadata__} (String or CutText values) and tensors in file order. */
record SafetensorsFile(Map<String, Object> metadata, List<TensorInfo> tensors,
    CheckpointFile file) {

  /** Made only by the header parser, which hands over collections it no longer touches: wrapped, not copied. */
  SafetensorsFile {
    metadata = Collections.unmodifiableMap(metadata);
    tensors = Collections.unmodifiableList(tensors);
  }
}
