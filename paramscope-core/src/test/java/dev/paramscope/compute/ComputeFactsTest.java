package dev.paramscope.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.paramscope.count.ParameterCounter;
import dev.paramscope.hardware.HardwareCatalog;
import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.query.ModelSource;
import java.util.List;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

/** Compute facts from the papers that published them. */
class ComputeFactsTest {
  private static ModelArchitecture arch(String id) {
    return ModelSource.resolve(id, null).architecture().orElseThrow();
  }

  @Test
  void gpt3TrainingCompute() {
    // Brown et al. 2020, Table D.1: GPT-3 175B on 300B tokens = 3.14e23 FLOPs; 6ND = 3.15e23.
    assertThat(6.0 * 175e9 * 300e9).isCloseTo(3.14e23, Percentage.withPercentage(0.5));
  }

  @Test
  void chinchillaCompute() {
    // Hoffmann et al. 2022: Chinchilla (70B, 1.4T tokens) used the same budget as Gopher, 5.76e23
    // FLOPs (Table 3); 6ND gives 5.88e23, within the 2% their FLOP accounting (Appendix F) differs by.
    assertThat(6.0 * 70e9 * 1.4e12).isCloseTo(5.76e23, Percentage.withPercentage(2.5));
  }

  @Test
  void computeOptimalTokensPerParameter() {
    // Hoffmann et al. 2022 (Table 3, Approaches 1 and 2) and Besiroglu et al. 2024 (§4): about 20
    // tokens per parameter. The Besiroglu refit at Chinchilla's budget: D/N = 20.0 within 10%.
    double c = 5.76e23;
    double ratio = ScalingLaw.BESIROGLU.optimalTokens(c) / ScalingLaw.BESIROGLU.optimalParams(c);
    assertThat(ratio).isCloseTo(20.0, Percentage.withPercentage(10));
    // The allocation spends exactly the budget: 6 N D = C.
    assertThat(6 * ScalingLaw.HOFFMANN.optimalParams(c) * ScalingLaw.HOFFMANN.optimalTokens(c))
        .isCloseTo(c, Percentage.withPercentage(1e-9));
  }

  @Test
  void chinchillaLossFromTheFit() {
    // Hoffmann et al. eq. 10 at N = 70e9, D = 1.4e12: 1.69 + 406.4/70e9^0.34 + 410.7/1.4e12^0.28.
    double expected = 1.69 + 406.4 / Math.pow(70e9, 0.34) + 410.7 / Math.pow(1.4e12, 0.28);
    assertThat(ScalingLaw.HOFFMANN.loss(70e9, 1.4e12)).isCloseTo(expected, within(1e-12));
    assertThat(expected).isCloseTo(1.937, within(0.001));
  }

  @Test
  void llama3405bTrainingCompute() {
    // Meta 2024, "The Llama 3 Herd of Models" §3.1: 3.8e25 FLOPs for 405B on 15.6T tokens; 6ND = 3.80e25.
    long n = ParameterCounter.count(arch("llama-3.1-405b")).activeParams();
    assertThat(6.0 * n * 15.6e12).isCloseTo(3.8e25, Percentage.withPercentage(1));
  }

  @Test
  void forwardFlopsAreTwoPerActiveWeightPlusAttention() {
    ModelArchitecture a = arch("llama-3.1-8b");
    var count = ParameterCounter.count(a);
    FlopsEstimator f = new FlopsEstimator(a, count);
    // Matmuls: 2 x (8,030,261,248 - 525,336,576 embedding lookup - 266,240 norm weights, which scale
    // rather than multiply) = 2 x 7,504,658,432.
    assertThat(f.linearPerToken()).isEqualTo(2.0 * (8_030_261_248L - 525_336_576L - 266_240L));
    // Attention at 8192: Kaplan's 2 n_layer n_ctx d_attn = 2 x 32 x 8192 x 4096.
    assertThat(f.attentionScoreFlops(8192)).isEqualTo(2.0 * 32 * 8192 * 4096);
  }

  @Test
  void loraAdapterParameters() {
    // Hu et al. 2021: r (d_in + d_out) per adapted matrix. Llama-2-7B, q and v, 32 layers of 4096:
    // rank 16: 32 x 2 x 16 x 8192 = 8,388,608; rank 8: 4,194,304 (PEFT prints the same).
    ModelArchitecture a = arch("llama-2-7b");
    assertThat(LoraAdapters.params(a, 16, List.of("q", "v"))).isEqualTo(8_388_608L);
    assertThat(LoraAdapters.params(a, 8, List.of("q_proj", "v_proj"))).isEqualTo(4_194_304L);
  }

