package dev.paramscope.config;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** All families, keyed by the {@code model_type} values they read. */
final class FamilyRegistry {
  private static final List<Family> FAMILIES = List.of(
      new Gpt2Family(), new GptNeoxFamily(), new GptjFamily(), new OptFamily(), new BloomFamily(),
      new FalconFamily(), new LlamaFamily(), new MistralFamily(), new MixtralFamily(),
      new Qwen2Family(), new Qwen2MoeFamily(), new Qwen3Family(), new Qwen3MoeFamily(),
      new GemmaFamily(), new Gemma2Family(), new Gemma3TextFamily(), new Gemma3nFamily(), new PhiFamily(),
      new Phi3Family(), new PhimoeFamily(), new StableLmFamily(), new OlmoFamily(),
      new Olmo2Family(), new OlmoeFamily(), new Starcoder2Family(), new DeepseekFamily(),
      new Glm4MoeFamily(), new GptOssFamily(), new Qwen3NextFamily(), new Llama4Family(), new Olmo3Family(),
      new SmolLm3Family(), new SeedOssFamily(), new GraniteMoeHybridFamily(),
      new Exaone4Family(), new MiniMaxM2Family(), new KimiLinearFamily(),
      new Lfm2Family(), new Qwen3VlFamily(), new Glm4vMoeFamily(), new MiniMaxFamily(),
      new ApertusFamily(), new NemotronHFamily(), new Ernie45Family(), new HunyuanFamily(),
      new FalconH1Family(), new MiniCpm3Family(), new Gemma3Family(), new Mistral3Family(),
      new KimiVlFamily());

  private static final Map<String, Family> BY_TYPE = index();

  private FamilyRegistry() {}

  private static Map<String, Family> index() {
    Map<String, Family> byType = new TreeMap<>();
    for (Family family : FAMILIES) {
      for (String type : family.modelTypes()) {
        if (byType.put(type, family) != null) {
          throw new IllegalStateException("two families read model_type " + type);
        }
      }
    }
    return Collections.unmodifiableMap(byType);
  }

  /** The family reading {@code modelType}, or null. */
  static Family find(String modelType) {
    return modelType == null ? null : BY_TYPE.get(modelType);
  }

  static SortedSet<String> supportedModelTypes() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(BY_TYPE.keySet()));
  }
}
