package dev.paramscope.count;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paramscope.config.ConfigReader;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Breakdowns, tied heads, biases and the invariants of {@link ParameterCount}. */
class ParameterCounterTest {

  private static ParameterCount count(String json) {
    return ParameterCounter.count(ConfigReader.parse(json, "test.json", null));
  }

  @Test
  void gpt2BreakdownByComponent() {
    ParameterCount c = count("""
        {"model_type":"gpt2","n_embd":768,"n_layer":12,"n_head":12,"n_positions":1024,"vocab_size":50257}""");
    // wte 50257*768 + wpe 1024*768
    assertThat(c.params(Component.EMBEDDINGS)).isEqualTo(39_383_808L);
    // 12 * (c_attn 768*2304 + 2304 + c_proj 768*768 + 768)
    assertThat(c.params(Component.ATTENTION)).isEqualTo(28_348_416L);
    // 12 * (c_fc 768*3072 + 3072 + c_proj 3072*768 + 768)
    assertThat(c.params(Component.MLP)).isEqualTo(56_669_184L);
    // 12 * (ln_1 + ln_2) + ln_f, weight and bias each
    assertThat(c.params(Component.NORMS)).isEqualTo(38_400L);
    assertThat(c.params(Component.LM_HEAD)).isZero();
    assertThat(c.tiedEmbeddings()).isTrue();
    assertThat(c.breakdown().keySet()).extracting(Component::jsonKey).containsExactly("embeddings",
        "attention", "mlp", "routed_experts", "shared_experts", "router", "norms", "lm_head", "vision", "projector", "audio", "other");
    assertThat(c.activeParamsExclEmbeddings()).isEqualTo(124_439_808L - 39_383_808L);
  }

  @Test
  void phiHeadHasABias() {
    ParameterCount c = count("""
        {"model_type":"phi","hidden_size":2560,"intermediate_size":10240,"num_attention_heads":32,
         "num_hidden_layers":32,"vocab_size":51200}""");
    assertThat(c.params(Component.LM_HEAD)).isEqualTo(51_200L * 2560 + 51_200);
    assertThat(c.totalParams()).isEqualTo(2_779_683_840L);
  }

  @Test
  void optProjectionsAreOther() {
    ParameterCount c = count("""
        {"model_type":"opt","hidden_size":1024,"ffn_dim":4096,"num_attention_heads":16,"num_hidden_layers":24,
         "vocab_size":50272,"word_embed_proj_dim":512,"do_layer_norm_before":false}""");
    assertThat(c.params(Component.OTHER)).isEqualTo(2L * 512 * 1024);
    // 50272*512 token embeddings + (2048+2) * 1024 positions
    assertThat(c.params(Component.EMBEDDINGS)).isEqualTo(50_272L * 512 + 2050L * 1024);
  }

  @Test
  void olmoNormsHaveNoParameters() {
    ParameterCount c = count("""
        {"model_type":"olmo","hidden_size":64,"intermediate_size":128,"num_attention_heads":4,
         "num_hidden_layers":2,"vocab_size":100}""");
    assertThat(c.params(Component.NORMS)).isZero();
  }

  @Test
  void stableLmPerHeadNormsAndParallelResidual() {
    String json = """
        {"model_type":"stablelm","hidden_size":2560,"intermediate_size":6912,"num_attention_heads":32,
         "num_hidden_layers":32,"num_key_value_heads":8,"vocab_size":50304%s}""";
    long plain = count(json.formatted("")).totalParams();
    // q_layernorm: 32 heads x 80, k_layernorm: 8 heads x 80, weights only; 32 layers
    assertThat(count(json.formatted(",\"qk_layernorm\":true")).totalParams() - plain).isEqualTo(32L * 40 * 80);
    // no post_attention_layernorm (weight + bias of 2560) in 32 layers
    assertThat(plain - count(json.formatted(",\"use_parallel_residual\":true")).totalParams())
        .isEqualTo(32L * 2 * 2560);
    // q/k/v biases: 2560 + 2 * 640 per layer
    assertThat(count(json.formatted(",\"use_qkv_bias\":true")).totalParams() - plain).isEqualTo(32L * 3840);
  }

  @Test
  void routerBiasesAndSharedExpertsAreTheirOwnComponents() {
    ParameterCount c = count("""
        {"model_type":"qwen2_moe","hidden_size":2048,"intermediate_size":5632,"num_attention_heads":16,
         "num_hidden_layers":24,"num_key_value_heads":16,"num_experts":60,"num_experts_per_tok":4,
         "moe_intermediate_size":1408,"shared_expert_intermediate_size":5632,"vocab_size":151936}""");
    assertThat(c.params(Component.SHARED_EXPERTS)).isEqualTo(24L * 3 * 2048 * 5632);
    // router 60*2048 + shared_expert_gate 2048, per layer
    assertThat(c.params(Component.ROUTER)).isEqualTo(24L * 61 * 2048);
    assertThat(c.params(Component.ROUTED_EXPERTS)).isEqualTo(24L * 60 * 3 * 2048 * 1408);
    assertThat(c.totalParams() - c.activeParams()).isEqualTo(24L * 56 * 3 * 2048 * 1408);
  }

  @Test
  void recordRejectsABreakdownThatDoesNotSum() {
    Map<Component, Long> parts = new EnumMap<>(Component.class);
    for (Component comp : Component.values()) {
      parts.put(comp, 1L);
    }
    assertThatThrownBy(() -> new ParameterCount(10, 10, 5, parts, false, 0, ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sums to 12");
    parts.remove(Component.OTHER);
    assertThatThrownBy(() -> new ParameterCount(9, 9, 5, parts, false, 0, ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other");
  }
}
