package dev.paramscope.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paramscope.BadInputException;
import dev.paramscope.count.ParameterCounter;
import dev.paramscope.model.DecoderLayer;
import dev.paramscope.model.DenseMlp;
import dev.paramscope.model.LatentAttention;
import dev.paramscope.model.MixtureOfExperts;
import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.model.MultiHeadAttention;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How config.json keys become the normalized architecture. */
class ConfigReaderTest {
  private static final String GEMMA3_1B_TEXT = """
      {"hidden_size":1152,"intermediate_size":6912,"num_attention_heads":4,"num_hidden_layers":26,
       "num_key_value_heads":1,"head_dim":256,"vocab_size":262144,"sliding_window":512,
       "sliding_window_pattern":6%s}""";

  private static ModelArchitecture parse(String json) {
    return ConfigReader.parse(json, "test.json", null);
  }

  @Test
  void namesTheModelFromNameOrPathElseItsFolder(@TempDir Path dir) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("org--tiny"));
    Files.writeString(folder.resolve("config.json"), """
        {"model_type":"llama","hidden_size":8,"num_hidden_layers":1,"num_attention_heads":2,
         "intermediate_size":16,"vocab_size":10,"torch_dtype":"bfloat16"}""");
    ModelArchitecture arch = ConfigReader.read(folder);
    assertThat(arch.name()).isEqualTo("org--tiny");
    assertThat(arch.torchDtype()).isEqualTo("bfloat16");
    assertThat(ConfigReader.parse("{\"_name_or_path\":\"org/x\",\"model_type\":\"llama\",\"hidden_size\":8,"
        + "\"num_hidden_layers\":1,\"num_attention_heads\":2,\"dtype\":\"float16\"}", "config.json", null))
        .satisfies(a -> {
          assertThat(a.name()).isEqualTo("org/x");
          assertThat(a.torchDtype()).isEqualTo("float16");
        });
  }

  @Test
  void countsAnUnknownMultimodalWrapperByItsTextConfigWithAWarning() {
    // A wrapper type we do not read (PaliGemma 2 here) is counted by its text_config's own type.
    String inner = GEMMA3_1B_TEXT.formatted(",\"model_type\":\"gemma3_text\"");
    ModelArchitecture wrapped = parse("{\"model_type\":\"paligemma\",\"text_config\":" + inner
        + ",\"vision_config\":{\"hidden_size\":1152}}");
    ModelArchitecture plain = parse(inner);

    assertThat(wrapped.modelType()).isEqualTo("gemma3_text");
    assertThat(wrapped.warnings()).singleElement().asString().contains("vision tower");
    // gemma-3-1b's text model: 999,885,952 (transformers, COUNTS.csv)
    assertThat(ParameterCounter.count(wrapped).totalParams()).isEqualTo(999_885_952L)
        .isEqualTo(ParameterCounter.count(plain).totalParams());
  }

  @Test
  void gemma3WithoutVisionConfigCountsItsTextConfigAndSaysSo() {
    // Gemma 3's text_config may leave out its model_type (the published 4B/12B/27B configs name it).
    ModelArchitecture arch = parse("{\"model_type\":\"gemma3\",\"text_config\":" + GEMMA3_1B_TEXT.formatted("") + "}");
    assertThat(arch.modelType()).isEqualTo("gemma3");
    assertThat(ParameterCounter.count(arch).totalParams()).isEqualTo(999_885_952L);
    assertThat(arch.warnings()).singleElement().asString().contains("without a vision_config");
    assertThatThrownBy(() -> parse("{\"model_type\":\"gemma3\",\"text_config\":{\"model_type\":\"llama\"}}"))
        .hasMessageContaining("with a 'llama' text_config is not read yet (only 'gemma3_text')");
  }

  @Test
  void unknownModelTypeIsRejectedListingSupportedTypes() {
    assertThatThrownBy(() -> parse("{\"model_type\":\"mamba\",\"hidden_size\":8}"))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("test.json: unsupported model_type 'mamba'; supported: ")
        .hasMessageContaining("deepseek_v3, deepseek_v32, ernie4_5, ernie4_5_moe, exaone4, falcon")
        .hasMessageContaining("--assume");
    // A near miss names the closest supported type (edit distance).
    assertThatThrownBy(() -> parse("{\"model_type\":\"qwen3_nxt\",\"hidden_size\":8}"))
        .hasMessageStartingWith("test.json: unsupported model_type 'qwen3_nxt' (nearest supported: qwen3_next); ");
    assertThatThrownBy(() -> parse("{\"hidden_size\":8}"))
        .hasMessageStartingWith("test.json: missing model_type; supported: ");
  }

  @Test
  void assumedFamilyCountsAnUnknownTypeWithAWarning() {
    String json = """
        {"model_type":"my_llama","hidden_size":4096,"intermediate_size":11008,"num_attention_heads":32,
         "num_hidden_layers":32,"vocab_size":32000}""";
    ModelArchitecture arch = ConfigReader.parse(json, "test.json", "llama");

    assertThat(arch.modelType()).isEqualTo("llama");
    assertThat(arch.warnings()).containsExactly(
        "model_type 'my_llama' is not supported; counted as 'llama' (--assume)");
    // Llama-2-7b's shape: 6,738,415,616
    assertThat(ParameterCounter.count(arch).totalParams()).isEqualTo(6_738_415_616L);
    assertThatThrownBy(() -> ConfigReader.parse(json, "test.json", "nonsense"))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("test.json: --assume: unknown family 'nonsense'; supported: ");
  }

  @Test
  void supportsEveryPromisedFamily() {
    assertThat(ConfigReader.supportedModelTypes()).contains("gpt2", "gpt_neox", "gptj", "opt", "bloom",
        "falcon", "RefinedWeb", "RefinedWebModel", "llama", "mistral", "mixtral", "qwen2", "qwen2_moe",
        "qwen3", "qwen3_moe", "gemma", "gemma2", "gemma3", "gemma3_text", "phi", "phi3", "phimoe",
        "stablelm", "olmo", "olmo2", "olmoe", "starcoder2", "deepseek_v2", "deepseek_v3", "kimi_k2",
        "glm4_moe", "gpt_oss", "glm4v_moe", "gemma3n", "gemma3n_text");
  }

  @Test
  void gemma2AlternatesSlidingAndGlobalLayers() {
    ModelArchitecture arch = parse("""
        {"model_type":"gemma2","hidden_size":64,"num_hidden_layers":4,"sliding_window":4096,
         "num_attention_heads":4,"num_key_value_heads":2,"head_dim":16}""");
    assertThat(arch.layers()).extracting(DecoderLayer::slidingWindow).containsExactly(4096, 0, 4096, 0);
    assertThat(arch.layers().get(0).norms()).hasSize(4);
  }

  @Test
  void gemma3MakesEveryPatternthLayerGlobal() {
    ModelArchitecture arch = parse(GEMMA3_1B_TEXT.formatted(",\"model_type\":\"gemma3_text\""));
    assertThat(arch.layers()).extracting(DecoderLayer::slidingWindow)
        .startsWith(512, 512, 512, 512, 512, 0, 512);
  }

  @Test
  void layerTypesDecideTheWindowsWhenListed() {
    ModelArchitecture arch = parse("""
        {"model_type":"gpt_oss","hidden_size":64,"num_hidden_layers":3,"num_attention_heads":4,
         "num_key_value_heads":2,"head_dim":16,"intermediate_size":32,"num_local_experts":4,
         "num_experts_per_tok":2,"vocab_size":50,"sliding_window":128,
         "layer_types":["full_attention","sliding_attention","sliding_attention"]}""");
    assertThat(arch.layers()).extracting(DecoderLayer::slidingWindow).containsExactly(0, 128, 128);
    MultiHeadAttention attention = (MultiHeadAttention) arch.layers().get(0).attention();
    assertThat(attention.sinks()).isTrue();
    assertThat(attention.qkvBias()).isTrue();
  }

  @Test
  void mistralSlidesEveryLayerUnlessTheWindowIsNull() {
    String json = """
        {"model_type":"mistral","hidden_size":64,"num_hidden_layers":2,"num_attention_heads":4,
         "num_key_value_heads":2,"sliding_window":%s}""";
    assertThat(parse(json.formatted("4096")).layers()).extracting(DecoderLayer::slidingWindow).containsExactly(4096, 4096);
    assertThat(parse(json.formatted("null")).layers()).extracting(DecoderLayer::slidingWindow).containsExactly(0, 0);
  }

  @Test
  void deepSeekKeepsTheFirstLayersDenseAndUsesLatentAttention() {
    ModelArchitecture arch = parse("""
        {"model_type":"deepseek_v3","hidden_size":64,"num_hidden_layers":5,"num_attention_heads":4,
         "intermediate_size":96,"moe_intermediate_size":16,"n_routed_experts":8,"n_shared_experts":1,
         "num_experts_per_tok":2,"first_k_dense_replace":2,"moe_layer_freq":1,"kv_lora_rank":16,
         "q_lora_rank":24,"qk_nope_head_dim":8,"qk_rope_head_dim":4,"v_head_dim":8,"vocab_size":100}""");
    assertThat(arch.layers()).extracting(l -> l.feedForward().getClass().getSimpleName())
        .containsExactly("DenseMlp", "DenseMlp", "MixtureOfExperts", "MixtureOfExperts", "MixtureOfExperts");
    LatentAttention mla = (LatentAttention) arch.layers().get(0).attention();
    assertThat(mla.qLoraRank()).isEqualTo(24);
    assertThat(((MixtureOfExperts) arch.layers().get(2).feedForward()).scoreCorrectionBias()).isTrue();
  }

  @Test
  void qwen2MoeHonoursSparseStepAndDenseOnlyLayers() {
    ModelArchitecture arch = parse("""
        {"model_type":"qwen2_moe","hidden_size":64,"num_hidden_layers":6,"num_attention_heads":4,
         "num_key_value_heads":4,"intermediate_size":96,"moe_intermediate_size":16,"num_experts":8,
         "num_experts_per_tok":2,"shared_expert_intermediate_size":32,"decoder_sparse_step":2,
         "mlp_only_layers":[3],"vocab_size":100}""");
    assertThat(arch.layers()).extracting(l -> l.feedForward() instanceof MixtureOfExperts)
        .containsExactly(false, true, false, false, false, true);
    assertThat(((DenseMlp) arch.layers().get(0).feedForward()).intermediateSize()).isEqualTo(96);
  }

  @Test
  void falconNewArchitectureUsesKvHeadsAndTwoParallelNorms() {
    ModelArchitecture arch = parse("""
        {"model_type":"RefinedWeb","hidden_size":8192,"n_head":128,"n_head_kv":8,"n_layer":2,
         "parallel_attn":true,"bias":false,"vocab_size":65024}""");
    MultiHeadAttention attention = (MultiHeadAttention) arch.layers().get(0).attention();
    assertThat(attention.numKeyValueHeads()).isEqualTo(8);
    assertThat(arch.layers().get(0).norms()).extracting(n -> n.name()).containsExactly("ln_attn", "ln_mlp");
  }

  @Test
  void theReadmeListsEverySupportedModelType() throws java.io.IOException {
    // The README's "Supported `model_type`s" paragraph is the user's list; it must not fall behind.
    String readme = java.nio.file.Files.readString(java.nio.file.Path.of("../README.md"));
    int start = readme.indexOf("Supported `model_type`s:");
    String paragraph = readme.substring(start, readme.indexOf("\n\n", start)).replaceAll("\\s+", " ");
    for (String type : ConfigReader.supportedModelTypes()) {
      assertThat(paragraph).as(type).containsPattern("[ `(]" + java.util.regex.Pattern.quote(type) + "[`,). ]");
    }
  }
}