  @Test
  void loraAttentionAdaptersSkipMambaAndMlpOnlyBlocks() throws Exception {
    // NVIDIA-Nemotron-Nano-9B-v2: 4 of its 56 blocks are attention ('*' in hybrid_override_pattern),
    // hidden 4480, 40 query and 8 KV heads of 128. PEFT finds q_proj/v_proj in those 4 only:
    // 16 x 4 x ((4480 + 5120) + (4480 + 1024)) = 966,656.
    String json;
    try (var in = ComputeFactsTest.class.getResourceAsStream(
        "/dev/paramscope/count/published/nvidia-nemotron-nano-9b-v2.json")) {
      json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    ModelArchitecture a = dev.paramscope.config.ConfigReader.parse(json, "nemotron-h", null);
    assertThat(LoraAdapters.params(a, 16, List.of("q", "v"))).isEqualTo(966_656L);
  }

  @Test
  void onlyAttentionBlocksKeepAttentionScores() throws Exception {
    // NVIDIA-Nemotron-Nano-9B-v2 (hidden 4480, 56 blocks, 4 of them attention with 40 heads, vocabulary
    // 131,072), s 4096, b 1, no recomputation: Korthikanti eq. 1's 34·sbh for every block, its
    // 5·a·s²·b score term for the 4 attention blocks only (not for the Mamba blocks' 128 heads), and
    // the FP32 logits 4·s·b·V: 56 x 623,902,720 + 4 x 3,355,443,200 + 2,147,483,648.
    String json;
    try (var in = ComputeFactsTest.class.getResourceAsStream(
        "/dev/paramscope/count/published/nvidia-nemotron-nano-9b-v2.json")) {
      json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    ModelArchitecture a = dev.paramscope.config.ConfigReader.parse(json, "nemotron-h", null);
    TrainingPlan plan = new TrainingPlan(1_000_000_000L, HardwareCatalog.builtIn().find("h100-sxm").orElseThrow(), 8,
        0.4, TrainingPlan.Method.FULL, 0, List.of(), 0, Optimizer.ADAMW, Recompute.NONE, 1, 4096, Double.NaN);
    assertThat(TrainingEstimator.estimate(a, ParameterCounter.count(a), plan).activationsBytes())
        .isEqualTo(56L * 623_902_720L + 4L * 3_355_443_200L + 2_147_483_648L);
  }

  @Test
  void adamNeedsSixteenBytesPerParameterNotEight() {
    // ZeRO §3.1: mixed-precision Adam keeps 2 (weights) + 2 (gradients) + 12 (FP32 copy, momentum,
    // variance) = 16 bytes per parameter: 7.5B parameters need 120 GB.
    ModelArchitecture a = arch("llama-3.1-8b");
    var count = ParameterCounter.count(a);
    TrainingPlan plan = new TrainingPlan(1_000_000_000L, HardwareCatalog.builtIn().find("h100-sxm").orElseThrow(), 8,
        0.4, TrainingPlan.Method.FULL, 0, List.of(), 0, Optimizer.ADAMW, Recompute.FULL, 1, 4096, Double.NaN);
    TrainingEstimate e = TrainingEstimator.estimate(a, count, plan);
    assertThat(e.weightsBytes() + e.gradientsBytes() + e.optimizerBytes()).isEqualTo(16L * 8_030_261_248L);
    TrainingPlan zero3 = new TrainingPlan(1_000_000_000L, plan.gpu(), 8, 0.4, TrainingPlan.Method.FULL, 0, List.of(), 3,
        Optimizer.ADAMW, Recompute.FULL, 1, 4096, Double.NaN);
    assertThat(TrainingEstimator.estimate(a, count, zero3).weightsBytes()).isEqualTo(2L * 8_030_261_248L / 8);
    assertThat(e.flops6nd()).isEqualTo(6.0 * 8_030_261_248L * 1e9);
  }

  @Test
  void korthikantiActivations() {
    // Korthikanti et al. 2022 eq. 1: s b h (34 + 5 a s / h) per layer. GPT-3 175B (h 12288, a 96),
    // s 2048, b 1: 2048 x 12288 x (34 + 5 x 96 x 2048 / 12288) = 2048 x 12288 x 114 bytes.
    assertThat(Recompute.NONE.layerBytes(2048, 1, 12288, 96)).isEqualTo(2048.0 * 12288 * 114);
    assertThat(Recompute.SELECTIVE.layerBytes(2048, 1, 12288, 96)).isEqualTo(2048.0 * 12288 * 34);
    assertThat(Recompute.FULL.layerBytes(2048, 1, 12288, 96)).isEqualTo(2048.0 * 12288 * 2);
  }

  @Test
  void moeDecodeReadsOnlyTouchedExperts() {
    // Uniform routing: a batch of 1 touches k experts; a large batch touches all E.
    assertThat(Roofline.expectedExperts(8, 2, 1)).isCloseTo(2.0, within(1e-12));
    assertThat(Roofline.expectedExperts(8, 2, 1000)).isCloseTo(8.0, within(1e-9));
  }
}
