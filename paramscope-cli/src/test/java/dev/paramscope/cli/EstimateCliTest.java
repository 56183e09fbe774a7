package dev.paramscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The estimate commands, black-box: facts in JSON, errors as one line with exit 2. */
class EstimateCliTest {
  private static JsonNode json(String... args) throws IOException {
    return CliRun.json(args);
  }

  @Test
  void memoryOfLlama31() throws IOException {
    JsonNode m = json("memory", "llama-3.1-8b", "--context", "8192", "--gpu", "h100");
    // 131,072 bytes of KV per token at 16 bits (32 layers x 2 x 8 heads x 128 x 2 bytes).
    assertThat(m.get("kv_cache_bytes_per_token").asLong()).isEqualTo(131_072L);
    assertThat(m.get("kv_cache_bytes").asLong()).isEqualTo(8192L * 131_072);
    assertThat(m.get("weights_bytes").asLong()).isEqualTo(2L * 8_030_261_248L);
    assertThat(m.get("total_bytes").asLong()).isEqualTo(m.get("weights_bytes").asLong() + m.get("kv_cache_bytes").asLong()
        + m.get("activation_bytes").asLong() + m.get("overhead_bytes").asLong());
    JsonNode fit = m.get("fits").get(0);
    assertThat(fit.get("gpu").asText()).isEqualTo("h100-sxm");
    assertThat(fit.get("fits").asBoolean()).isTrue();
    assertThat(fit.fieldNames()).toIterable().contains("gpu", "count", "fits", "free_bytes");
  }

  @Test
  void memoryKnowsSlidingWindowsAndMla() throws IOException {
    // Gemma-2-9B at 8192 with its 4096 window on alternate layers: 2,113,929,216 bytes.
    assertThat(json("memory", "gemma-2-9b", "--context", "8192").get("kv_cache_bytes").asLong()).isEqualTo(2_113_929_216L);
    // DeepSeek-V2-Lite: 27 x (512 + 64) x 2 = 31,104 bytes per token.
    assertThat(json("memory", "deepseek-v2-lite").get("kv_cache_bytes_per_token").asLong()).isEqualTo(31_104L);
  }

  @Test
  void hybridModelsReportStateBesideTheirKvCacheByLayerKind() throws IOException {
    // Qwen3-Next-80B-A3B at 262,144 tokens: 12 full-attention layers x 262,144 x 2,048 bytes of KV;
    // 36 Gated DeltaNet layers x 1,097,728 bytes of constant state (LayerKindCacheTest works both).
    JsonNode m = json("memory", "qwen3-next-80b-a3b", "--context", "262144");
    assertThat(m.get("kv_cache_bytes").asLong()).isEqualTo(6_442_450_944L);
    assertThat(m.get("state_bytes").asLong()).isEqualTo(39_518_208L);
    assertThat(m.get("total_bytes").asLong()).isEqualTo(m.get("weights_bytes").asLong() + m.get("kv_cache_bytes").asLong()
        + m.get("state_bytes").asLong() + m.get("activation_bytes").asLong() + m.get("overhead_bytes").asLong());
    JsonNode kinds = m.get("layer_kinds");
    assertThat(kinds).hasSize(2);
    assertThat(kinds.get(0).get("layer_kind").asText()).isEqualTo("full_attention");
    assertThat(kinds.get(0).get("layers").asInt()).isEqualTo(12);
    assertThat(kinds.get(1).get("layer_kind").asText()).isEqualTo("linear_attention");
    assertThat(kinds.get(1).get("state_bytes").asLong()).isEqualTo(39_518_208L);
    // Llama 4 Scout in transformers: the 36 chunked layers hold 8,192 tokens each, the 12 global ones
    // all 262,144; vLLM (hybrid KV cache manager off for chunked attention) holds all 48 at 262,144.
    JsonNode scout = json("memory", "llama-4-scout", "--context", "262144", "--runtime", "transformers");
    assertThat(scout.get("kv_cache_bytes").asLong()).isEqualTo(14_092_861_440L);
    assertThat(scout.get("state_bytes").asLong()).isZero();
    assertThat(scout.get("window_policy").asText()).isEqualTo("window");
    JsonNode vllm = json("memory", "llama-4-scout", "--context", "262144");
    assertThat(vllm.get("kv_cache_bytes").asLong()).isEqualTo(48L * 262_144 * 4_096);
    assertThat(vllm.get("window_policy").asText()).isEqualTo("vllm-v1");
  }

