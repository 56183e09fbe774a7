package dev.paramscope.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paramscope.BadInputException;
import dev.paramscope.model.Quantization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code quantization_config} as the published checkpoints write it, read into one normalized record. */
class QuantizationConfigTest {
  private static final String LLAMA = "{\"model_type\": \"llama\", \"vocab_size\": 1000, \"hidden_size\": 64,"
      + " \"intermediate_size\": 128, \"num_hidden_layers\": 2, \"num_attention_heads\": 4, \"torch_dtype\": \"bfloat16\"%s}";

  private static Quantization read(String quantizationConfig) {
    String json = String.format(LLAMA, quantizationConfig.isEmpty() ? "" : ", \"quantization_config\": " + quantizationConfig);
    return ConfigReader.parse(json, "config.json", null).quantized().orElse(null);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      {"quant_method": "fp8", "fmt": "e4m3", "weight_block_size": [128, 128]}                  | fp8                | 8 | true
      {"quant_method": "fbgemm_fp8", "modules_to_not_convert": ["lm_head"]}                     | fbgemm_fp8         | 8 | true
      {"quant_method": "mxfp4", "modules_to_not_convert": ["lm_head"]}                          | mxfp4              | 4 | true
      {"quant_method": "gptq", "bits": 4, "group_size": 128}                                    | gptq               | 4 | false
      {"quant_method": "awq", "bits": 4, "group_size": 128}                                     | awq                | 4 | false
      {"quant_method": "awq", "w_bit": 4, "q_group_size": 128}                                  | awq                | 4 | false
      {"quant_method": "bitsandbytes", "load_in_4bit": true}                                    | bitsandbytes       | 4 | false
      {"quant_method": "modelopt", "quant_algo": "NVFP4"}                                       | nvfp4              | 4 | true
      {"quant_method": "compressed-tensors", "format": "nvfp4-pack-quantized"}                  | nvfp4              | 4 | true
      {"quant_method": "compressed-tensors", "format": "float-quantized", "config_groups": {"group_0": {"weights": {"num_bits": 8, "type": "float"}}}} | compressed-tensors | 8 | true
      {"quant_method": "compressed-tensors", "format": "pack-quantized", "config_groups": {"group_0": {"weights": {"num_bits": 4, "type": "int"}}}}    | compressed-tensors | 4 | false
      {"quant_method": "hqq", "nbits": 4}                                                       | hqq                | 0 | false
      """)
  void readsEachScheme(String config, String method, int bits, boolean floating) {
    assertThat(read(config)).isEqualTo(new Quantization(method, bits, floating));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      {"bits": 4}                           | missing quant_method
      "fp8"                                 | quantization_config: expected an object
      {"quant_method": "gptq", "bits": 99}  | must be at most 64
      {"quant_method": "gptq", "bits": -4}  | out of range
      """)
  void refusesMalformedBlocks(String config, String message) {
    assertThatThrownBy(() -> read(config)).isInstanceOf(BadInputException.class).hasMessageContaining(message);
  }

  /** Kimi K2 Thinking's block (https://huggingface.co/moonshotai/Kimi-K2-Thinking/blob/main/config.json). */
  @org.junit.jupiter.api.Test
  void readsCompressedTensorsGroupsAndIgnoreList() {
    Quantization q = read("""
        {"quant_method": "compressed-tensors", "format": "pack-quantized", "config_groups": {"group_0": {
          "targets": ["Linear"], "weights": {"num_bits": 4, "type": "int", "group_size": 32, "strategy": "group",
          "symmetric": true}}}, "ignore": ["lm_head", "re:.*self_attn.*", "re:.*shared_experts.*",
          "re:.*mlp\\\\.(gate|up|gate_up|down)_proj.*"]}""");
    assertThat(q.bits()).isEqualTo(4);
    assertThat(q.groupSize()).isEqualTo(32);
    assertThat(q.symmetric()).isTrue();
    // Names match exactly; re: patterns match from the name's start, as compressed-tensors' re.match.
    assertThat(q.ignores("lm_head")).isTrue();
    assertThat(q.ignores("model.lm_head")).isFalse();
    assertThat(q.ignores("model.layers.3.self_attn.kv_b_proj")).isTrue();
    assertThat(q.ignores("model.layers.0.mlp.down_proj")).isTrue();
    assertThat(q.ignores("model.layers.3.mlp.experts.17.down_proj")).isFalse();
    // Python's named groups are read; a pattern Java cannot compile is skipped, not fatal.
    Quantization odd = read("""
        {"quant_method": "compressed-tensors", "ignore": ["re:(?P<a>lm_head)", "re:(unclosed"]}""");
    assertThat(odd.ignores("lm_head")).isTrue();
    assertThat(odd.ignore()).hasSize(1);
  }

  @org.junit.jupiter.api.Test
  void anUnquantizedConfigHasNone() {
    assertThat(read("")).isNull();
  }
}
