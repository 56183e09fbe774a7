package dev.paramscope.config;

import static java.lang.Math.addExact;
import static java.lang.Math.multiplyExact;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.DenseMlp;
import dev.paramscope.model.MultiHeadAttention;
import dev.paramscope.model.Norm;
import dev.paramscope.model.NormKind;
import dev.paramscope.model.VisionTower;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Gemma 3n ({@code Gemma3nConfig}, modeling_gemma3n.py): {@code gemma3n} nests the language model
 * in {@code text_config}, the MobileNetV5 vision encoder in {@code vision_config} (counted by
 * {@link MobileNetV5}) and the USM audio encoder in {@code audio_config} (counted by
 * {@link Gemma3nAudio}); {@code gemma3n_text} is the language model alone.
 *
 * <p>Each layer ({@code Gemma3nTextDecoderLayer}): grouped-query attention with RMS q/k norms over
 * one head (the v norm has no weight), biased everywhere only with {@code attention_bias}; a gated
 * MLP whose width {@code intermediate_size} may differ per layer (a list); seven RMSNorms over the
 * hidden size (Gemma's four sandwich norms, {@code post_laurel_norm}, AltUp's
 * {@code router_norm}, {@code post_per_layer_input_norm}); and, counted as other: AltUp
 * ({@code correct_output_scale} H, {@code correction_coefs} n×n, {@code prediction_coefs} n×n²,
 * {@code modality_router} H×n, n = {@code altup_num_inputs}), LAuReL (H → {@code laurel_rank} → H)
 * and the per-layer-input gate and projection (H ↔ {@code hidden_size_per_layer_input} P).
 * Activation sparsity ({@code activation_sparsity_pattern}) has no parameters.
 *
 * <p>Model: the token embedding (tied head), the per-layer embeddings
 * ({@code embed_tokens_per_layer}, {@code vocab_size_per_layer_input} × layers·P, an embedding),
 * {@code per_layer_model_projection} (H → layers·P) and {@code altup_projections} /
 * {@code altup_unembed_projections} (n − 1 of H → H each), counted as other, the RMSNorm
 * {@code per_layer_projection_norm} (P) and the final norm.
 *
 * <p>Layer types come from {@code layer_types}, else every fifth layer is global and the rest slide
 * over {@code sliding_window} (512) tokens. The last {@code num_kv_shared_layers} layers reuse the
 * keys and values of the last earlier layer of their type and cache none; they still store their
 * k/v projections.
 */
final class Gemma3nFamily implements Family {
  /** Gemma3nTextConfig defaults. */
  static final FamilyDefaults DEFAULTS = new FamilyDefaults(262400, 16384, 8, 2, 256, 32768, true);

  @Override
  public List<String> modelTypes() {
    return List.of("gemma3n", "gemma3n_text");
  }

  @Override
  public void read(ConfigObject outer, String modelType, ArchitectureBuilder arch) {
    if ("gemma3n_text".equals(modelType)) {
      readText(outer, arch);
      return;
    }
    ConfigObject text = outer.child("text_config");
    if (text == null) {
      throw outer.problem("model_type gemma3n needs a text_config object");
    }
    readText(text, arch);
    if (!text.has("tie_word_embeddings")) {
      arch.tieWordEmbeddings = outer.bool("tie_word_embeddings", true);
    }
    ConfigObject vision = outer.child("vision_config");
    if (vision != null) {
      arch.visionTower = vision(vision, arch.hiddenSize);
    }
    ConfigObject audio = outer.child("audio_config");
    if (audio != null) {
      arch.audioTower = Gemma3nAudio.read(audio, arch.hiddenSize);
    }
  }