  @Test
  void memoryAndPlanAgreeForVllm() throws IOException {
    // memory --runtime vllm fits with the plan's pool: 26,255 blocks of 2 MiB on an H100 (79.2 GiB
    // as CUDA shows it, V1's 5.06 GB profiling peak) less one 131,072-token request of 131,072 bytes per token
    JsonNode m = json("memory", "llama-3.1-8b", "--context", "131072", "--gpu", "h100");
    assertThat(m.get("activation_bytes").asLong()).isEqualTo(5_057_806_336L);
    assertThat(m.get("overhead_bytes").asLong()).isEqualTo(375_809_638L);
    assertThat(m.get("fits").get(0).get("free_bytes").asLong()).isEqualTo(26_255L * 2_097_152 - 131_072L * 131_072);
    JsonNode p = json("plan", "llama-3.1-8b", "--engine", "vllm", "--gpu", "h100");
    assertThat(p.get("num_gpu_blocks").asLong()).isEqualTo(26_255L);
    // Mistral-7B-v0.1 in llama.cpp: no SWA there, the full 8192 tokens (vLLM keeps its 4096 window)
    JsonNode mistral = json("memory", "mistral-7b-v0.1", "--context", "8192", "--runtime", "llama.cpp");
    assertThat(mistral.get("kv_cache_bytes").asLong()).isEqualTo(1_073_741_824L);
    assertThat(mistral.get("window_policy").asText()).isEqualTo("llama.cpp-iswa");
  }

  @Test
  void kvQuantizationAndWeightMixes() throws IOException {
    JsonNode q8 = json("memory", "llama-3.1-8b", "--kv-dtype", "q8_0", "--dtype", "Q4_K_M", "--runtime", "llama.cpp");
    assertThat(q8.get("kv_cache_bytes_per_token").asLong()).isEqualTo(32L * 64 * 34);
    // Q4_K_M sits between pure Q4_K (4.5 bits) and Q6_K (6.5625): llama.cpp's Llama-3-8B Q4_K_M is 4.89 bits/weight.
    double bits = q8.get("weights_bytes").asDouble() * 8 / 8_030_261_248L;
    assertThat(bits).isBetween(4.6, 5.2);
  }

  @Test
  void explainGivesFormulaInputsAndSource() throws IOException {
    JsonNode m = json("memory", "llama-3.1-8b", "--explain");
    assertThat(m.get("explain")).isNotEmpty();
    for (JsonNode row : m.get("explain")) {
      assertThat(row.get("formula").asText()).isNotBlank();
      assertThat(row.get("inputs").asText()).isNotBlank();
      assertThat(row.get("source").asText()).isNotBlank();
    }
    assertThat(CliRun.of("train", "llama-3.1-8b", "--tokens", "1B", "--explain", "--lang", "en").out())
        .contains("training_flops_6nd = 6 × N_active × D").contains("Korthikanti");
  }

  @Test
  void trainingFlopsAndMemory() throws IOException {
    JsonNode t = json("train", "llama-3.1-8b", "--tokens", "2T", "--gpu", "h100x64", "--mfu", "0.4");
    assertThat(t.get("training_flops_6nd").asDouble()).isEqualTo(6.0 * 8_030_261_248L * 2e12);
    assertThat(t.get("training_flops").asDouble()).isGreaterThan(t.get("training_flops_6nd").asDouble());
    JsonNode mem = t.get("memory_per_gpu");
    assertThat(mem.fieldNames()).toIterable().containsExactlyInAnyOrder("weights", "gradients", "optimizer", "activations", "total");
    assertThat(mem.get("optimizer").asLong()).isEqualTo(12L * 8_030_261_248L);
    double seconds = t.get("training_flops").asDouble() / (64 * 989.4e12 * 0.4);
    assertThat(t.get("time_seconds").asDouble()).isCloseTo(seconds, Percentage.withPercentage(0.5));
    assertThat(t.get("gpu_hours").asDouble()).isCloseTo(seconds * 64 / 3600, Percentage.withPercentage(0.5));
    assertThat(t.get("cost_usd").isNumber()).isTrue();
  }

  @Test
  void qloraAdaptersAreExact() throws IOException {
    JsonNode t = json("train", "llama-2-7b", "--tokens", "100M", "--method", "qlora", "--lora-rank", "16",
        "--lora-targets", "q,v", "--gpu", "rtx-4090");
    assertThat(t.get("trained_params").asLong()).isEqualTo(8_388_608L);
    assertThat(t.get("memory_per_gpu").get("weights").asLong()).isLessThan(5_000_000_000L);
  }

