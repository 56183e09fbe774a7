package dev.paramscope.count;

import static dev.paramscope.count.PublishedCount.dense;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paramscope.config.ConfigReader;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exact counts of dense models, one row per family, from hyperparameters typed from each
 * model's published config.json. Sources: "transformers" = the sum of
 * {@code AutoModelForCausalLM.from_config(cfg).parameters()} (transformers 5.12.1, as listed in
 * shared/testdata/configs/COUNTS.csv); "derived" = worked out by hand from the HF modeling
 * file (formula in the comment) and consistent with the rounded figure the publisher states.
 */
class DenseCountsTest {

  static List<PublishedCount> models() {
    return List.of(
        dense("gpt2", 124_439_808L, "transformers; HF model page 124M", """
            {"model_type":"gpt2","n_embd":768,"n_layer":12,"n_head":12,"n_positions":1024,"vocab_size":50257}"""),
        dense("pythia-160m", 162_322_944L, "Pythia paper (arXiv:2304.01373) Table 1: 162,322,944", """
            {"model_type":"gpt_neox","hidden_size":768,"intermediate_size":3072,"num_attention_heads":12,
             "num_hidden_layers":12,"vocab_size":50304,"tie_word_embeddings":false,"use_parallel_residual":true}"""),
        // derived: wte 50400*4096 + 28*(ln 2*4096 + qkvo 4*4096^2 + fc_in/out 2*4096*16384 + 16384 + 4096)
        // + ln_f 8192 + lm_head 50400*4096 + 50400 bias; HF page "6.05B"
        dense("gpt-j-6b", 6_050_882_784L, "derived; HF page 6.05B", """
            {"model_type":"gptj","n_embd":4096,"n_layer":28,"n_head":16,"n_inner":null,"n_positions":2048,
             "rotary_dim":64,"vocab_size":50400,"tie_word_embeddings":false}"""),
        dense("opt-125m", 125_239_296L, "transformers; HF model page 125M", """
            {"model_type":"opt","hidden_size":768,"ffn_dim":3072,"num_attention_heads":12,"num_hidden_layers":12,
             "max_position_embeddings":2048,"vocab_size":50272,"word_embed_proj_dim":768,
             "do_layer_norm_before":true,"enable_bias":true}"""),
        // derived: as opt-125m with 512-wide embeddings, project_in/out 2*512*1024 and no final norm
        dense("opt-350m", 331_196_416L, "derived; HF model page 331M", """
            {"model_type":"opt","hidden_size":1024,"ffn_dim":4096,"num_attention_heads":16,"num_hidden_layers":24,
             "max_position_embeddings":2048,"vocab_size":50272,"word_embed_proj_dim":512,
             "do_layer_norm_before":false}"""),
        dense("bloom-560m", 559_214_592L, "transformers; HF model page 559M", """
            {"model_type":"bloom","hidden_size":1024,"n_head":16,"n_layer":24,"vocab_size":250880}"""),
        // derived: qkv 4544*(4544+2*64) + dense 4544^2 + mlp 2*4544*18176 + ln 2*4544 per layer, x32,
        // + embedding 65024*4544 (tied) + ln_f; HF page 6.92B
        dense("falcon-7b", 6_921_720_704L, "derived; HF model page 7B (6.92B)", """
            {"model_type":"falcon","hidden_size":4544,"num_attention_heads":71,"num_hidden_layers":32,
             "multi_query":true,"new_decoder_architecture":false,"parallel_attn":true,"bias":false,"vocab_size":65024}"""),
        dense("falcon-7b (RefinedWebModel)", 6_921_720_704L, "same model, legacy remote-code config", """
            {"model_type":"RefinedWebModel","hidden_size":4544,"n_head":71,"n_layer":32,
             "multi_query":true,"parallel_attn":true,"bias":false,"vocab_size":65024}"""),
        dense("Llama-2-7b", 6_738_415_616L, "transformers; HF model page", """
            {"model_type":"llama","hidden_size":4096,"intermediate_size":11008,"num_attention_heads":32,
             "num_hidden_layers":32,"num_key_value_heads":32,"vocab_size":32000,"tie_word_embeddings":false}"""),
        dense("Llama-3.1-8B", 8_030_261_248L, "transformers", """
            {"model_type":"llama","hidden_size":4096,"intermediate_size":14336,"num_attention_heads":32,
             "num_hidden_layers":32,"num_key_value_heads":8,"vocab_size":128256,"tie_word_embeddings":false}"""),
        dense("Mistral-7B-v0.1", 7_241_732_096L, "transformers; HF model page", """
            {"model_type":"mistral","hidden_size":4096,"intermediate_size":14336,"num_attention_heads":32,
             "num_hidden_layers":32,"num_key_value_heads":8,"vocab_size":32000,"sliding_window":4096}"""),
        dense("Qwen2.5-7B", 7_615_616_512L, "transformers; Qwen2.5 report 7.61B", """
            {"model_type":"qwen2","hidden_size":3584,"intermediate_size":18944,"num_attention_heads":28,
             "num_hidden_layers":28,"num_key_value_heads":4,"vocab_size":152064,"tie_word_embeddings":false}"""),
        dense("Qwen3-8B", 8_190_735_360L, "transformers; Qwen3 model card 8.2B", """
            {"model_type":"qwen3","hidden_size":4096,"intermediate_size":12288,"num_attention_heads":32,
             "num_hidden_layers":36,"num_key_value_heads":8,"head_dim":128,"vocab_size":151936,
             "tie_word_embeddings":false}"""),
        // derived: embedding 256000*3072 (tied) + 28*(attn 4*3072*4096 + mlp 3*3072*24576 + 2*3072) + 3072
        dense("gemma-7b", 8_537_680_896L, "derived; HF model page 8.54B", """
            {"model_type":"gemma","hidden_size":3072,"intermediate_size":24576,"num_attention_heads":16,
             "num_hidden_layers":28,"num_key_value_heads":16,"head_dim":256,"vocab_size":256000}"""),
        dense("gemma-2-9b", 9_241_705_984L, "transformers; HF model page 9.24B", """
            {"model_type":"gemma2","hidden_size":3584,"intermediate_size":14336,"num_attention_heads":16,
             "num_hidden_layers":42,"num_key_value_heads":8,"head_dim":256,"vocab_size":256000}"""),
        dense("gemma-3-1b", 999_885_952L, "transformers; HF model page 1.0B", """
            {"model_type":"gemma3_text","hidden_size":1152,"intermediate_size":6912,"num_attention_heads":4,
             "num_hidden_layers":26,"num_key_value_heads":1,"head_dim":256,"vocab_size":262144}"""),
        dense("phi-2", 2_779_683_840L, "transformers; HF model page 2.78B", """
            {"model_type":"phi","hidden_size":2560,"intermediate_size":10240,"num_attention_heads":32,
             "num_hidden_layers":32,"vocab_size":51200,"qk_layernorm":false,"tie_word_embeddings":false}"""),
        dense("Phi-3-mini-4k", 3_821_079_552L, "transformers; HF model page 3.82B", """
            {"model_type":"phi3","hidden_size":3072,"intermediate_size":8192,"num_attention_heads":32,
             "num_hidden_layers":32,"num_key_value_heads":32,"vocab_size":32064,"tie_word_embeddings":false}"""),
        dense("stablelm-3b-4e1t", 2_795_443_200L, "transformers; HF model page 2.8B", """
            {"model_type":"stablelm","hidden_size":2560,"intermediate_size":6912,"num_attention_heads":32,
             "num_hidden_layers":32,"num_key_value_heads":32,"vocab_size":50304,"use_qkv_bias":false,
             "tie_word_embeddings":false}"""),
        // derived: 2*50304*4096 (untied) + 32*(4*4096^2 + 3*4096*11008); the norms have no parameters
        dense("OLMo-7B", 6_888_095_744L, "derived; OLMo paper 6.9B, HF page 6.89B", """
            {"model_type":"olmo","hidden_size":4096,"intermediate_size":11008,"num_attention_heads":32,
             "num_hidden_layers":32,"vocab_size":50304,"tie_word_embeddings":false}"""),
        dense("OLMo-2-1124-7B", 7_298_617_344L, "transformers; HF model page 7.3B", """
            {"model_type":"olmo2","hidden_size":4096,"intermediate_size":11008,"num_attention_heads":32,
             "num_hidden_layers":32,"num_key_value_heads":32,"vocab_size":100352,"tie_word_embeddings":false}"""),
        // derived: 49152*3072 (tied) + 30*(attn 2*(3072^2+3072) + 2*(3072*256+256) + mlp 2*3072*12288
        // + 12288 + 3072 + norms 4*3072) + final 2*3072
        dense("starcoder2-3b", 3_030_371_328L, "derived; HF model page 3.03B", """
            {"model_type":"starcoder2","hidden_size":3072,"intermediate_size":12288,"num_attention_heads":24,
             "num_hidden_layers":30,"num_key_value_heads":2,"vocab_size":49152,"use_bias":true}"""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void countsExactly(PublishedCount row) {
    ParameterCount count = ParameterCounter.count(ConfigReader.parse(row.configJson(), row.model(), null));

    assertThat(count.totalParams()).as(row.source()).isEqualTo(row.total());
    assertThat(count.activeParams()).isEqualTo(row.total());
    assertThat(count.extraParams()).isZero();
  }
}
