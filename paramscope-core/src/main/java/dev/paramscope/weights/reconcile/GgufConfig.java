package dev.paramscope.weights.reconcile;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paramscope.weights.CheckpointSummary;
import dev.paramscope.weights.TensorInfo;
import java.util.Map;
import java.util.Optional;

/**
 * Rebuilds a Hugging Face style config from a GGUF header's {@code <arch>.*} keys, so the exact
 * counter can check the tensors. Key names from llama.cpp's {@code gguf-py/gguf/constants.py}
 * ({@code LLM_KV_BLOCK_COUNT = "{arch}.block_count"}, ...). Supported: the llama, qwen2 and qwen3
 * layouts (GGUF architectures {@code llama}, {@code mistral}, {@code qwen2}, {@code qwen3}).
 */
public final class GgufConfig {
  private GgufConfig() {}

  /** The config, or empty when the architecture has no mapping or keys are missing. */
  public static Optional<ObjectNode> from(CheckpointSummary summary) {
    String arch = summary.architecture();
    if (arch == null) {
      return Optional.empty();
    }
    String modelType;
    switch (arch) {
      case "llama":
      case "mistral":
        modelType = "llama";
        break;
      case "qwen2":
        modelType = "qwen2";
        break;
      case "qwen3":
        modelType = "qwen3";
        break;
      default:
        return Optional.empty();
    }
    Map<String, Object> meta = summary.metadata();
    Long layers = integer(meta, arch + ".block_count");
    Long hidden = integer(meta, arch + ".embedding_length");
    Long ffn = integer(meta, arch + ".feed_forward_length");
    Long heads = integer(meta, arch + ".attention.head_count");
    TensorInfo embedding = tensor(summary, "token_embd.weight");
    if (layers == null || hidden == null || ffn == null || heads == null || embedding == null) {
      return Optional.empty();
    }
    ObjectNode config = JsonNodeFactory.instance.objectNode();
    config.put("model_type", modelType);
    config.put("_name_or_path", meta.getOrDefault("general.name", "gguf").toString());
    config.put("num_hidden_layers", layers);
    config.put("hidden_size", hidden);
    config.put("intermediate_size", ffn);
    config.put("num_attention_heads", heads);
    Long kvHeads = integer(meta, arch + ".attention.head_count_kv");
    config.put("num_key_value_heads", kvHeads != null ? kvHeads : heads);
    Long headDim = integer(meta, arch + ".attention.key_length");
    if (headDim != null) {
      config.put("head_dim", headDim);
    }
    // GGUF shapes are stored outermost-first here: token_embd is [vocab, hidden].
    config.put("vocab_size", embedding.shape().get(0));
    config.put("tie_word_embeddings", tensor(summary, "output.weight") == null);
    Long context = integer(meta, arch + ".context_length");
    if (context != null) {
      config.put("max_position_embeddings", context);
    }
    return Optional.of(config);
  }

  private static Long integer(Map<String, Object> meta, String key) {
    Object value = meta.get(key);
    return value instanceof Long ? (Long) value : null;
  }

  private static TensorInfo tensor(CheckpointSummary summary, String name) {
    for (TensorInfo t : summary.tensors()) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    return null;
  }
}
