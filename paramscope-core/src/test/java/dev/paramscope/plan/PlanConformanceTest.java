package dev.paramscope.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paramscope.memory.KvDtype;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Holds {@code plan}'s arithmetic to what the engines printed in public issues
 * ({@code engine-logs.json}: every case quotes its lines and names its source). Exact cases must
 * match to the printed digits; the others name the cause of their tolerance. The distribution of
 * relative errors is printed at the end of the run.
 */
class PlanConformanceTest {
  private static final double GIB = 1L << 30;
  private static final double MIB = 1L << 20;
  private static final List<String> ERRORS = new ArrayList<>();

  static Stream<JsonNode> cases() throws IOException {
    try (InputStream in = PlanConformanceTest.class.getResourceAsStream("engine-logs.json")) {
      JsonNode root = new ObjectMapper().readTree(in);
      List<JsonNode> list = new ArrayList<>();
      root.get("cases").forEach(list::add);
      return list.stream();
    }
  }

  @Test
  void everyCaseQuotesItsLinesAndSource() throws IOException {
    List<JsonNode> all = cases().toList();
    assertThat(all).hasSizeGreaterThanOrEqualTo(36);
    for (JsonNode c : all) {
      assertThat(c.get("source").asText()).as(c.get("id").asText()).startsWith("https://github.com/");
      assertThat(c.get("lines").size()).as(c.get("id").asText()).isPositive();
      assertThat(c.has("abs") || c.has("cause")).as(c.get("id").asText() + " needs abs or a cause").isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void planMatchesTheEngineLog(JsonNode c) {
    double actual = derive(c);
    double expected = c.get("expected").asDouble();
    double rel = expected == 0 ? 0 : (actual - expected) / Math.abs(expected);
    synchronized (ERRORS) {
      ERRORS.add(String.format(Locale.ROOT, "%-36s %-22s expected %14.4f  plan %14.4f  error %+7.3f%%",
          c.get("id").asText(), c.get("check").asText(), expected, actual, rel * 100));
    }
    if (c.has("abs")) {
      assertThat(actual).as(c.get("id").asText()).isCloseTo(expected, org.assertj.core.data.Offset.offset(
          c.get("abs").asDouble() + 1e-9));
    } else {
      assertThat(Math.abs(rel)).as(c.get("id").asText() + " (" + c.get("cause").asText() + ")")
          .isLessThanOrEqualTo(c.get("rel").asDouble());
    }
  }

  @AfterAll
  static void printErrorDistribution() {
    System.out.println("plan conformance: " + ERRORS.size() + " engine log lines");
    ERRORS.stream().sorted().forEach(System.out::println);
    double[] errors = ERRORS.stream()
        .mapToDouble(l -> Math.abs(Double.parseDouble(l.replaceAll(".*error\\s+([+-][0-9.]+)%.*", "$1"))))
        .sorted().toArray();
    if (errors.length > 0) {
      long exact = java.util.Arrays.stream(errors).filter(e -> e < 0.05).count();
      System.out.printf(Locale.ROOT, "plan conformance: |error| median %.3f%%, p90 %.3f%%, max %.3f%%; %d of %d within 0.05%%%n",
          errors[errors.length / 2], errors[(int) Math.min(errors.length - 1, Math.floor(errors.length * 0.9))],
          errors[errors.length - 1], exact, errors.length);
    }
  }

  private static double derive(JsonNode c) {
    JsonNode in = c.get("inputs");
    String model = c.path("model").asText(null);
    int tp = in.path("tp").asInt(1);
    switch (c.get("check").asText()) {
      case "vllm_weights_gib": {
        PlanContext ctx = PlanFixtures.context(model, tp);
        return ctx.busiestStage().weightBytes() / GIB;
      }
      case "vllm_blocks":
      case "vllm_tokens": {
        PlanContext ctx = PlanFixtures.context(model, tp);
        KvPool pool = KvPool.of(ctx, ctx.busiestStage(), ctx.kvDtype(), in.get("block_size").asLong(), 8192,
            (long) (in.get("pool_gib").asDouble() * GIB));
        return c.get("check").asText().equals("vllm_blocks") ? pool.numBlocks() : pool.reportedTokens();
      }
      case "vllm_plan_blocks": {
        PlanSettings d = PlanFixtures.settings(1);
        PlanSettings s = new PlanSettings(d.gpu(), 1, d.tp(), d.pp(), false, null, null, null,
            java.util.OptionalLong.of(in.get("max_model_len").asLong()), d.gpuMemoryUtilization(),
            java.util.OptionalLong.of(in.get("max_num_batched_tokens").asLong()), d.maxNumSeqs(), d.nonTorchBytes(),
            d.cudaGraphBytes(), d.blockSize(), d.ngl(), false, d.ubatch(), d.parallel(), 0, null, d.cpuRamBytes(),
            d.cpuBandwidthBytesPerSecond(), d.reserveBytes(), d.computeBufferBytes(),
            java.util.OptionalLong.of((long) (in.get("gpu_memory_gib").asDouble() * GIB))).withVllmEngine(engine(in));
        var m = dev.paramscope.query.ModelSource.resolve(model, null);
        return Planner.plan(Engine.VLLM, model, m.architecture().orElseThrow(), m.count().orElseThrow(), s).figures()
            .get("num_gpu_blocks").doubleValue();
      }
      case "vllm_concurrency":
        return KvPool.ofBlocks(in.get("blocks").asLong(), in.get("block_size").asLong())
            .concurrency(in.get("max_model_len").asLong());
      case "vllm_tokens_from_blocks":
        return KvPool.ofBlocks(in.get("blocks").asLong(), in.get("block_size").asLong()).reportedTokens();
      case "vllm_activation_gib":
        return VllmPolicy.activationPeakBytes(PlanFixtures.context(model, tp), engine(in), in.get("tokens").asLong(),
            in.get("max_num_seqs").asLong()) / GIB;
      case "vllm_pool_from_weights_gib":
        return poolFromPrintedWeights(model, in) / GIB;
      case "vllm_sampler_delta_tokens":
        return samplerDeltaTokens(model, in);
      case "vllm_pool_gib":
        return VllmPolicy.poolBytes((long) (in.get("total_gib").asDouble() * GIB), in.get("utilization").asDouble(),
            (long) (in.path("weights_gib").asDouble(0) * GIB), (long) (in.get("peak_gib").asDouble() * GIB),
            (long) (in.get("non_torch_gib").asDouble() * GIB)) / GIB;
      case "vllm_request_gib": {
        PlanContext ctx = PlanFixtures.context(model, tp);
        KvPool pool = KvPool.of(ctx, ctx.busiestStage(), ctx.kvDtype(), in.get("block_size").asLong(), 8192, 1L << 40);
        return pool.requestBytes(in.get("max_model_len").asLong()) / GIB;
      }
      case "sglang_k_gib":
      case "sglang_v_gib": {
        PlanContext ctx = PlanFixtures.context(model, tp);
        long k = SglangPolicy.keyBytes(ctx, ctx.busiestStage());
        long cell = SglangPolicy.cellBytes(ctx, ctx.busiestStage());
        long perToken = c.get("check").asText().equals("sglang_k_gib") ? k : cell - k;
        return in.get("tokens").asLong() * perToken / GIB;
      }
      default:
        return deriveLlamaCpp(c, model, in);
    }
  }

  private static VllmEngine engine(JsonNode in) {
    return VllmEngine.parse(in.path("engine").asText("v1"));
  }

  /**
   * The pool {@code determine_available_memory} leaves with the weights vLLM printed: the GPU as
   * CUDA shows it, the engine's batch defaults for that GPU unless the case gives them, and the
   * plan's stated non-torch default.
   */
  private static double poolFromPrintedWeights(String model, JsonNode in) {
    var gpu = dev.paramscope.hardware.HardwareCatalog.builtIn().find(in.get("gpu").asText()).orElseThrow();
    PlanContext ctx = PlanFixtures.context(model, in.path("tp").asInt(1));
    VllmEngine engine = engine(in);
    boolean large = VllmProfile.largeGpu(gpu.runtimeVisibleBytes(), gpu.id());
    long seqs = in.path("max_num_seqs").asLong(VllmProfile.defaultMaxNumSeqs(engine, large));
    long maxLen = in.get("max_model_len").asLong();
    long tokens = in.has("max_num_batched_tokens") ? in.get("max_num_batched_tokens").asLong()
        : Math.min(seqs * maxLen, VllmProfile.defaultBatchedTokens(engine, large, maxLen));
    long act = VllmPolicy.activationPeakBytes(ctx, engine, tokens, in.has("max_num_seqs") ? seqs
        : Math.min(seqs, tokens));
    return VllmPolicy.poolBytes(gpu.runtimeVisibleBytes(), in.get("utilization").asDouble(),
        (long) (in.get("weights_gib").asDouble() * GIB), act, VllmPolicy.DEFAULT_NON_TORCH);
  }

  /**
   * KV tokens the V1 sampler pass costs: its peak less the forward pass's (which alone set the pool
   * before the sampler was profiled), plus bytes per logit that version also held, in KV tokens.
   */
  private static double samplerDeltaTokens(String model, JsonNode in) {
    PlanContext ctx = PlanFixtures.context(model, 1);
    long tokens = in.get("tokens").asLong();
    long seqs = in.get("max_num_seqs").asLong();
    long withSampler = VllmPolicy.activationPeakBytes(ctx, VllmEngine.V1, tokens, seqs)
        + in.get("extra_bytes_per_logit").asLong() * Math.min(seqs, tokens) * ctx.arch().vocabSize();
    long forwardOnly = VllmPolicy.activationPeakBytes(ctx, VllmEngine.V1, tokens, 0);
    return (double) (withSampler - forwardOnly) / in.get("kv_bytes_per_token").asLong();
  }

  private static double deriveLlamaCpp(JsonNode c, String model, JsonNode in) {
    switch (c.get("check").asText()) {
      case "params_b":
        return Math.round(PlanFixtures.context(model, 1).count().totalParams() / 1e7) / 100.0;
      case "weights_gib":
        return PlanFixtures.context(model, 1, in.get("dtype").asText(), null, PlanFixtures.settings(1)).shards()
            .weightBytes() / GIB;
      case "bits_per_weight": {
        PlanContext ctx = PlanFixtures.context(model, 1, in.get("dtype").asText(), null, PlanFixtures.settings(1));
        return ctx.shards().weightBytes() * 8.0 / ctx.count().totalParams();
      }
      case "n_embd_k_gqa":
        return ((dev.paramscope.model.MultiHeadAttention) PlanFixtures.context(model, 1).arch().layers().get(0)
            .attention()).keyValueWidth();
      case "n_swa":
        return PlanFixtures.context(model, 1).arch().layers().stream().mapToInt(l -> l.slidingWindow()).max()
            .orElse(0);
      default:
        return deriveLlamaCppKv(c, model, in);
    }
  }

  private static double deriveLlamaCppKv(JsonNode c, String model, JsonNode in) {
    boolean fa = in.path("flash_attn").asBoolean(false);
    long ubatch = in.path("n_ubatch").asLong(512);
    PlanContext ctx = PlanFixtures.context(model, 1, "Q4_K_M", KvDtype.FP16, PlanFixtures.llamaCpp(ubatch, fa));
    LlamaCppKv kv = new LlamaCppKv(ctx.shards(), KvDtype.FP16, KvDtype.FP16, fa, ubatch, in.path("n_seq").asLong(1));
    long nCtx = in.get("n_ctx").asLong();
    int n = ctx.arch().numLayers();
    switch (c.get("check").asText()) {
      case "llamacpp_kv_mib":
        return new Layout(ctx, kv, nCtx, ubatch, 0).kvBytes(0, n) / MIB;
      case "llamacpp_k_mib":
        return new Layout(ctx, kv, nCtx, ubatch, 0).keyBytes() / MIB;
      case "llamacpp_compute_mib":
        return new Layout(ctx, kv, nCtx, ubatch, 0).computeBuffer() / MIB;
      case "llamacpp_swa_cells":
        return kv.swaCells(nCtx, in.get("n_swa").asInt());
      case "llamacpp_kv_cells":
        return kv.cells(nCtx);
      default:
        throw new IllegalArgumentException("unknown check " + c.get("check"));
    }
  }
}