  private static void readText(ConfigObject c, ArchitectureBuilder arch) {
    DecoderShape s = DecoderShape.read(withoutKey(c, "intermediate_size"), DEFAULTS);
    int layers = s.numLayers();
    long hidden = s.hiddenSize();
    long altup = c.positive(4, "altup_num_inputs");
    long perLayerWidth = c.positive(256, "hidden_size_per_layer_input");
    int shared = c.nonNegative("num_kv_shared_layers", 15);
    if (shared > layers) {
      throw c.problem(String.format(Locale.ROOT,
          "num_kv_shared_layers (%d) exceeds num_hidden_layers (%d)", shared, layers));
    }
    long altupParams = addExact(addExact(hidden, multiplyExact(altup, altup)),
        addExact(multiplyExact(altup, multiplyExact(altup, altup)), multiplyExact(hidden, altup)));
    long laurel = multiplyExact(2 * hidden, c.positive(64, "laurel_rank"));
    long perLayerInput = multiplyExact(2 * hidden, perLayerWidth);
    long auxiliary = addExact(addExact(altupParams, laurel), perLayerInput);
    int[] windows = SlidingWindows.read(c, layers, c.nonNegative("sliding_window", 512),
        SlidingWindows.Pattern.EVERY_NTH_GLOBAL, 5);
    boolean bias = c.bool("attention_bias", false);
    MultiHeadAttention attention = s.attention(bias, bias, s.perHeadRmsQkNorms(), false);
    List<Norm> norms = new ArrayList<>(GemmaNorms.sandwich(s));
    norms.add(s.norm("post_laurel_norm", NormKind.RMS_NORM));
    norms.add(s.norm("altup.router_norm", NormKind.RMS_NORM));
    norms.add(s.norm("post_per_layer_input_norm", NormKind.RMS_NORM));
    arch.shape(s);
    // Gemma3nTextAttention.is_kv_shared_layer: layer_idx >= num_hidden_layers - num_kv_shared_layers > 0.
    int firstShared = layers - shared;
    for (int i = 0; i < layers; i++) {
      int width = c.perLayerInt("intermediate_size", DEFAULTS.intermediateSize(), layers, i, 1);
      DenseMlp mlp = new DenseMlp(width, true, false);
      arch.layers.add(new DecoderLayer(attention, mlp, norms, windows[i], 0, auxiliary,
          firstShared > 0 && i >= firstShared));
    }
    long perLayerTable = multiplyExact(layers, perLayerWidth);
    arch.extraEmbeddingParams = multiplyExact((long) c.positive(262144, "vocab_size_per_layer_input"), perLayerTable);
    arch.auxiliaryParams = addExact(multiplyExact(hidden, perLayerTable),
        multiplyExact(2 * (altup - 1), multiplyExact(hidden, hidden)));
    arch.embeddingNorms = List.of(new Norm("per_layer_projection_norm", NormKind.RMS_NORM, (int) perLayerWidth));
    arch.finalNorms = List.of(s.norm("norm", NormKind.RMS_NORM));
  }

  private static ConfigObject withoutKey(ConfigObject c, String key) {
    ObjectNode copy = ((ObjectNode) c.node()).deepCopy();
    copy.remove(key);
    return new ConfigObject(copy, c.source());
  }

  /**
   * The timm vision encoder {@code vision_config.architecture} names and the projector
   * {@code embed_vision} ({@code Gemma3nMultimodalEmbedder}: an embedding of {@code vocab_size}
   * (128) image tokens × the vision hidden size V, hard and soft embedding RMSNorms (V each), a
   * projection V → text hidden; its post-projection norm has no weight).
   */
  private static VisionTower vision(ConfigObject v, int textHidden) {
    String architecture = v.text("architecture");
    if (architecture != null && !MobileNetV5.ARCHITECTURE.equals(architecture)) {
      throw v.problem("vision_config.architecture: timm architecture '" + architecture
          + "' is not known (known: " + MobileNetV5.ARCHITECTURE + ")");
    }
    long width = v.positive(2048, "hidden_size");
    long projector = addExact(addExact(multiplyExact((long) v.positive(128, "vocab_size"), width), 2 * width),
        multiplyExact(width, textHidden));
    return new VisionTower(MobileNetV5.params(), projector, "Gemma 3n MobileNetV5-300M vision encoder ("
        + MobileNetV5.ARCHITECTURE + ")");
  }
}
