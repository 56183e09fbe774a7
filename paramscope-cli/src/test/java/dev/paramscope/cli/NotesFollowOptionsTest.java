package dev.paramscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Notes say what was computed, overrides included, and point the way when an answer is "no". */
class NotesFollowOptionsTest {
  @Test
  void overheadNoteShowsTheOverride() {
    CliRun run = CliRun.of("memory", "llama-3.1-8b", "--overhead", "2GiB", "--lang", "en");
    assertThat(run.out()).contains("Runtime vllm: 2.00 GiB overhead per GPU").doesNotContain("1.50 GiB");
  }

  /** QLoRA adapters are FP32, so AdamW keeps two moments (8 bytes) and no master copy. */
  @Test
  void qloraExplainUsesTheBytesPerParamOfTheTable() throws Exception {
    String[] args = {"train", "llama-3.1-8b", "--tokens", "100M", "--method", "qlora", "--lora-rank", "16"};
    JsonNode json = new ObjectMapper().readTree(CliRun.of(concat(args, "--format", "json")).out());
    long perParam = json.get("memory_per_gpu").get("optimizer").asLong() / json.get("trained_params").asLong();
    assertThat(perParam).isEqualTo(8);
    assertThat(CliRun.of(concat(args, "--explain", "--lang", "en")).out()).contains("bytes/param = 8,");
  }

  @Test
  void loraDefaultsToWholeLayerRecomputeAsPeftDoes() throws Exception {
    JsonNode lora = new ObjectMapper().readTree(CliRun.of("train", "llama-3.1-8b", "--tokens", "1B", "--method",
        "lora", "--format", "json").out());
    JsonNode full = new ObjectMapper().readTree(CliRun.of("train", "llama-3.1-8b", "--tokens", "1B", "--format",
        "json").out());
    assertThat(lora.get("recompute").asText()).isEqualTo("full");
    assertThat(full.get("recompute").asText()).isEqualTo("selective");
  }

  @Test
  void trainingThatDoesNotFitSuggestsZeroThreeAndMoreGpus() {
    CliRun en = CliRun.of("train", "llama-3.1-70b", "--tokens", "1T", "--gpu", "h100x8", "--lang", "en");
    assertThat(en.out()).contains("Fits in one GPU         no").contains("--zero 3").contains("more GPUs");
    CliRun zh = CliRun.of("train", "llama-3.1-70b", "--tokens", "1T", "--gpu", "h100x8", "--lang", "zh");
    assertThat(zh.out()).contains("--zero 3").contains("增加 GPU");
    assertThat(CliRun.of("train", "llama-3.1-8b", "--tokens", "100M", "--method", "qlora", "--lang", "en").out())
        .doesNotContain("--zero 3");
  }

  /** Llama 3.1 declares max_position_embeddings 131072. */
  @Test
  void contextBeyondTheConfigsMaximumIsWarnedAbout() {
    assertThat(CliRun.of("memory", "llama-3.1-8b", "--context", "1M", "--lang", "en").out())
        .contains("Warning: context 1000000 is beyond the 131072 tokens the config declares");
    assertThat(CliRun.of("memory", "llama-3.1-8b", "--context", "1M", "--lang", "zh").out())
        .contains("警告：上下文 1000000 超过配置声明的 131072 个 token");
    assertThat(CliRun.of("memory", "llama-3.1-8b", "--context", "131072", "--lang", "en").out())
        .doesNotContain("Warning: context");
  }

  /** 激活参数 (active parameters) and 激活值 (activations) are two things; a bare 激活 is neither. */
  @Test
  void chineseTellsActiveParametersFromActivations() throws Exception {
    String bundle;
    try (java.io.InputStream in = getClass().getResourceAsStream("/dev/paramscope/report/messages_zh.properties")) {
      bundle = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    String page;
    try (java.io.InputStream in = getClass().getResourceAsStream("/dev/paramscope/cli/serve/web/i18n.js")) {
      page = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    for (String text : new String[] {bundle, page}) {
      assertThat(text).contains("激活参数").contains("激活值").doesNotContainPattern("激活(?!参数|值)");
    }
    assertThat(CliRun.of("memory", "llama-3.1-8b", "--lang", "zh").out()).contains("激活值峰值");
  }

  /** The A100 has no FP8 tensor cores (catalog: no fp8 peak): FP8 weights are computed at BF16, and say so. */
  @Test
  void a100IsNotLabelledFp8() throws Exception {
    JsonNode a100 = new ObjectMapper().readTree(CliRun.of("speed", "llama-3.1-8b", "--gpu", "a100", "--dtype", "fp8",
        "--format", "json").out());
    JsonNode h100 = new ObjectMapper().readTree(CliRun.of("speed", "llama-3.1-8b", "--gpu", "h100", "--dtype", "fp8",
        "--format", "json").out());
    assertThat(a100.get("compute_dtype").asText()).isEqualTo("bf16");
    assertThat(a100.get("dtype").asText()).isEqualTo("fp8");
    assertThat(h100.get("compute_dtype").asText()).isEqualTo("fp8");
  }

  /** GPU memory capacity in GiB, as vendors state it: 24 and 80, not 25.8 and 85.9 GB. */
  @Test
  void gpuCapacityIsShownInGib() {
    String table = CliRun.of("hardware", "--lang", "en").out();
    assertThat(table).contains("Memory GiB").containsPattern("rtx-4090 +24\\.0 ").containsPattern("h100-sxm +80\\.0 ");
    assertThat(CliRun.of("fit", "llama-3.1-70b", "--gpu", "h100x2", "--lang", "en").out())
        .contains("the model's max_position_embeddings");
  }

  /** Llama 3.1 70B on one 24 GB card: only IQ2_XXS (2.0625 bits, about 18 GB of weights) fits. */
  @Test
  void fitGoesDownToTwoBitTypes() throws Exception {
    JsonNode fit = new ObjectMapper().readTree(CliRun.of("fit", "llama-3.1-70b", "--gpu", "rtx-4090", "--format",
        "json").out());
    assertThat(fit.get("best_dtype").asText()).isEqualTo("iq2_xxs");
  }

  /** Help in Chinese with --lang zh: every command's description and the headings (picocli's resource bundle). */
  @Test
  void helpIsTranslatedWithLangZh() {
    String memory = CliRun.of("memory", "--help", "--lang", "zh").out();
    assertThat(memory).startsWith("用法：").contains("推理显存：权重、KV 缓存、激活值").doesNotContain("Inference memory:");
    String top = CliRun.of("--help", "--lang", "zh").out();
    assertThat(top).contains("把大语言模型的参数规模具体化").contains("命令：").contains("精确总参数量")
        .contains("屋顶线速度").contains("推理显存");
    assertThat(CliRun.of("memory", "--help", "--lang", "en").out()).contains("Inference memory:");
  }

  private static String[] concat(String[] args, String... more) {
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }
}
