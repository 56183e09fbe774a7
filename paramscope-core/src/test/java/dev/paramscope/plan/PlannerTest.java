package dev.paramscope.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paramscope.hardware.Gpu;
import dev.paramscope.hardware.HardwareCatalog;
import dev.paramscope.query.ModelSource;
import dev.paramscope.query.ResolvedModel;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Facts each policy must reproduce, worked by hand from the engines' formulas in the class comments. */
class PlannerTest {
  private static Gpu gpu(String id) {
    return HardwareCatalog.builtIn().find(id).orElseThrow();
  }

  private static EnginePlan plan(Engine engine, String model, PlanSettings s) {
    ResolvedModel m = ModelSource.resolve(model, null);
    return Planner.plan(engine, model, m.architecture().orElseThrow(), m.count().orElseThrow(), s);
  }

  private static PlanSettings withTp(PlanSettings d, long tp, long pp, boolean ep) {
    return new PlanSettings(d.gpu(), d.gpuCount(), OptionalLong.of(tp), OptionalLong.of(pp), ep, null, null, null,
        d.context(), d.gpuMemoryUtilization(), d.maxNumBatchedTokens(), d.maxNumSeqs(), d.nonTorchBytes(),
        d.cudaGraphBytes(), d.blockSize(), d.ngl(), false, d.ubatch(), d.parallel(), 0, null, d.cpuRamBytes(),
        d.cpuBandwidthBytesPerSecond(), d.reserveBytes(), d.computeBufferBytes(), d.gpuMemoryBytes());
  }

  @Test
  void vllmLlama31On80GiB() {
    // CUDA shows 85,061,827,297 bytes (79.22 GiB) of the 80 GiB; budget 0.9 × that = 76,555,644,567;
    // weights 8,030,261,248 × 2 = 16,060,522,496;
    // V1 on an H100 profiles 8192 tokens and 1024 requests: the sampler's 1024 × 128,256 × 38 bytes plus the
    // 8192 × 4096 × 2 hidden states = 5,057,806,336, above the forward pass 8192 × (3·14336 + 3·4096) × 2;
    // non-torch 375,809,638; pool 55,061,506,097; page 16 × 2 × 8 × 128 × 2 = 65,536 bytes × 32 layers
    EnginePlan p = plan(Engine.VLLM, "llama-3.1-8b", PlanSettings.defaults(gpu("h100-sxm"), 1));
    assertThat(p.terms().get("weights_bytes")).isEqualTo(16_060_522_496L);
    assertThat(p.terms().get("activation_peak_bytes")).isEqualTo(5_057_806_336L);
    assertThat(p.figures().get("num_gpu_blocks")).isEqualTo(55_061_506_097L / 2_097_152L);
    assertThat(p.figures().get("gpu_kv_cache_tokens")).isEqualTo(55_061_506_097L / 2_097_152L * 16);
    assertThat(p.assumptions()).extracting(EnginePlan.Assumption::key)
        .contains("vllm_engine", "max_num_batched_tokens", "max_num_seqs");
    assertThat(p.assumptions()).filteredOn(a -> a.key().equals("max_num_seqs"))
        .extracting(EnginePlan.Assumption::value).containsExactly("1024");
    assertThat(p.fits()).isTrue();
    assertThat(p.commandLine()).isEqualTo("vllm serve llama-3.1-8b --max-model-len 131072");
  }

