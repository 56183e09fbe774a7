package dev.paramscope.config;

import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.LatentAttention;
import dev.paramscope.model.NormKind;
import java.util.List;

/**
 * MiniCPM3 ({@code MiniCPM3Config}, modular_minicpm3.py in transformers; the checkpoint's remote
 * code configuration_minicpm.py / modeling_minicpm.py; vLLM minicpm3.py): Llama's layers (RMSNorm
 * pre-norms, gated MLP, final {@code norm}) with DeepSeek-V2's multi-head latent attention
 * ({@code MiniCPMAttention}: {@code q_a_proj}, {@code q_a_layernorm}, {@code q_b_proj},
 * {@code kv_a_proj_with_mqa}, {@code kv_a_layernorm}, {@code kv_b_proj}, {@code o_proj}; a plain
 * {@code q_proj} when {@code q_lora_rank} is null). {@code v_head_dim} defaults to
 * hidden / heads; the head is tied by default.
 *
 * <p>Not parameters: {@code scale_emb}, {@code scale_depth} and {@code dim_model_base} are config
 * scalars the forward pass multiplies by (embeddings, residual branches, logits).
 */
final class MiniCpm3Family implements Family {
  /** MiniCPM3Config defaults (transformers; they are MiniCPM3-4B's sizes). */
  static final FamilyDefaults DEFAULTS = new FamilyDefaults(73448, 6400, 40, 0, 0, 32768, true);

  @Override
  public List<String> modelTypes() {
    return List.of("minicpm3");
  }

  @Override
  public void read(ConfigObject c, String modelType, ArchitectureBuilder arch) {
    DecoderShape s = DecoderShape.read(c, DEFAULTS);
    // Absent: the default rank 768; null: a plain q_proj (MiniCPM3Config, as DeepSeek-V2 reads it).
    int qLoraRank = !c.node().has("q_lora_rank") ? 768 : c.nonNegative("q_lora_rank", 0);
    int vHeadDim = c.has("v_head_dim") ? c.positive(0, "v_head_dim")
        : DecoderShape.dividedHeadDim(c, s.hiddenSize(), s.numHeads());
    LatentAttention attention = new LatentAttention(s.numHeads(), qLoraRank, c.positive(256, "kv_lora_rank"),
        c.nonNegative("qk_nope_head_dim", 64), c.nonNegative("qk_rope_head_dim", 32), vHeadDim,
        c.bool("attention_bias", false));
    arch.shape(s);
    for (int i = 0; i < s.numLayers(); i++) {
      arch.layers.add(new DecoderLayer(attention, s.gatedMlp(c.bool("mlp_bias", false)),
          s.preNorms(NormKind.RMS_NORM), 0));
    }
    arch.finalNorms = List.of(s.norm("norm", NormKind.RMS_NORM));
  }
}
