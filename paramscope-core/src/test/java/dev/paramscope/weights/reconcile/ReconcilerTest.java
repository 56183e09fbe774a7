package dev.paramscope.weights.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paramscope.config.ConfigReader;
import dev.paramscope.count.ParameterCount;
import dev.paramscope.count.ParameterCounter;
import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.weights.CheckpointFile;
import dev.paramscope.weights.CheckpointSummary;
import dev.paramscope.weights.TensorInfo;
import dev.paramscope.weights.WeightFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReconcilerTest {
  private static final String LLAMA = """
      {"model_type": "llama", "hidden_size": 64, "intermediate_size": 128, "num_attention_heads": 4,
       "num_hidden_layers": 1, "vocab_size": 100, "tie_word_embeddings": false}
      """;

  private static TensorInfo t(String name, String type, long... shape) {
    long params = 1;
    List<Long> dims = new ArrayList<>();
    for (long d : shape) {
      params *= d;
      dims.add(d);
    }
    long bytes = type.equals("I32") || type.equals("F32") ? params * 4 : type.equals("F8_E4M3") ? params : params * 2;
    return new TensorInfo(name, type, dims, params, bytes, 0);
  }

  private static Reconciliation reconcile(String config, List<TensorInfo> tensors) {
    ModelArchitecture arch = ConfigReader.parse(config, "config.json", null);
    ParameterCount count = ParameterCounter.count(arch);
    CheckpointSummary summary = new CheckpointSummary(WeightFormat.SAFETENSORS, 0, 0, Map.of(), tensors,
        List.of(new CheckpointFile("model.safetensors", 1L << 30, 8, tensors.size())));
    return Reconciler.reconcile(arch, count, summary, "config.json", 4);
  }

  private static List<TensorInfo> body(String projType, boolean gptq) {
    List<TensorInfo> tensors = new ArrayList<>(List.of(
        t("model.embed_tokens.weight", "BF16", 100, 64), t("lm_head.weight", "BF16", 100, 64),
        t("model.norm.weight", "BF16", 64), t("model.layers.0.input_layernorm.weight", "BF16", 64),
        t("model.layers.0.post_attention_layernorm.weight", "BF16", 64)));
    String[][] linears = {{"self_attn.q_proj", "64", "64"}, {"self_attn.k_proj", "64", "64"},
        {"self_attn.v_proj", "64", "64"}, {"self_attn.o_proj", "64", "64"}, {"mlp.gate_proj", "128", "64"},
        {"mlp.up_proj", "128", "64"}, {"mlp.down_proj", "64", "128"}};
    for (String[] l : linears) {
      long out = Long.parseLong(l[1]);
      long in = Long.parseLong(l[2]);
      String p = "model.layers.0." + l[0];
      if (gptq) {
        // AutoGPTQ layout: qweight [in/8, out] int32 (eight 4-bit values each), scales and qzeros per group.
        tensors.add(t(p + ".qweight", "I32", in / 8, out));
        tensors.add(t(p + ".scales", "F16", 1, out));
        tensors.add(t(p + ".qzeros", "I32", 1, out / 8));
        tensors.add(t(p + ".g_idx", "I32", in));
      } else {
        tensors.add(t(p + ".weight", projType, out, in));
        if (projType.equals("F8_E4M3")) {
          tensors.add(t(p + ".weight_scale_inv", "F32", 1, 1));
        }
      }
    }
    return tensors;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"BF16, false", "F8_E4M3, false", "I32, true"})
  void quantizedCheckpointsCountLogicalParameters(String type, boolean gptq) {
    Reconciliation r = reconcile(LLAMA, body(type, gptq));
    assertThat(r.reconciled()).as(r.rows().toString()).isTrue();
    assertThat(r.storedTotal() - r.expectedTotal())
        .isEqualTo(r.rows().stream().filter(row -> row.part().equals("quant_scale")).mapToLong(Reconciliation.Row::stored).sum());
    if (!type.equals("BF16")) {
      assertThat(r.rows()).anyMatch(row -> row.part().equals("quant_scale") && row.explanation().equals("quant_scales"));
    }
  }

  /**
   * A Nemotron-H checkpoint as NemotronHForCausalLM names it (modular_nemotron_h.py): every block a
   * {@code norm} and a {@code mixer} (Mamba-2, attention, MLP, MoE), under {@code backbone.}. Shapes
   * follow the modules: in_proj 2·16 + 2·8 + 4 rows, conv1d over 16 + 2·8 channels.
   */
  @Test
  void nemotronHBlocksReconcileByTheirMixer() {
    String config = """
        {"model_type": "nemotron_h", "hidden_size": 16, "vocab_size": 10, "num_hidden_layers": 4,
         "hybrid_override_pattern": "M*-E", "num_attention_heads": 2, "num_key_value_heads": 1, "head_dim": 8,
         "intermediate_size": 32, "mamba_num_heads": 4, "mamba_head_dim": 4, "ssm_state_size": 8, "n_groups": 1,
         "conv_kernel": 4, "n_routed_experts": 2, "num_experts_per_tok": 1, "moe_intermediate_size": 8,
         "moe_shared_expert_intermediate_size": 8, "n_shared_experts": 1, "tie_word_embeddings": false}
        """;
    String b = "backbone.layers.";
    List<TensorInfo> tensors = new ArrayList<>(List.of(
        t("backbone.embeddings.weight", "BF16", 10, 16), t("lm_head.weight", "BF16", 10, 16),
        t("backbone.norm_f.weight", "BF16", 16),
        t(b + "0.mixer.in_proj.weight", "BF16", 52, 16), t(b + "0.mixer.conv1d.weight", "BF16", 32, 1, 4),
        t(b + "0.mixer.conv1d.bias", "BF16", 32), t(b + "0.mixer.dt_bias", "BF16", 4), t(b + "0.mixer.A_log", "F32", 4),
        t(b + "0.mixer.D", "F32", 4), t(b + "0.mixer.norm.weight", "BF16", 16), t(b + "0.mixer.out_proj.weight", "BF16", 16, 16),
        t(b + "1.mixer.q_proj.weight", "BF16", 16, 16), t(b + "1.mixer.k_proj.weight", "BF16", 8, 16),
        t(b + "1.mixer.v_proj.weight", "BF16", 8, 16), t(b + "1.mixer.o_proj.weight", "BF16", 16, 16),
        t(b + "2.mixer.up_proj.weight", "BF16", 32, 16), t(b + "2.mixer.down_proj.weight", "BF16", 16, 32),
        t(b + "3.mixer.gate.weight", "BF16", 2, 16), t(b + "3.mixer.gate.e_score_correction_bias", "F32", 2),
        t(b + "3.mixer.shared_experts.up_proj.weight", "BF16", 8, 16),
        t(b + "3.mixer.shared_experts.down_proj.weight", "BF16", 16, 8)));
    for (int layer = 0; layer < 4; layer++) {
      tensors.add(t(b + layer + ".norm.weight", "BF16", 16));
    }
    for (int expert = 0; expert < 2; expert++) {
      tensors.add(t(b + "3.mixer.experts." + expert + ".up_proj.weight", "BF16", 8, 16));
      tensors.add(t(b + "3.mixer.experts." + expert + ".down_proj.weight", "BF16", 16, 8));
    }
    Reconciliation r = reconcile(config, tensors);
    assertThat(r.reconciled()).as(r.rows().toString()).isTrue();
    assertThat(r.rows()).allMatch(row -> row.explanation().equals("match"));
    assertThat(r.storedTotal()).isEqualTo(r.expectedTotal());
  }

  @Test
  void layersBeyondTheBodyAreMtp() {
    List<TensorInfo> tensors = new ArrayList<>(body("BF16", false));
    tensors.add(t("model.layers.1.eh_proj.weight", "BF16", 64, 128));
    Reconciliation r = reconcile(LLAMA, tensors);
    assertThat(r.rows()).anyMatch(row -> row.part().equals("mtp") && row.stored() == 64 * 128);
    // The llama config declares no MTP layers, so their size cannot be matched: unexplained.
    assertThat(r.unexplained()).isEqualTo(64 * 128);
  }

  @Test
  void ggufAndHuggingFaceNamesSortAlike() {
    TensorClassifier c = new TensorClassifier(32, false);
    assertThat(c.classify("blk.3.attn_q.weight")).isEqualTo(TensorRole.ATTENTION);
    assertThat(c.classify("blk.3.attn_norm.weight")).isEqualTo(TensorRole.NORMS);
    assertThat(c.classify("blk.3.attn_k_norm.weight")).isEqualTo(TensorRole.ATTENTION);
    assertThat(c.classify("blk.3.ffn_gate_exps.weight")).isEqualTo(TensorRole.ROUTED_EXPERTS);
    assertThat(c.classify("blk.3.ffn_up_shexp.weight")).isEqualTo(TensorRole.SHARED_EXPERTS);
    assertThat(c.classify("blk.3.ffn_gate_inp.weight")).isEqualTo(TensorRole.ROUTER);
    assertThat(c.classify("token_embd.weight")).isEqualTo(TensorRole.EMBEDDINGS);
    assertThat(c.classify("output.weight")).isEqualTo(TensorRole.LM_HEAD);
    assertThat(c.classify("output_norm.weight")).isEqualTo(TensorRole.NORMS);
    assertThat(c.classify("model.layers.3.self_attn.q_norm.weight")).isEqualTo(TensorRole.ATTENTION);
    // Names are classified as stored, upper case included, and a layer number past int is an MTP layer, not an error.
    assertThat(c.classify("Model.Layers.3.Self_Attn.Q_Proj.Weight")).isEqualTo(TensorRole.ATTENTION);
    assertThat(c.classify("model.layers.99999999999.self_attn.q_proj.weight")).isEqualTo(TensorRole.MTP);
    assertThat(c.classify("model.layers.3.mlp.experts.7.down_proj.weight")).isEqualTo(TensorRole.ROUTED_EXPERTS);
    assertThat(c.classify("model.layers.3.mlp.shared_experts.up_proj.weight")).isEqualTo(TensorRole.SHARED_EXPERTS);
    assertThat(c.classify("model.layers.3.mlp.gate.e_score_correction_bias")).isEqualTo(TensorRole.ROUTER);
    assertThat(c.classify("model.layers.3.mlp.gate_proj.weight")).isEqualTo(TensorRole.MLP);
    // Token mixers other than attention (Granite 4 and Falcon-H1's Mamba-2, Qwen3-Next's Gated
    // DeltaNet, LFM2's convolutions), their inner norms included, are attention as the counter has it.
    assertThat(c.classify("model.layers.3.mamba.in_proj.weight")).isEqualTo(TensorRole.ATTENTION);
    assertThat(c.classify("model.layers.3.mamba.norm.weight")).isEqualTo(TensorRole.ATTENTION);
    assertThat(c.classify("model.layers.3.linear_attn.in_proj_qkvz.weight")).isEqualTo(TensorRole.ATTENTION);
    assertThat(c.classify("model.layers.3.conv.in_proj.weight")).isEqualTo(TensorRole.ATTENTION);
    assertThat(c.classify("model.layers.3.feed_forward.w1.weight")).isEqualTo(TensorRole.MLP);
    assertThat(c.classify("model.layers.3.operator_norm.weight")).isEqualTo(TensorRole.NORMS);
    // Granite 4: shared_mlp is the dense MLP, or a shared expert beside block_sparse_moe's experts.
    assertThat(c.classify("model.layers.3.shared_mlp.input_linear.weight")).isEqualTo(TensorRole.MLP);
    TensorClassifier moe = new TensorClassifier(32, true);
    assertThat(moe.classify("model.layers.3.shared_mlp.input_linear.weight")).isEqualTo(TensorRole.SHARED_EXPERTS);
    assertThat(moe.classify("model.layers.3.block_sparse_moe.input_linear.weight")).isEqualTo(TensorRole.ROUTED_EXPERTS);
    assertThat(moe.classify("model.layers.3.block_sparse_moe.router.layer.weight")).isEqualTo(TensorRole.ROUTER);
    assertThat(c.classify("transformer.h.0.attn.bias")).isEqualTo(TensorRole.BUFFER);
    assertThat(c.classify("transformer.h.0.attn.c_attn.bias")).isEqualTo(TensorRole.ATTENTION);
    assertThat(c.classify("transformer.h.0.ln_1.weight")).isEqualTo(TensorRole.NORMS);
    assertThat(c.classify("model.layers.61.enorm.weight")).isEqualTo(TensorRole.MTP);
    assertThat(c.classify("vision_tower.vision_model.encoder.layers.0.mlp.fc1.weight")).isEqualTo(TensorRole.VISION);
    // Gemma 3n: the audio tower and both multimodal embedders are towers; AltUp, LAuReL and the
    // per-layer-input projections are other, their norms norms, the per-layer table an embedding.
    assertThat(c.classify("model.audio_tower.conformer.3.attention.attn.q_proj.weight")).isEqualTo(TensorRole.VISION);
    assertThat(c.classify("model.embed_audio.embedding_projection.weight")).isEqualTo(TensorRole.VISION);
    assertThat(c.classify("model.embed_vision.hard_embedding_norm.weight")).isEqualTo(TensorRole.VISION);
    assertThat(c.classify("model.language_model.embed_tokens_per_layer.weight")).isEqualTo(TensorRole.EMBEDDINGS);
    assertThat(c.classify("model.language_model.layers.3.altup.prediction_coefs.weight")).isEqualTo(TensorRole.OTHER);
    assertThat(c.classify("model.language_model.layers.3.altup.router_norm.weight")).isEqualTo(TensorRole.NORMS);
    assertThat(c.classify("model.language_model.layers.3.laurel.linear_left.weight")).isEqualTo(TensorRole.OTHER);
    assertThat(c.classify("model.language_model.layers.3.per_layer_input_gate.weight")).isEqualTo(TensorRole.OTHER);
    assertThat(c.classify("model.language_model.altup_unembed_projections.2.weight")).isEqualTo(TensorRole.OTHER);
  }
}
