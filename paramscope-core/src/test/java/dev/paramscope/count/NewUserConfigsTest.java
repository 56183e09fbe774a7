package dev.paramscope.count;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paramscope.config.ConfigReader;
import org.junit.jupiter.api.Test;

/**
 * Whole published config.json files, as a new user would pass them (every key, including the ones
 * that do not shape the model), against the parameter counts their checkpoints carry.
 */
class NewUserConfigsTest {
  private static long total(String json) {
    return ParameterCounter.count(ConfigReader.parse(json, "config.json", null)).totalParams();
  }

  @Test
  void mistralNemoWithAnExplicitHeadDim() {
    // mistralai/Mistral-Nemo-Base-2407 config.json: head_dim 128 while hidden/heads = 160.
    // 12,247,782,400 parameters (HF safetensors index total_size 24,495,564,800 bytes in BF16).
    assertThat(total("""
        {"architectures":["MistralForCausalLM"],"attention_dropout":0.0,"bos_token_id":1,"eos_token_id":2,
         "head_dim":128,"hidden_act":"silu","hidden_size":5120,"initializer_range":0.02,
         "intermediate_size":14336,"max_position_embeddings":1024000,"model_type":"mistral",
         "num_attention_heads":32,"num_hidden_layers":40,"num_key_value_heads":8,"rms_norm_eps":1e-05,
         "rope_theta":1000000.0,"sliding_window":null,"tie_word_embeddings":false,"torch_dtype":"bfloat16",
         "transformers_version":"4.43.0.dev0","use_cache":true,"vocab_size":131072}
        """)).isEqualTo(12_247_782_400L);
  }

  @Test
  void pythia1bWithPartialRotaryAndParallelResidual() {
    // EleutherAI/pythia-1b config.json; 1,011,781,632 parameters (Biderman et al. 2023, Pythia,
    // arXiv:2304.01373, Table 1 rounds it to 1.0B; the exact figure is the HF checkpoint's).
    assertThat(total("""
        {"architectures":["GPTNeoXForCausalLM"],"bos_token_id":0,"eos_token_id":0,"hidden_act":"gelu",
         "hidden_size":2048,"initializer_range":0.02,"intermediate_size":8192,"layer_norm_eps":1e-05,
         "max_position_embeddings":2048,"model_type":"gpt_neox","num_attention_heads":8,
         "num_hidden_layers":16,"rotary_emb_base":10000,"rotary_pct":0.25,"tie_word_embeddings":false,
         "torch_dtype":"float16","transformers_version":"4.24.0","use_cache":true,
         "use_parallel_residual":true,"vocab_size":50304}
        """)).isEqualTo(1_011_781_632L);
  }
}
