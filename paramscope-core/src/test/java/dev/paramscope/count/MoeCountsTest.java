package dev.paramscope.count;

import static dev.paramscope.count.PublishedCount.sparse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paramscope.config.ConfigReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exact total and active counts of mixture-of-experts models, from hyperparameters typed from
 * each model's published config.json. Sources as in {@link DenseCountsTest}; "derived" rows are
 * worked out by hand from the modeling file and agree with the publisher's rounded figures.
 */
class MoeCountsTest {

  static List<PublishedCount> models() {
    return List.of(
        sparse("Mixtral-8x7B-v0.1", 46_702_792_704L, 12_879_925_248L, "transformers; Mistral: 46.7B / 12.9B", """
            {"model_type":"mixtral","hidden_size":4096,"intermediate_size":14336,"num_attention_heads":32,
             "num_hidden_layers":32,"num_key_value_heads":8,"num_local_experts":8,"num_experts_per_tok":2,
             "vocab_size":32000,"tie_word_embeddings":false}"""),
        // derived: 24 layers of attention (q/k/v bias) + 60 experts of 3*2048*1408 + shared expert
        // 3*2048*5632 + gate 2048 + router 60*2048; Qwen: 14.3B total, 2.7B activated
        sparse("Qwen1.5-MoE-A2.7B", 14_315_784_192L, 2_689_173_504L, "derived; Qwen blog 14.3B / 2.7B", """
            {"model_type":"qwen2_moe","hidden_size":2048,"intermediate_size":5632,"num_attention_heads":16,
             "num_hidden_layers":24,"num_key_value_heads":16,"num_experts":60,"num_experts_per_tok":4,
             "moe_intermediate_size":1408,"shared_expert_intermediate_size":5632,"decoder_sparse_step":1,
             "vocab_size":151936,"tie_word_embeddings":false}"""),
        sparse("Qwen3-30B-A3B", 30_532_122_624L, 3_353_032_704L, "transformers; Qwen: 30.5B / 3.3B", """
            {"model_type":"qwen3_moe","hidden_size":2048,"intermediate_size":6144,"num_attention_heads":32,
             "num_hidden_layers":48,"num_key_value_heads":4,"head_dim":128,"num_experts":128,
             "num_experts_per_tok":8,"moe_intermediate_size":768,"mlp_only_layers":[],"vocab_size":151936,
             "tie_word_embeddings":false}"""),
        // derived: LayerNorms with bias, attention biases, 16 experts of 3*4096*6400, lm_head bias
        sparse("Phi-3.5-MoE", 41_873_153_344L, 6_640_999_744L, "derived; Microsoft: 41.9B / 6.6B", """
            {"model_type":"phimoe","hidden_size":4096,"intermediate_size":6400,"num_attention_heads":32,
             "num_hidden_layers":32,"num_key_value_heads":8,"num_local_experts":16,"num_experts_per_tok":2,
             "attention_bias":true,"lm_head_bias":true,"vocab_size":32064,"tie_word_embeddings":false}"""),
        // derived: q_norm over 2048, k_norm over 2048, 64 experts of 3*2048*1024
        sparse("OLMoE-1B-7B", 6_919_161_856L, 1_282_017_280L, "derived; OLMoE paper 6.9B / 1.3B", """
            {"model_type":"olmoe","hidden_size":2048,"intermediate_size":1024,"num_attention_heads":16,
             "num_hidden_layers":16,"num_key_value_heads":16,"num_experts":64,"num_experts_per_tok":8,
             "vocab_size":50304,"tie_word_embeddings":false}"""),
        sparse("DeepSeek-V2-Lite", 15_706_484_224L, 2_661_150_208L, "checkpoint tensors (COUNTS.csv)", """
            {"model_type":"deepseek_v2","hidden_size":2048,"intermediate_size":10944,"kv_lora_rank":512,
             "q_lora_rank":null,"moe_intermediate_size":1408,"n_routed_experts":64,"n_shared_experts":2,
             "num_attention_heads":16,"num_experts_per_tok":6,"num_hidden_layers":27,"num_key_value_heads":16,
             "first_k_dense_replace":1,"moe_layer_freq":1,"qk_nope_head_dim":128,"qk_rope_head_dim":64,
             "v_head_dim":128,"vocab_size":102400,"topk_method":"greedy"}"""),
        // derived; DeepSeek-V3 README: 671B main model + 14B MTP module = 685B on HF, 37B activated
        sparse("DeepSeek-V3", 671_026_419_200L, 37_552_297_472L, "derived; DeepSeek: 671B + MTP, 37B active", """
            {"model_type":"deepseek_v3","hidden_size":7168,"intermediate_size":18432,"moe_intermediate_size":2048,
             "num_hidden_layers":61,"num_nextn_predict_layers":1,"num_attention_heads":128,
             "num_key_value_heads":128,"n_shared_experts":1,"n_routed_experts":256,"kv_lora_rank":512,
             "q_lora_rank":1536,"qk_rope_head_dim":64,"v_head_dim":128,"qk_nope_head_dim":128,
             "topk_method":"noaux_tc","num_experts_per_tok":8,"moe_layer_freq":1,"first_k_dense_replace":3,
             "vocab_size":129280,"tie_word_embeddings":false}""").withExtra(13_463_426_304L),
        // derived; Moonshot: 1T total, 32B activated (HF page 1.03T)
        sparse("Kimi-K2", 1_026_408_232_448L, 32_861_500_928L, "derived; Moonshot 1T / 32B", """
            {"model_type":"kimi_k2","hidden_size":7168,"intermediate_size":18432,"moe_intermediate_size":2048,
             "num_hidden_layers":61,"num_nextn_predict_layers":0,"num_attention_heads":64,
             "num_key_value_heads":64,"n_shared_experts":1,"n_routed_experts":384,"kv_lora_rank":512,
             "q_lora_rank":1536,"qk_rope_head_dim":64,"v_head_dim":128,"qk_nope_head_dim":128,
             "num_experts_per_tok":8,"first_k_dense_replace":1,"vocab_size":163840,"tie_word_embeddings":false}"""),
        // derived; Z.ai counts without embeddings and with the MTP layer: 351.2B + 4.0B = 355B, 32B active
        sparse("GLM-4.5", 352_797_829_024L, 33_632_266_144L, "derived; Z.ai 355B / 32B", """
            {"model_type":"glm4_moe","attention_bias":true,"head_dim":128,"hidden_size":5120,
             "intermediate_size":12288,"moe_intermediate_size":1536,"n_routed_experts":160,"n_shared_experts":1,
             "num_attention_heads":96,"num_experts_per_tok":8,"num_hidden_layers":92,"num_key_value_heads":8,
             "num_nextn_predict_layers":1,"partial_rotary_factor":0.5,"first_k_dense_replace":3,
             "use_qk_norm":true,"vocab_size":151552,"tie_word_embeddings":false}""").withExtra(5_539_962_272L),
        sparse("gpt-oss-20b", 20_914_757_184L, 4_187_440_704L, "transformers; OpenAI model card 20.91B", """
            {"model_type":"gpt_oss","hidden_size":2880,"intermediate_size":2880,"num_attention_heads":64,
             "num_key_value_heads":8,"head_dim":64,"num_hidden_layers":24,"num_local_experts":32,
             "num_experts_per_tok":4,"vocab_size":201088,"sliding_window":128,"tie_word_embeddings":false}"""),
        // derived; OpenAI gpt-oss model card: 116.83B total
        sparse("gpt-oss-120b", 116_829_156_672L, 5_711_982_912L, "derived; OpenAI model card 116.83B", """
            {"model_type":"gpt_oss","hidden_size":2880,"intermediate_size":2880,"num_attention_heads":64,
             "num_key_value_heads":8,"head_dim":64,"num_hidden_layers":36,"num_local_experts":128,
             "num_experts_per_tok":4,"vocab_size":201088,"sliding_window":128,"tie_word_embeddings":false}"""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void countsTotalAndActiveExactly(PublishedCount row) {
    ParameterCount count = ParameterCounter.count(ConfigReader.parse(row.configJson(), row.model(), null));

    assertThat(count.totalParams()).as(row.source()).isEqualTo(row.total());
    assertThat(count.activeParams()).as("active, " + row.source()).isEqualTo(row.active());
    assertThat(count.extraParams()).isEqualTo(row.extra() == null ? 0L : row.extra());
    assertThat(count.isSparse()).isTrue();
  }

  @Test
  void gptOss120bActiveWithoutEmbeddingMatchesOpenAiFigure() {
    // OpenAI's model card: 5.13B active parameters per token, counting the unembedding but not
    // the embedding.
    ParameterCount count = ParameterCounter.count(
        ConfigReader.parse(models().get(10).configJson(), "gpt-oss-120b", null));

    assertThat(count.activeParamsExclEmbeddings() + count.params(Component.LM_HEAD))
        .isEqualTo(5_132_849_472L);
  }

  @Test
  void deepSeekV3MtpDescriptionNamesTheLayer() {
    ParameterCount count = ParameterCounter.count(
        ConfigReader.parse(models().get(6).configJson(), "DeepSeek-V3", null));

    assertThat(count.extraDescription()).startsWith("1 multi-token-prediction layer");
    // DeepSeek's README: 671B main model + 14B MTP module (13.46B, rounded up) = "685B" on
    // Hugging Face, whose figure also counts the FP8 checkpoint's weight_scale_inv tensors.
    assertThat(count.extraParams()).isBetween(13_000_000_000L, 14_000_000_000L);
    assertThat(count.totalParams() + count.extraParams()).isEqualTo(684_489_845_504L);
  }
}
