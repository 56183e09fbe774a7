package dev.paramscope.precision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StorageTypeTest {
  @Test
  void seedArticleWorkedExample() {
    // The seed article: 200B parameters at FP64 (8 bytes each) = 1600 GB.
    assertThat(StorageType.FP64.bytesFor(200_000_000_000L)).isEqualTo(1_600_000_000_000L);
  }

  @ParameterizedTest(name = "{0}: {1} bits/param, {2} bytes for Llama-3.1-8B")
  @CsvSource(textBlock = """
      FP32,      32.0,   32121044992
      FP16_BF16, 16.0,   16060522496
      INT8,      8.0,    8030261248
      INT4,      4.0,    4015130624
      Q8_0,      8.5,    8532152576
      Q4_0,      4.5,    4517021952
      Q4_K,      4.5,    4517021952
      Q6_K,      6.5625, 6587323680
      Q2_K,      2.625,  2634929472
      TQ1_0,     1.6875, 1693883232
      MXFP4,     4.25,   4266076288
      """)
  void blockFormatsCountTheirScales(StorageType type, double bits, long bytes) {
    // Llama-3.1-8B has 8,030,261,248 parameters. bytes = ceil(params / block size) x bytes per
    // block, with ggml's blocks: Q8_0 34 B / 32, Q4_0 18 B / 32, Q4_K 144 B / 256, Q6_K 210 B / 256,
    // Q2_K 84 B / 256, TQ1_0 54 B / 256, MXFP4 17 B / 32 (ggml-common.h).
    assertThat(type.bitsPerParam()).isEqualTo(bits);
    assertThat(type.bytesFor(8_030_261_248L)).isEqualTo(bytes);
  }

  @Test
  void partialBlocksRoundUp() {
    assertThat(StorageType.Q8_0.bytesFor(33)).isEqualTo(68);
    assertThat(StorageType.INT4.bytesFor(3)).isEqualTo(2);
  }

  @Test
  void overflowIsAnError() {
    assertThatThrownBy(() -> StorageType.FP64.bytesFor(Long.MAX_VALUE / 4)).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void parsesCommonNames() {
    assertThat(StorageType.parse("bf16")).isEqualTo(StorageType.FP16_BF16);
    assertThat(StorageType.parse("q4_k")).isEqualTo(StorageType.Q4_K);
    assertThat(StorageType.parse("FP16/BF16")).isEqualTo(StorageType.FP16_BF16);
  }
}
