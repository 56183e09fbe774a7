package dev.paramscope.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A decoder-only language model's architecture, normalized from its configuration so that
 * counters and estimators never read Hugging Face keys.
 *
 * @param name display name: {@code _name_or_path}, else the config's folder name, else "config.json"
 * @param modelType the Hugging Face {@code model_type} it was read as (e.g. "llama")
 * @param vocabSize rows of the token embedding and of the output head
 * @param hiddenSize width of the residual stream
 * @param embeddingSize width of the token embedding; equals {@code hiddenSize} except for OPT
 *     models with {@code word_embed_proj_dim}, which then store {@code project_in}/{@code project_out}
 * @param learnedPositions rows of a learned absolute position table (GPT-2, OPT); 0 when positions
 *     are rotary or ALiBi
 * @param embeddingNorms norms applied right after the embedding (BLOOM); usually empty
 * @param layers one entry per decoder layer, in order
 * @param finalNorms norms after the last layer (usually one; none for OPT-350m)
 * @param tieWordEmbeddings whether the output head shares the token-embedding matrix
 * @param lmHeadBias whether the output head has a bias (Phi, GPT-J)
 * @param maxPositionEmbeddings the context length the config declares; 0 when it declares none
 * @param torchDtype the dtype the checkpoint is stored in ("bfloat16"), or null when not stated
 * @param multiTokenPrediction modules stored beside the body (DeepSeek-V3, GLM-4.5), or null
 * @param warnings notes about assumptions made while reading (e.g. an assumed family)
 * @param visionTower the vision encoder and projector a multimodal checkpoint stores beside the
 *     language model, or null for a text-only model
 * @param quantization how {@code quantization_config} says the weights ship, or null when the
 *     config has none (then {@code torchDtype} is the storage)
 * @param audioTower the audio encoder and projector a multimodal checkpoint stores beside the
 *     language model (Gemma 3n), or null
 * @param extraEmbeddingParams embedding tables beside the token embedding (Gemma 3n's per-layer
 *     embeddings {@code embed_tokens_per_layer}); 0 for most models
 * @param auxiliaryParams body parameters outside the layers, embeddings, norms and head (Gemma
 *     3n's {@code per_layer_model_projection} and AltUp projections); 0 for most models
 */
public record ModelArchitecture(
    String name,
    String modelType,
    int vocabSize,
    int hiddenSize,
    int embeddingSize,
    int learnedPositions,
    List<Norm> embeddingNorms,
    List<DecoderLayer> layers,
    List<Norm> finalNorms,
    boolean tieWordEmbeddings,
    boolean lmHeadBias,
    int maxPositionEmbeddings,
    String torchDtype,
    MultiTokenPrediction multiTokenPrediction,
    List<String> warnings,
    VisionTower visionTower,
    Quantization quantization,
    AudioTower audioTower,
    long extraEmbeddingParams,
    long auxiliaryParams) {
  public ModelArchitecture {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(modelType, "modelType");
    if (vocabSize <= 0 || hiddenSize <= 0 || embeddingSize <= 0) {
      throw new IllegalArgumentException("vocab, hidden and embedding sizes must be positive");
    }
    if (learnedPositions < 0 || maxPositionEmbeddings < 0) {
      throw new IllegalArgumentException("position counts must not be negative");
    }
    embeddingNorms = List.copyOf(embeddingNorms);
    layers = List.copyOf(layers);
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("a model needs at least one layer");
    }
    finalNorms = List.copyOf(finalNorms);
    warnings = List.copyOf(warnings);
    if (extraEmbeddingParams < 0 || auxiliaryParams < 0) {
      throw new IllegalArgumentException("parameter counts must not be negative");
    }
  }

  /** An architecture without audio tower, extra embedding tables or auxiliary body parameters. */
  public ModelArchitecture(String name, String modelType, int vocabSize, int hiddenSize, int embeddingSize,
      int learnedPositions, List<Norm> embeddingNorms, List<DecoderLayer> layers, List<Norm> finalNorms,
      boolean tieWordEmbeddings, boolean lmHeadBias, int maxPositionEmbeddings, String torchDtype,
      MultiTokenPrediction multiTokenPrediction, List<String> warnings, VisionTower visionTower,
      Quantization quantization) {
    this(name, modelType, vocabSize, hiddenSize, embeddingSize, learnedPositions, embeddingNorms, layers, finalNorms,
        tieWordEmbeddings, lmHeadBias, maxPositionEmbeddings, torchDtype, multiTokenPrediction, warnings, visionTower,
        quantization, null, 0, 0);
  }

  /** A text-only architecture. */
  public ModelArchitecture(String name, String modelType, int vocabSize, int hiddenSize, int embeddingSize,
      int learnedPositions, List<Norm> embeddingNorms, List<DecoderLayer> layers, List<Norm> finalNorms,
      boolean tieWordEmbeddings, boolean lmHeadBias, int maxPositionEmbeddings, String torchDtype,
      MultiTokenPrediction multiTokenPrediction, List<String> warnings) {
    this(name, modelType, vocabSize, hiddenSize, embeddingSize, learnedPositions, embeddingNorms, layers, finalNorms,
        tieWordEmbeddings, lmHeadBias, maxPositionEmbeddings, torchDtype, multiTokenPrediction, warnings, null, null);
  }

  /** An architecture whose checkpoint ships unquantized, at {@code torchDtype}. */
  public ModelArchitecture(String name, String modelType, int vocabSize, int hiddenSize, int embeddingSize,
      int learnedPositions, List<Norm> embeddingNorms, List<DecoderLayer> layers, List<Norm> finalNorms,
      boolean tieWordEmbeddings, boolean lmHeadBias, int maxPositionEmbeddings, String torchDtype,
      MultiTokenPrediction multiTokenPrediction, List<String> warnings, VisionTower visionTower) {
    this(name, modelType, vocabSize, hiddenSize, embeddingSize, learnedPositions, embeddingNorms, layers, finalNorms,
        tieWordEmbeddings, lmHeadBias, maxPositionEmbeddings, torchDtype, multiTokenPrediction, warnings, visionTower,
        null);
  }

  /** How the checkpoint's weights are quantized, when its config says. */
  public Optional<Quantization> quantized() {
    return Optional.ofNullable(quantization);
  }

  /** The vision encoder and projector, when the checkpoint stores them. */
  public Optional<VisionTower> vision() {
    return Optional.ofNullable(visionTower);
  }

  /** The audio encoder and projector, when the checkpoint stores them. */
  public Optional<AudioTower> audio() {
    return Optional.ofNullable(audioTower);
  }

  /** Number of decoder layers. */
  public int numLayers() {
    return layers.size();
  }

  /** The multi-token-prediction modules, when the checkpoint stores any. */
  public Optional<MultiTokenPrediction> mtp() {
    return Optional.ofNullable(multiTokenPrediction);
  }

  /** True when at least one layer is a mixture of experts. */
  public boolean isMixtureOfExperts() {
    return layers.stream().anyMatch(l -> l.feedForward() instanceof MixtureOfExperts);
  }

  /** A copy with one more warning appended. */
  public ModelArchitecture withWarning(String warning) {
    List<String> more = new java.util.ArrayList<>(warnings);
    more.add(warning);
    return new ModelArchitecture(name, modelType, vocabSize, hiddenSize, embeddingSize,
        learnedPositions, embeddingNorms, layers, finalNorms, tieWordEmbeddings, lmHeadBias,
        maxPositionEmbeddings, torchDtype, multiTokenPrediction, more, visionTower, quantization, audioTower,
        extraEmbeddingParams, auxiliaryParams);
  }
}
