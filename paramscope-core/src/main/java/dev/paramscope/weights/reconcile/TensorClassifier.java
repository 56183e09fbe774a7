package dev.paramscope.weights.reconcile;

import dev.paramscope.model.MixtureOfExperts;
import dev.paramscope.model.ModelArchitecture;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sorts stored tensors into the counter's components by name, for Hugging Face names
 * ({@code model.layers.3.self_attn.q_proj.weight}) and GGUF names ({@code blk.3.attn_q.weight}),
 * following the placement {@code dev.paramscope.count.ParameterCounter} uses: q/k norms and MLA's
 * small norms belong to attention, a shared-expert gate and routing biases to the router.
 *
 * <p>Names follow transformers' modeling files and llama.cpp's {@code gguf-py/gguf/constants.py}
 * tensor names. Token mixers that are not attention count as attention, as the counter places them:
 * Mamba-2 ({@code .mamba.}: Granite 4, Falcon-H1), Gated DeltaNet ({@code .linear_attn.}:
 * Qwen3-Next), LFM2's short convolutions ({@code .conv.}) and Nemotron-H's blocks ({@code
 * backbone.layers.N.mixer.}: a Mamba-2 mixer, attention, an MLP of {@code up_proj}/{@code down_proj}
 * or an MoE), each with its inner norms. Granite 4's {@code shared_mlp} is the dense MLP, or the
 * shared expert beside {@code block_sparse_moe}'s fused experts ({@code input_linear},
 * {@code output_linear}) and {@code router}.
 */
final class TensorClassifier {
  private static final Pattern LAYER = Pattern.compile("(?:^|\\.)(?:layers|h|blocks|blk|layer)\\.(\\d+)\\.",
      Pattern.CASE_INSENSITIVE);

  private final int numLayers;
  private final boolean routedExperts;
  /**
   * Roles by name with the layer number taken out: a name's role never depends on its layer
   * number except for MTP, checked apart. DeepSeek-V3's 91,991 tensors have ~1,600 such names,
   * so a 163-shard inspect classifies those instead of every tensor. Keyed by the name as
   * stored: names are lower-cased only to be classified, once per key. Safe for concurrent use.
   */
  private final Map<String, TensorRole> byLayerlessName = new ConcurrentHashMap<>();

  /**
   * @param numLayers decoder layers of the model body; layers at or beyond it are MTP layers
   * @param routedExperts whether the model has routed experts (Granite 4's {@code shared_mlp} is then
   *     a shared expert, else its dense MLP)
   */
  TensorClassifier(int numLayers, boolean routedExperts) {
    this.numLayers = numLayers;
    this.routedExperts = routedExperts;
  }

  /** For {@code arch}'s checkpoints: its body's layers, and whether any layer routes to experts. */
  static TensorClassifier forModel(ModelArchitecture arch) {
    return new TensorClassifier(arch.numLayers(),
        arch.layers().stream().anyMatch(layer -> layer.feedForward() instanceof MixtureOfExperts));
  }

  TensorRole classify(String name) {
    Matcher layer = LAYER.matcher(name);
    boolean inLayer = layer.find();
    String layerless = inLayer ? name.substring(0, layer.start(1)) + name.substring(layer.end(1)) : name;
    TensorRole role = byLayerlessName.computeIfAbsent(layerless,
        n -> roleByName(name.toLowerCase(Locale.ROOT), routedExperts));
    boolean mtp = inLayer && numLayers > 0 && layerNumber(layer.group(1)) >= numLayers;
    return mtp && role != TensorRole.VISION && role != TensorRole.BUFFER && role != TensorRole.QUANT_SCALE
        ? TensorRole.MTP : role;
  }

  /** A layer number; one too long for an int is past every model's layers. */
  private static int layerNumber(String digits) {
    return digits.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(digits);
  }

  /** The role by name alone, the layer number aside. */
  private static TensorRole roleByName(String name, boolean routedExperts) {
    if (name.contains("vision_tower") || name.contains("vision_model") || name.contains("multi_modal_projector")
        || name.startsWith("visual.") || name.contains("mm_projector") || name.startsWith("v.") || name.startsWith("mm.")
        || name.contains("audio_tower") || name.contains("embed_vision.") || name.contains("embed_audio.")) {
      return TensorRole.VISION;
    }
    if (isBuffer(name)) {
      return TensorRole.BUFFER;
    }
    if (isQuantScale(name)) {
      return TensorRole.QUANT_SCALE;
    }
    if (name.startsWith("blk.") || name.startsWith("token_embd") || name.startsWith("output")
        || name.startsWith("position_embd")) {
      return ggufRole(name);
    }
    return huggingFaceRole(name, routedExperts);
  }

  private static boolean isBuffer(String name) {
    return name.endsWith("inv_freq") || name.endsWith(".attn.bias") || name.endsWith(".attn.masked_bias")
        || name.endsWith(".attention.bias") || name.endsWith(".attention.masked_bias")
        || name.startsWith("rope_freqs") || name.endsWith("position_ids");
  }

