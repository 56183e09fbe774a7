package dev.paramscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** With no --dtype, estimates use the precision the checkpoint ships in, and say so. */
class ShippedDtypeCliTest {
  private static JsonNode json(String... args) throws IOException {
    return CliRun.json(args);
  }

  /** gpt-oss-120b ships MXFP4 experts (60.8 GiB, arXiv:2508.10925 Table 1): one 80 GB H100 holds it. */
  @Test
  void gptOss120bFitsOneH100ByDefault() throws IOException {
    JsonNode m = json("memory", "gpt-oss-120b", "--gpu", "h100");
    assertThat(m.get("dtype").asText()).isEqualTo("gpt-oss-mxfp4");
    assertThat(m.get("fits").get(0).get("fits").asBoolean()).isTrue();
    JsonNode bf16 = json("memory", "gpt-oss-120b", "--gpu", "h100", "--dtype", "bf16");
    assertThat(bf16.get("dtype").asText()).isEqualTo("bf16");
    assertThat(bf16.get("fits").get(0).get("fits").asBoolean()).isFalse();
  }

  /**
   * DeepSeek-V3 and Kimi K2 ship block FP8 (quant_method fp8, 128 × 128 blocks): one byte per
   * linear weight, embeddings and head BF16, so about one byte per parameter plus the two
   * vocab × hidden tables once more.
   */
  @ParameterizedTest
  @CsvSource({"deepseek-v3, 129280", "kimi-k2, 163840"})
  void fp8CheckpointsDefaultToFp8(String id, long vocab) throws IOException {
    JsonNode m = json("memory", id);
    assertThat(m.get("dtype").asText()).isEqualTo("fp8-dynamic");
    long params = json("count", id).get("total_params").asLong();
    double expected = params + 2.0 * vocab * 7168;
    assertThat(m.get("weights_bytes").asDouble()).isCloseTo(expected, Percentage.withPercentage(0.2));
  }

  @Test
  void speedAndFitUseTheShippedPrecisionToo() throws IOException {
    assertThat(json("speed", "gpt-oss-120b", "--gpu", "h100").get("dtype").asText()).isEqualTo("gpt-oss-mxfp4");
    assertThat(json("fit", "deepseek-v3", "--gpu", "h200x8").get("dtype").asText()).isEqualTo("fp8-dynamic");
  }

  @Test
  void theTextSaysWhereTheDefaultCameFromInEnglishAndChinese() {
    CliRun en = CliRun.of("memory", "gpt-oss-120b", "--gpu", "h100");
    assertThat(en.out()).contains("dtype: gpt-oss-mxfp4, as the checkpoint ships (quantization_config mxfp4 4-bit);")
        .contains("--dtype to override");
    CliRun zh = CliRun.of("memory", "gpt-oss-120b", "--gpu", "h100", "--lang", "zh");
    assertThat(zh.out()).contains("与检查点发布时一致");
    assertThat(CliRun.of("memory", "gpt-oss-120b", "--gpu", "h100", "--dtype", "bf16").out()).doesNotContain("checkpoint ships");
    assertThat(CliRun.of("memory", "llama-3.1-8b").out()).doesNotContain("checkpoint ships");
  }
}
