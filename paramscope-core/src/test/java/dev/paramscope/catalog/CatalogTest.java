package dev.paramscope.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CatalogTest {
  private static final Catalog CATALOG = Catalog.builtIn();

  /** The families the brief and issue 12 name; every config entry must be one of them. */
  private static final Set<String> FAMILIES = Set.of(
      "gpt2", "gpt_neox", "gptj", "opt", "bloom", "falcon", "llama", "mistral", "mixtral",
      "qwen2", "qwen2_moe", "qwen3", "qwen3_moe", "gemma", "gemma2", "gemma3_text", "phi", "phi3",
      "phimoe", "stablelm", "olmo", "olmo2", "olmoe", "starcoder2", "deepseek_v2", "deepseek_v3",
      "kimi_k2", "glm4_moe", "gpt_oss", "llama4", "qwen3_next", "qwen3_vl", "qwen3_vl_moe", "deepseek_v32",
      "kimi_linear", "minimax_m2", "olmo3", "smollm3", "seed_oss", "exaone4", "granitemoehybrid", "lfm2",
      "gemma3", "mistral3", "kimi_vl", "nemotron_h");

  @Test
  void builtInLoadsOnceWithSlugIdsThatAreUnique() {
    assertThat(Catalog.builtIn()).isSameAs(CATALOG);
    List<String> ids = CATALOG.entries().stream().map(CatalogEntry::id).toList();
    assertThat(ids).doesNotHaveDuplicates();
    assertThat(ids).allMatch(id -> CatalogEntry.ID_SLUG.matcher(id).matches());
    assertThat(ids).contains("llama-3.1-8b", "gpt-4o", "gpt-4o-mini", "claude-3.5-sonnet",
        "deepseek-v3", "qwen3-30b-a3b", "mixtral-8x7b");
  }

  @Test
  void atLeastFortyOpenModelsEachFromASupportedFamilyWithItsHfRepo() {
    List<CatalogEntry> open = CATALOG.entries().stream()
        .filter(entry -> entry.config().isPresent()).toList();
    assertThat(open).hasSizeGreaterThanOrEqualTo(40);
    for (CatalogEntry entry : open) {
      assertThat(entry.modelType()).as(entry.id()).get().isIn(FAMILIES);
      assertThat(entry.hfRepo()).as(entry.id()).contains("/");
      assertThat(entry.source()).as(entry.id()).contains("https://huggingface.co/" + entry.hfRepo());
      assertThat(entry.publishedParams()).as(entry.id()).isNotBlank();
    }
    assertThat(open.stream().map(entry -> entry.modelType().orElseThrow()).distinct())
        .as("every family named in the brief has an entry")
        .containsExactlyInAnyOrderElementsOf(FAMILIES);
  }

  /**
   * Source: Ben Abacha et al., "MEDEC", Microsoft, arXiv:2412.19260 (Dec 2024), which gives these
   * as estimates of undisclosed sizes.
   */
  @ParameterizedTest
  @CsvSource({
    "gpt-4,             1760000000000",
    "gpt-4o,            200000000000",
    "gpt-4o-mini,       8000000000",
    "o1-preview,        300000000000",
    "o1-mini,           100000000000",
    "claude-3.5-sonnet, 175000000000",
    "chatgpt,           175000000000",
  })
  void closedModelsCarryTheMedecEstimateAsHeadline(String id, long total) {
    CatalogEntry entry = CATALOG.find(id).orElseThrow();
    ParamFigure headline = entry.headline().orElseThrow();
    assertThat(headline.totalParams()).isEqualTo(total);
    assertThat(headline.activeParams()).isNull();
    assertThat(headline.status()).isEqualTo(FigureStatus.ESTIMATE);
    assertThat(headline.source()).contains("arXiv:2412.19260", "MEDEC");
    assertThat(headline.note()).contains("estimate");
    assertThat(entry.config()).isEmpty();
  }

  @Test
  void gpt4KeepsBothDisagreeingFiguresEachWithItsSource() {
    List<ParamFigure> figures = CATALOG.find("gpt-4").orElseThrow().figures();
    assertThat(figures).extracting(ParamFigure::totalParams, ParamFigure::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1_760_000_000_000L, FigureStatus.ESTIMATE),
            org.assertj.core.groups.Tuple.tuple(1_800_000_000_000L, FigureStatus.RUMOUR));
    assertThat(figures.get(1).source()).contains("SemiAnalysis", "GPT-MoE-1.8T");
  }

  /** GPT-3: Brown et al. 2020 (arXiv:2005.14165); PaLM: Chowdhery et al. 2022 (arXiv:2204.02311). */
  @ParameterizedTest
  @CsvSource({"gpt-3, 175000000000, 2005.14165", "palm, 540000000000, 2204.02311"})
  void makerStatedFiguresAreOfficial(String id, long total, String arxiv) {
    ParamFigure headline = CATALOG.find(id).orElseThrow().headline().orElseThrow();
    assertThat(headline.totalParams()).isEqualTo(total);
    assertThat(headline.status()).isEqualTo(FigureStatus.OFFICIAL);
    assertThat(headline.source()).contains(arxiv);
  }

  /** Values from the published config.json files named by hf_repo. */
  @ParameterizedTest
  @CsvSource({
    "llama-3.1-405b,  llama,      hidden_size,          16384",
    "llama-3.2-1b,    llama,      num_hidden_layers,    16",
    "deepseek-v3,     deepseek_v3, n_routed_experts,    256",
    "kimi-k2,         kimi_k2,    n_routed_experts,     384",
    "glm-4.5,         glm4_moe,   num_hidden_layers,    92",
    "gpt-oss-120b,    gpt_oss,    num_local_experts,    128",
    "qwen3-235b-a22b, qwen3_moe,  num_hidden_layers,    94",
    "mixtral-8x22b,   mixtral,    hidden_size,          6144",
  })
  void openModelsCarryTheirArchitecture(String id, String modelType, String key, long value) {
    CatalogEntry entry = CATALOG.find(id).orElseThrow();
    assertThat(entry.modelType()).contains(modelType);
    assertThat(entry.config().orElseThrow().get(key).asLong()).isEqualTo(value);
    assertThat(entry.figures()).isEmpty();
  }

  @Test
  void configAccessorHandsOutCopies() {
    CatalogEntry entry = CATALOG.find("gpt2").orElseThrow();
    ((com.fasterxml.jackson.databind.node.ObjectNode) entry.config().orElseThrow())
        .put("n_layer", 1);
    assertThat(entry.config().orElseThrow().get("n_layer").asInt()).isEqualTo(12);
  }

  @Test
  void findIgnoresCaseAndFilterMatchesIdNameOrOrganisation() {
    assertThat(CATALOG.find(" Llama-3.1-8B ")).map(CatalogEntry::name).contains("Llama 3.1 8B");
    assertThat(CATALOG.find("no-such-model")).isEmpty();
    assertThat(CATALOG.find(null)).isEmpty();
    assertThat(CATALOG.filter("anthropic")).extracting(CatalogEntry::id)
        .containsExactly("claude-3.5-sonnet");
    assertThat(CATALOG.filter("Mixtral")).extracting(CatalogEntry::id)
        .containsExactly("mixtral-8x7b", "mixtral-8x22b");
    assertThat(CATALOG.filter("")).hasSameSizeAs(CATALOG.entries());
  }

  @Test
  void closeMatchesSuggestIdsForTyposAndFragments() {
    assertThat(CATALOG.closeMatches("lama-3.1-8b")).first().isEqualTo("llama-3.1-8b");
    assertThat(CATALOG.closeMatches("gpt4o")).contains("gpt-4o");
    assertThat(CATALOG.closeMatches("deepseek")).contains("deepseek-v3", "deepseek-r1");
    assertThat(CATALOG.closeMatches("zzzzzzzzzzzz")).isEmpty();
  }

  /**
   * The current open models the catalog carries count to their checkpoints (each figure and its
   * source is a row of dev.paramscope.count.CurrentArchitecturesTest or below); MTP modules stay extra.
   * Qwen3-235B-A22B-Instruct-2507 and Qwen3-30B-A3B-Instruct-2507 keep the April releases' dimensions:
   * Hub safetensors totals 235,093,634,560 and 30,532,122,624 (BF16).
   * Phi-4: Hub safetensors total 14,659,507,200 (BF16). NVIDIA-Nemotron-Nano-9B-v2: 8,888,227,328 (see
   * CurrentArchitecturesTest).
   * Not listed, as their checkpoints hold more than the body we count: GLM-4.6's Hub total
   * 356,785,898,816 is our 352,797,829,024 plus its stored MTP layer 92 without the embedding and head
   * copies (5,539,962,272 - 2 x 151,552 x 5,120 = 3,988,070,112), where GLM-4.5's 358,337,791,296 keeps
   * those copies; DeepSeek-V3 and Kimi K2 ship FP8 with weight_scale_inv tensors (dev.paramscope.count
   * .MoeCountsTest). DeepSeek-V3.1 keeps V3's shapes and V3's Hub total, 684,531,386,000 = our
   * 671,026,419,200 + the MTP layer 13,463,426,304 + 41,540,496 F32 weight_scale_inv values, one per
   * 128 x 128 block of each FP8 matrix: 11,448 for the MLA projections of each of the 62 layers, 24,192
   * for each of the 3 dense MLPs and 690,816 for the 257 experts of each of the 59 MoE layers (V3's Hub
   * split has F32 41,555,600: these and the 59 x 256 e_score_correction_bias we count). Kimi K2 Instruct
   * 0905 (K2's shapes, FP8 as K2) has no first-hand Hub total to hold it to; Kimi K2 Thinking stores its
   * routed experts as INT4 packed eight to an int32 (compressed-tensors pack-quantized), so a count of
   * its stored elements is not its parameter count.
   */
  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.CsvSource({
      "llama-3.3-70b, 70553706496", "gemma-3-4b, 4300079472", "gemma-3-12b, 12187325040",
      "gemma-3-27b, 27432406640", "mistral-small-3.2-24b, 24011361280",
      "llama-4-scout, 108641793536", "llama-4-maverick, 401583781376",
      "qwen3-coder-480b-a35b, 480154875392", "qwen3-next-80b-a3b, 79674391296",
      "qwen3-vl-8b, 8767123696", "qwen3-vl-30b-a3b, 31070754032",
      "deepseek-v3.2, 671877944064", "kimi-linear-48b-a3b, 49122681728", "minimax-m2, 228689764864",
      "kimi-vl-a3b, 16407656048",
      "olmo-3-7b, 7298011136", "smollm3-3b, 3075098624", "seed-oss-36b, 36151104512",
      "exaone-4.0-32b, 32003216384", "granite-4.0-h-micro, 3191396096", "granite-4.0-micro, 3402836480",
      "lfm2-1.2b, 1170340608", "qwen3-235b-a22b-2507, 235093634560", "qwen3-30b-a3b-2507, 30532122624",
      "phi-4, 14659507200", "nemotron-nano-9b-v2, 8888227328",
      "nemotron-3-nano-30b-a3b, 31577940288"})
  void currentOpenModelsCountTheirCheckpoints(String id, long total) {
    assertThat(dev.paramscope.query.ModelSource.resolve(id, null).totalParams()).isEqualTo(total);
  }
}