  private static boolean isQuantScale(String name) {
    return name.endsWith("weight_scale_inv") || name.endsWith("weight_scale") || name.endsWith("input_scale")
        || name.endsWith(".scales") || name.endsWith(".qzeros") || name.endsWith(".g_idx")
        || name.endsWith(".absmax") || name.endsWith(".quant_map") || name.contains(".quant_state.")
        || name.endsWith(".nested_absmax") || name.endsWith(".nested_quant_map") || name.endsWith(".scb")
        || name.endsWith(".weight_format");
  }

  private static TensorRole ggufRole(String name) {
    if (name.startsWith("token_embd_norm")) {
      return TensorRole.NORMS;
    }
    if (name.startsWith("token_embd") || name.startsWith("position_embd")) {
      return TensorRole.EMBEDDINGS;
    }
    if (name.startsWith("output_norm")) {
      return TensorRole.NORMS;
    }
    if (name.startsWith("output.")) {
      return TensorRole.LM_HEAD;
    }
    String part = name.replaceFirst("^blk\\.\\d+\\.", "");
    if (part.startsWith("attn_q_norm") || part.startsWith("attn_k_norm") || part.startsWith("attn_q_a_norm")
        || part.startsWith("attn_kv_a_norm")) {
      return TensorRole.ATTENTION;
    }
    if (part.contains("norm")) {
      return TensorRole.NORMS;
    }
    if (part.startsWith("attn_")) {
      return TensorRole.ATTENTION;
    }
    if (part.startsWith("ffn_gate_inp") || part.startsWith("exp_probs_b")) {
      return TensorRole.ROUTER;
    }
    if (part.contains("_exps")) {
      return TensorRole.ROUTED_EXPERTS;
    }
    if (part.contains("_shexp")) {
      return TensorRole.SHARED_EXPERTS;
    }
    if (part.startsWith("ffn_")) {
      return TensorRole.MLP;
    }
    return TensorRole.OTHER;
  }

  /** A Nemotron-H block's {@code mixer} (modular_nemotron_h.py): whichever the block holds. */
  private static TensorRole nemotronMixerRole(String name) {
    if (name.contains(".mixer.experts.")) {
      return TensorRole.ROUTED_EXPERTS;
    }
    if (name.contains(".mixer.shared_experts.")) {
      return TensorRole.SHARED_EXPERTS;
    }
    if (name.contains(".mixer.gate.")) {
      return TensorRole.ROUTER;
    }
    if (name.contains(".mixer.fc1_latent_proj.") || name.contains(".mixer.fc2_latent_proj.")) {
      return TensorRole.OTHER;
    }
    if (name.contains(".mixer.up_proj.") || name.contains(".mixer.down_proj.")) {
      return TensorRole.MLP;
    }
    return TensorRole.ATTENTION; // Mamba-2 (its gated norm included) or attention projections
  }

  private static TensorRole huggingFaceRole(String name, boolean routedExperts) {
    if (name.startsWith("lm_head.") || name.startsWith("embed_out.") || name.contains(".lm_head.")) {
      return TensorRole.LM_HEAD;
    }
    if (name.startsWith("backbone.embeddings.")) {
      return TensorRole.EMBEDDINGS;
    }
    if (name.contains(".mixer.")) {
      return nemotronMixerRole(name);
    }
    if (name.contains(".mamba.") || name.contains(".linear_attn.") || name.contains(".conv.")) {
      return TensorRole.ATTENTION;
    }
    if (name.contains(".shared_mlp.")) {
      return routedExperts ? TensorRole.SHARED_EXPERTS : TensorRole.MLP;
    }
    if (name.contains(".block_sparse_moe.input_linear.") || name.contains(".block_sparse_moe.output_linear.")) {
      return TensorRole.ROUTED_EXPERTS;
    }
    if (name.contains(".block_sparse_moe.router.")) {
      return TensorRole.ROUTER;
    }
    if (name.contains("word_embeddings_layernorm")) {
      return TensorRole.NORMS;
    }
    if (name.contains("embed_tokens") || name.contains(".wte.") || name.contains(".wpe.") || name.contains("embed_in.")
        || name.contains("word_embeddings") || name.contains("embed_positions") || name.contains("position_embeddings")) {
      return TensorRole.EMBEDDINGS;
    }
    if (name.contains("project_in") || name.contains("project_out")) {
      return TensorRole.OTHER;
    }
    if (name.contains(".self_attn.") || name.contains(".attn.") || name.contains(".attention.")
        || name.contains(".self_attention.")) {
      return TensorRole.ATTENTION;
    }
    if (name.contains("shared_expert_gate") || name.contains("e_score_correction_bias") || name.contains(".mlp.gate.")
        || name.contains(".block_sparse_moe.gate.") || name.contains(".mlp.router.")) {
      return TensorRole.ROUTER;
    }
    if (name.contains(".shared_expert.") || name.contains(".shared_experts.")) {
      return TensorRole.SHARED_EXPERTS;
    }
    if (name.contains(".experts.")) {
      return TensorRole.ROUTED_EXPERTS;
    }
    if (name.contains(".mlp.") || name.contains(".feed_forward.") || name.contains(".block_sparse_moe.")) {
      return TensorRole.MLP;
    }
    if (name.contains("norm") || name.contains(".ln_") || name.startsWith("ln_")) {
      return TensorRole.NORMS;
    }
    return TensorRole.OTHER;
  }
}