  @Test
  void mixtralIsActive12point9B() throws IOException {
    // Mistral AI: Mixtral-8x7B uses 12.9B active parameters per token of 46.7B.
    JsonNode f = json("flops", "mixtral-8x7b", "--context", "4096");
    assertThat(f.get("flops_2n").asDouble()).isEqualTo(2.0 * 12_879_925_248L);
  }

  @Test
  void speedIsRooflineBound() throws IOException {
    JsonNode s = json("speed", "llama-3.1-8b", "--gpu", "h100", "--context", "1024", "--batch", "1");
    assertThat(s.get("bound").asText()).isEqualTo("memory");
    // Batch 1 decode reads the weights once, 16.06 GB + 0.13 GB of KV at 3.35 TB/s x 0.92 (the CUDA
    // decode profile) = 5.25 ms, plus the profile's 2.4 ms fixed cost per step.
    assertThat(s.get("decode_step_seconds").asDouble()).isBetween(0.0076, 0.0077);
    assertThat(s.get("token_overhead_ms").asDouble()).isEqualTo(2.4);
    JsonNode big = json("speed", "llama-3.1-8b", "--gpu", "h100", "--context", "128", "--batch", "4096");
    assertThat(big.get("bound").asText()).isEqualTo("compute");
    assertThat(big.get("crossover_batch").asLong()).isBetween(2L, 4096L);
  }

  @Test
  void scalingLaws() throws IOException {
    JsonNode s = json("scale", "--params", "175B", "--tokens", "300B");
    // GPT-3: 6 x 175e9 x 300e9 = 3.15e23 (Brown et al. 2020 report 3.14e23).
    assertThat(s.get("compute_flops").asDouble()).isCloseTo(3.15e23, Percentage.withPercentage(0.1));
    assertThat(s.get("fits")).hasSize(2);
    JsonNode c = json("scale", "--compute", "5.76e23", "--fit", "besiroglu");
    assertThat(c.get("fits").get(0).get("optimal_tokens_per_param").asDouble()).isBetween(18.0, 22.0);
  }

  @Test
  void fitAnswersInverseQuestions() throws IOException {
    JsonNode card = json("fit", "--gpu", "rtx-4090");
    assertThat(card.get("models").toString()).contains("llama-3.1-8b").doesNotContain("\"deepseek-v3\"");
    JsonNode one = json("fit", "llama-3.1-70b", "--gpu", "h100x2");
    assertThat(one.get("best_dtype").asText()).isIn("bf16", "fp8");
    assertThat(one.get("max_context").asLong()).isPositive();
    assertThat(json("hardware").get("gpus")).hasSize(39);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      train llama-3.1-8b --tokens -5            | '-5' is not a count
      train llama-3.1-8b --tokens 1B --mfu 1.5  | --mfu: must be in (0, 1]
      train llama-3.1-8b --tokens 1B --mfu 0    | --mfu: must be in (0, 1]
      memory llama-3.1-8b --gpu h1000           | did you mean
      memory llama-3.1-8b --context 0           | --context: must be positive
      memory gpt-4o                             | no architecture known
      speed llama-3.1-8b --gpu h100 --efficiency 2 | --efficiency: must be in (0, 1]
      train llama-3.1-8b --tokens 1B --zero 5   | --zero: must be 0, 1, 2 or 3
      scale                                     | give --compute FLOPS
      """)
  void impossibleInputsAreOneLineErrors(String args, String message) {
    CliRun run = CliRun.of(args.trim().split(" +"));
    assertThat(run.exitCode()).as(run.out()).isEqualTo(2);
    assertThat(run.err()).contains(message);
    assertThat(run.err().strip().lines().count()).isLessThanOrEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"table", "json", "csv", "markdown"})
  void everyEstimateInEveryFormatAndLanguage(String format) {
    String[][] commands = {
        {"memory", "qwen3-30b-a3b", "--gpu", "h100"}, {"speed", "mixtral-8x7b", "--gpu", "a100-80gb-sxm"},
        {"fit", "llama-3.1-8b", "--gpu", "l4"}, {"train", "qwen3-8b", "--tokens", "1B"},
        {"flops", "deepseek-v3"}, {"scale", "--compute", "1e24"}, {"hardware"}};
    for (String lang : new String[] {"en", "zh"}) {
      for (String[] c : commands) {
        String[] args = new String[c.length + 4];
        System.arraycopy(c, 0, args, 0, c.length);
        args[c.length] = "--format";
        args[c.length + 1] = format;
        args[c.length + 2] = "--lang";
        args[c.length + 3] = lang;
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as(String.join(" ", args) + ": " + run.err()).isZero();
        assertThat(run.out()).isNotBlank();
      }
    }
  }
}
