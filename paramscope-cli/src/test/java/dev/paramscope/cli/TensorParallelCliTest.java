package dev.paramscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Multi-GPU memory and speed: the MLA latent on every GPU, all-reduces in every step. */
class TensorParallelCliTest {
  private static JsonNode json(String... args) throws IOException {
    return CliRun.json(args);
  }

  /**
   * DeepSeek-V3 at 128k × 8 holds a 73.7 GB BF16 latent cache; split eight ways it would fit 8 ×
   * H200, but every GPU holds all of it beside its eighth of the weights.
   */
  @Test
  void deepSeekV3At128kBatch8DoesNotFitEightH200() throws IOException {
    JsonNode m = json("memory", "deepseek-v3", "--context", "131072", "--batch", "8", "--gpu", "h200x8");
    assertThat(m.get("kv_dtype").asText()).isEqualTo("bf16");
    assertThat(m.get("kv_cache_bytes").asLong()).isEqualTo(73_685_532_672L);
    JsonNode fit = m.get("fits").get(0);
    assertThat(fit.get("count").asInt()).isEqualTo(8);
    assertThat(fit.get("fits").asBoolean()).isFalse();
    CliRun text = CliRun.of("memory", "deepseek-v3", "--context", "131072", "--batch", "8", "--gpu", "h200x8");
    assertThat(text.out()).contains("Across 8 GPUs each holds 73.7 GB of KV cache");
  }

  @Test
  void multiGpuDecodeIncludesAllReduces() throws IOException {
    JsonNode one = json("speed", "llama-3.1-70b", "--gpu", "h100", "--dtype", "fp8");
    assertThat(one.get("decode_step_communication_seconds").asDouble()).isZero();
    JsonNode eight = json("speed", "deepseek-v3", "--gpu", "h200x8");
    // 2 × 61 ring all-reduces of 7,168 × 2 bytes over 8 GPUs: 122 × (1.75 × 14,336 / 450e9 + 14 × 2 µs).
    assertThat(eight.get("decode_step_communication_seconds").asDouble())
        .isCloseTo(122 * (1.75 * 14_336 / 450e9 + 28e-6), org.assertj.core.data.Offset.offset(1e-9));
    assertThat(eight.get("decode_tokens_per_second_per_sequence").asDouble()).isLessThan(200);
    // --hop-latency-us 0 leaves the bandwidth term alone: 122 × 1.75 × 14,336 / 450e9.
    JsonNode noLatency = json("speed", "deepseek-v3", "--gpu", "h200x8", "--hop-latency-us", "0");
    assertThat(noLatency.get("decode_step_communication_seconds").asDouble())
        .isCloseTo(122 * 1.75 * 14_336 / 450e9, org.assertj.core.data.Offset.offset(1e-12));
  }
}
