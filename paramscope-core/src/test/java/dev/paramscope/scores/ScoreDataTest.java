package dev.paramscope.scores;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paramscope.catalog.Catalog;
import org.junit.jupiter.api.Test;

class ScoreDataTest {
  @Test
  void everyDatasetHasItsLicenceAndAttribution() {
    ScoreData data = ScoreData.builtIn();
    assertThat(data.datasets()).extracting(ScoreData.Dataset::key).containsExactly("simple-evals", "epoch-notable-models");
    assertThat(data.datasets().get(0).licence()).startsWith("MIT");
    assertThat(data.datasets().get(0).attribution()).contains("https://github.com/openai/simple-evals");
    assertThat(data.datasets().get(1).licence()).startsWith("CC BY 4.0");
    assertThat(data.datasets().get(1).attribution()).contains("Epoch AI");
  }

  @Test
  void publishedFiguresLoadBesideCatalogIds() {
    ScoreData data = ScoreData.builtIn();
    // simple-evals README: claude-3.5-sonnet MMLU 88.3, GPQA 59.4 (reported by Anthropic).
    ScoreData.ModelScores claude = data.find("claude-3.5-sonnet").orElseThrow();
    assertThat(claude.mmlu()).hasValue(88.3);
    assertThat(claude.gpqaDiamond()).hasValue(59.4);
    assertThat(claude.trainingComputeFlop()).hasValue(4.98e25);
    assertThat(claude.scoresFrom().orElseThrow().key()).isEqualTo("simple-evals");
    assertThat(claude.computeFrom().orElseThrow().key()).isEqualTo("epoch-notable-models");
    assertThat(data.find("qwen3-235b-a22b")).isEmpty();
    assertThat(data.find("gpt-4").orElseThrow().mmlu()).isEmpty();
  }

  @Test
  void everyIdIsInTheCatalog() {
    for (String id : new String[] {"gpt-4o", "gpt-4o-mini", "claude-3.5-sonnet", "o1-preview", "o1-mini", "gpt-4",
        "llama-3.1-405b", "llama-3.1-70b", "llama-3.1-8b"}) {
      assertThat(ScoreData.builtIn().find(id)).as(id).isPresent();
      assertThat(Catalog.builtIn().find(id)).as(id).isPresent();
    }
  }
}
