package dev.paramscope.weights.safetensors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;

/** The JSON parser settings for untrusted safetensors headers and index files. */
final class HeaderJson {
  /** Headers are flat: object, tensor object, shape array; a little slack for metadata. */
  static final int MAX_DEPTH = 8;

  static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(MAX_DEPTH)
          .maxNumberLength(40)
          .maxStringLength(16 << 20)
          .maxNameLength(1 << 20)
          .build())
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      // Tensor names are read once: interning them in the symbol table only costs (a sharded
      // checkpoint has thousands), and skipping it keeps hostile names out of a shared table.
      .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
      .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
      .build();

  private HeaderJson() {}
}