  @Test
  void vllmV0ProfilesTheOlderPass() {
    // V0 at a 131,072-token context prefills in 2048-token chunks: 2048 × (3·14336 + 3·4096) × 2 = 226,492,416,
    // above its sampler's 256 × 128,256 × 4 = 131,334,144
    PlanSettings v0 = PlanSettings.defaults(gpu("h100-sxm"), 1).withVllmEngine(VllmEngine.V0);
    EnginePlan p = plan(Engine.VLLM, "llama-3.1-8b", v0);
    assertThat(p.terms().get("activation_peak_bytes")).isEqualTo(226_492_416L);
    assertThat(p.assumptions()).extracting(EnginePlan.Assumption::key).doesNotContain("vllm_engine");
    // an A100 80GB keeps V1's small defaults: 256 × 128,256 × 38 + 2048 × 4096 × 2
    EnginePlan a100 = plan(Engine.VLLM, "llama-3.1-8b", PlanSettings.defaults(gpu("a100-80gb-sxm"), 1));
    assertThat(a100.terms().get("activation_peak_bytes")).isEqualTo(1_264_451_584L);
    assertThatThrownBy(() -> VllmEngine.parse("v2")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("v0, v1");
  }

  @Test
  void vllmSuggestsTheLargestModelLenWhenTheDefaultDoesNotStart() {
    EnginePlan p = plan(Engine.VLLM, "llama-3.1-8b", PlanSettings.defaults(gpu("rtx-4090"), 1));
    long largest = p.figures().get("largest_max_model_len").longValue();
    assertThat(p.fits()).isFalse();
    assertThat(p.bindingTerm()).isEqualTo("kv_cache_bytes");
    assertThat(largest).isEqualTo(p.figures().get("gpu_kv_cache_tokens").longValue()).isLessThan(131072);
    assertThat(p.commandLine()).endsWith("--max-model-len " + largest);
  }

  @Test
  void weightsThatDoNotFitBindOnWeights() {
    EnginePlan p = plan(Engine.VLLM, "llama-3.1-70b", PlanSettings.defaults(gpu("h100-sxm"), 1));
    assertThat(p.fits()).isFalse();
    assertThat(p.bindingTerm()).isEqualTo("weights_bytes");
    assertThat(p.hints()).extracting(EnginePlan.Hint::key).containsExactly("hint.plan.more_gpus");
  }

  @Test
  void tensorParallelSplitsWeightsAndReplicatesKvHeadsBeyondTheirCount() {
    EnginePlan two = plan(Engine.VLLM, "llama-3.1-70b", PlanSettings.defaults(gpu("h100-sxm"), 2));
    // 65.7 GiB of bf16 weights per rank leave ~5 GiB of pool: the 131072-token default does not start
    assertThat(two.fits()).isFalse();
    assertThat(two.bindingTerm()).isEqualTo("kv_cache_bytes");
    assertThat(two.commandLine()).isEqualTo("vllm serve llama-3.1-70b --tensor-parallel-size 2 --max-model-len "
        + two.figures().get("largest_max_model_len"));
    assertThat(two.figures().get("kv_heads_per_rank")).isEqualTo(4);
    EnginePlan sixteen = plan(Engine.VLLM, "llama-3.1-70b", withTp(PlanSettings.defaults(gpu("h100-sxm"), 16), 16, 1, false));
    assertThat(sixteen.figures().get("kv_heads_per_rank")).isEqualTo(1);
    assertThat(sixteen.figures().get("kv_head_replication")).isEqualTo(2);
  }

  @ParameterizedTest(name = "{0} --tp {1}")
  @CsvSource(delimiter = '|', textBlock = """
      llama-3.1-8b | 3  | must divide num_attention_heads (32)
      qwen2.5-7b   | 7  | must divide num_key_value_heads
      """)
  void tensorParallelMustDivideTheHeads(String model, int tp, String message) {
    assertThatThrownBy(() -> plan(Engine.VLLM, model, withTp(PlanSettings.defaults(gpu("h100-sxm"), 8), tp, 1, false)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--tp " + tp);
  }

  @Test
  void expertParallelNeedsExpertsDivisibleByRanks() {
    assertThatThrownBy(() -> plan(Engine.VLLM, "mixtral-8x7b", withTp(PlanSettings.defaults(gpu("h100-sxm"), 16), 16, 1, true)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("num_experts (8)");
  }

  @Test
  void pipelineStagesFollowGetPpIndices() {
    // vllm/distributed/utils.py get_pp_indices: 32 // 3 = 10 each, the 2 left over to the stages before the last
    assertThat(new Parallelism(1, 3, false).layersPerStage(32)).containsExactly(11, 11, 10);
    assertThat(new Parallelism(1, 4, false).layersPerStage(32)).containsExactly(8, 8, 8, 8);
  }

  @Test
  void sglangTokensAreWhatRemainsOverBytesPerToken() {
    EnginePlan p = plan(Engine.SGLANG, "llama-3.1-8b", PlanSettings.defaults(gpu("h100-sxm"), 1));
    // rest = 85,061,827,297 (what CUDA shows of 80 GiB) − 16,060,522,496 − 375,809,638 − ceil(0.12 × that);
    // cell 131,072 bytes
    long reserved = (long) Math.ceil(85_061_827_297L * (1 - 0.88));
    long rest = 85_061_827_297L - 16_060_522_496L - 375_809_638L - reserved;
    assertThat(p.figures().get("kv_cell_bytes")).isEqualTo(131_072L);
    assertThat(p.figures().get("max_total_num_tokens")).isEqualTo(rest / 131_072L);
  }

  @Test
  void llamaCppOffloadsEveryLayerAndTheHeadWhenTheyFit() {
    EnginePlan p = plan(Engine.LLAMA_CPP, "llama-3.1-8b", PlanSettings.defaults(gpu("rtx-4090"), 1));
    assertThat(p.figures().get("n_gpu_layers")).isEqualTo(33);
    assertThat(p.commandLine()).isEqualTo("llama-server -m llama-3.1-8b-Q4_K_M.gguf -ngl 33 -c 4096");
    // 4096 cells × 32 layers × 1024 values × 2 bytes × (K + V)
    assertThat(p.figures().get("kv_size_bytes")).isEqualTo(4096L * 32 * 1024 * 2 * 2);
  }

  @Test
  void llamaCppPicksTheLargestLayerCountThatFits() {
    PlanSettings s = PlanSettings.defaults(gpu("rtx-4090"), 1);
    EnginePlan p = plan(Engine.LLAMA_CPP, "llama-3.1-70b", s);
    int ngl = p.figures().get("n_gpu_layers").intValue();
    assertThat(ngl).isBetween(1, 80);
    assertThat(p.totalBytes()).isLessThanOrEqualTo(p.capacityBytes());
    assertThat(p.bindingTerm()).isEqualTo("weights_bytes");
    assertThat(p.hints()).extracting(EnginePlan.Hint::key).contains("hint.plan.offload");
    // one layer more does not fit: its weights and KV exceed what is left
    long left = p.capacityBytes() - p.totalBytes();
    ResolvedModel m = ModelSource.resolve("llama-3.1-70b", null);
    ModelShards shards = new ModelShards(m.architecture().orElseThrow(), m.count().orElseThrow(),
        dev.paramscope.memory.WeightDtype.parse("Q4_K_M"));
    assertThat(shards.layerBytes(0)).isGreaterThan(left);
  }

  @Test
  void llamaCppPadsTheContextAndShrinksSlidingWindowLayers() {
    PlanContext c = PlanFixtures.context("gemma-2-9b", 1, "Q4_K_M", dev.paramscope.memory.KvDtype.FP16,
        PlanFixtures.llamaCpp(512, true));
    LlamaCppKv kv = new LlamaCppKv(c.shards(), dev.paramscope.memory.KvDtype.FP16, dev.paramscope.memory.KvDtype.FP16,
        true, 512, 1);
    assertThat(kv.cells(5000)).isEqualTo(5120);
    // gemma-2 window 4096: min(8192, pad(4096 + 512, 256)) = 4608
    assertThat(kv.swaCells(8192, 4096)).isEqualTo(4608);
    LlamaCppKv noFa = new LlamaCppKv(c.shards(), dev.paramscope.memory.KvDtype.FP16, dev.paramscope.memory.KvDtype.FP16,
        false, 512, 1);
    assertThat(noFa.cells(5000)).isEqualTo(5024);
  }

  @Test
  void llamaCppHasNoFp8CacheAndVllmNoQ8Cache() {
    PlanSettings d = PlanSettings.defaults(gpu("rtx-4090"), 1);
    PlanSettings fp8 = new PlanSettings(d.gpu(), 1, d.tp(), d.pp(), false, null, dev.paramscope.memory.KvDtype.FP8,
        null, d.context(), d.gpuMemoryUtilization(), d.maxNumBatchedTokens(), d.maxNumSeqs(), d.nonTorchBytes(),
        d.cudaGraphBytes(), d.blockSize(), d.ngl(), false, d.ubatch(), d.parallel(), 0, null, d.cpuRamBytes(),
        d.cpuBandwidthBytesPerSecond(), d.reserveBytes(), d.computeBufferBytes(), d.gpuMemoryBytes());
    assertThatThrownBy(() -> plan(Engine.LLAMA_CPP, "llama-3.1-8b", fp8)).hasMessageContaining("no fp8 KV cache");
  }

  /** Every catalog model with a config, on every engine: a plan, or a message naming the split it breaks. */
  @Test
  void everyCatalogModelPlansOnEveryEngine() {
    int planned = 0;
    for (var entry : dev.paramscope.catalog.Catalog.builtIn().entries()) {
      ResolvedModel m = ModelSource.resolve(entry.id(), null);
      if (m.architecture().isEmpty()) {
        continue;
      }
      for (Engine engine : Engine.values()) {
        try {
          EnginePlan p = Planner.plan(engine, entry.id(), m.architecture().get(), m.count().orElseThrow(),
              PlanSettings.defaults(gpu("h100-sxm"), 8));
          assertThat(p.totalBytes()).as(entry.id() + " " + engine).isPositive();
          assertThat(p.commandLine()).as(entry.id() + " " + engine).isNotBlank();
          planned++;
        } catch (IllegalArgumentException e) {
          assertThat(e.getMessage()).as(entry.id() + " " + engine).contains("--tp 8");
        }
      }
    }
    assertThat(planned).isGreaterThan(200);
  }

  @Test
  void pipelineParallelPutsTheEmbeddingFirstAndTheHeadLast() {
    PlanSettings d = PlanSettings.defaults(gpu("h100-sxm"), 4);
    EnginePlan p = plan(Engine.VLLM, "llama-3.1-70b", withTp(d, 2, 2, false));
    assertThat(p.figures().get("layers_per_rank")).isEqualTo(40);
    assertThat(p.commandLine()).contains("--tensor-parallel-size 2 --pipeline-parallel-size 2");
    // a stage holds half the layers, a TP half of them, and one of the two vocab matrices
    ModelShards shards = new ModelShards(ModelSource.resolve("llama-3.1-70b", null).architecture().orElseThrow(),
        ModelSource.resolve("llama-3.1-70b", null).count().orElseThrow(), dev.paramscope.memory.WeightDtype.parse("bf16"));
    assertThat(p.terms().get("weights_bytes")).isBetween(shards.weightBytes() / 4 - (1L << 30),
        shards.weightBytes() / 4 + (1L << 30));
  }

  @Test
  void mlaKeepsOneLatentPerRank() {
    EnginePlan p = plan(Engine.VLLM, "deepseek-v2-lite", PlanSettings.defaults(gpu("h100-sxm"), 2));
    assertThat(p.figures().get("kv_heads_per_rank")).isEqualTo(1);
    assertThat(p.figures().get("kv_head_replication")).isEqualTo(2);
  }
}
