package dev.paramscope.model;

import java.util.Objects;

/**
 * Multi-token-prediction modules stored in a checkpoint beside the model body (DeepSeek-V3
 * paper arXiv:2412.19437 section 2.2; GLM-4.5; ERNIE 4.5), counted separately from the model's
 * total.
 *
 * <p>Each module holds two RMSNorms ({@code enorm}, {@code hnorm}) over the hidden size, a
 * projection {@code eh_proj} (2·hidden → hidden, no bias), one full decoder layer, a final
 * norm ({@code shared_head.norm}) when {@code storesFinalNorm} and, when
 * {@code storesEmbeddingAndHead}, its own copy of the token embedding and output head as the
 * published checkpoints store them.
 *
 * @param numLayers how many modules ({@code num_nextn_predict_layers}), positive
 * @param layer the decoder layer inside each module
 * @param storesEmbeddingAndHead whether each module stores embedding and head copies
 * @param storesFinalNorm whether each module stores its own final norm (DeepSeek's
 *     {@code shared_head.norm}); ERNIE 4.5's modules ({@code mtp_emb_norm},
 *     {@code mtp_hidden_norm}, {@code mtp_linear_proj}, {@code mtp_block}) have none
 */
public record MultiTokenPrediction(int numLayers, DecoderLayer layer, boolean storesEmbeddingAndHead,
    boolean storesFinalNorm) {
  public MultiTokenPrediction {
    Objects.requireNonNull(layer, "layer");
    if (numLayers <= 0) {
      throw new IllegalArgumentException("num_nextn_predict_layers must be positive: " + numLayers);
    }
  }

  /** DeepSeek-style modules, each with its own {@code shared_head.norm}. */
  public MultiTokenPrediction(int numLayers, DecoderLayer layer, boolean storesEmbeddingAndHead) {
    this(numLayers, layer, storesEmbeddingAndHead, true);
  }
}
