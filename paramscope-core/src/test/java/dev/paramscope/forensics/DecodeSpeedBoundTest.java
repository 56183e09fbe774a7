package dev.paramscope.forensics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecodeSpeedBoundTest {
  /**
   * Published batch-1 decode speeds of open models: the bound at the peak bandwidth must lie above
   * the true active size, and a model ten times larger must be ruled out.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # model and source | tokens/s | bandwidth B/s | bytes/param | true active params
      # LLaMA 7B Q4_0, tg128 on a 30-core M2 Max (400 GB/s, Apple's spec): llama.cpp PR #2959 (ikawrakow, Sep 2023), https://github.com/ggml-org/llama.cpp/pull/2959
      llama-7b Q4_0 on M2 Max | 61.71 | 400e9 | 0.5625 | 6738415616
      # Llama 3.1 8B Q4_K_M, tg128 on a Mac mini M4 (120 GB/s): normiebench result #3 (Mar 2026), https://github.com/brand-o/normiebench/issues/3
      llama-3.1-8b Q4_K on M4 | 20.87 | 120e9 | 0.5625 | 8030261248
      """)
  void boundsTheTrueActiveSize(String model, double tokensPerSecond, double bandwidth, double bytesPerParam,
      long trueActive) {
    DecodeSpeedBound bound = new DecodeSpeedBound(tokensPerSecond, 1, bandwidth, 1e14, 128e9, bytesPerParam, 1.0, 1.0);
    assertThat(bound.activeParamsHigh()).isGreaterThanOrEqualTo(trueActive);
    assertThat(bound.binds()).isEqualTo("memory_bandwidth");
    assertThat(bound.activeParamsHigh()).isLessThan(10.0 * trueActive);
  }

  @org.junit.jupiter.api.Test
  void namesTheBindingLimit() {
    // 8 × 80 GB at 1 byte/param holds 640 G parameters; 1 token/s over 8 × 3.35 TB/s would allow 26.8 T.
    DecodeSpeedBound slow = new DecodeSpeedBound(1, 8, 3.35e12, 1.979e15, 80e9, 1, 1, 1);
    assertThat(slow.binds()).isEqualTo("memory_capacity");
    assertThat(slow.activeParamsHigh()).isEqualTo(640e9);
    // Speculative decoding multiplies the bandwidth bound: 100 tokens/s, 3 tokens per read.
    DecodeSpeedBound spec = new DecodeSpeedBound(100, 1, 3.35e12, 1.979e15, 80e9, 1, 1, 3);
    assertThat(spec.bandwidthBoundParams()).isEqualTo(3.35e12 * 3 / 100);
  }
}
