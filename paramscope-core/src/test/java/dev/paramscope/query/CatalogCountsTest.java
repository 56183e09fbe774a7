package dev.paramscope.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paramscope.catalog.Catalog;
import dev.paramscope.catalog.CatalogEntry;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The catalog's open models, counted by our counter from the configs the catalog stores. */
class CatalogCountsTest {

  static Stream<CatalogEntry> configEntries() {
    return Catalog.builtIn().entries().stream().filter(e -> e.config().isPresent());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configEntries")
  void everyConfigCountsCloseToTheMakersRoundedFigure(CatalogEntry entry) {
    ResolvedModel model = ModelSource.fromCatalog(entry, null);
    assertThat(model.status()).isEqualTo("exact");
    double published = headline(entry.publishedParams());
    // Makers round ("7B" for Llama-2-7b's 6.74B, "1.3B" for phi-1.5's 1.42B): within 10%.
    assertThat(model.totalParams() / published).as(entry.id() + " vs " + entry.publishedParams())
        .isBetween(0.90, 1.10);
    assertThat(model.activeParams()).isLessThanOrEqualTo(model.totalParams());
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(textBlock = """
      # Exact counts the Hugging Face hub reports for each repo's safetensors (index total_size / 2 for BF16).
      llama-3.2-1b,     1235814400
      llama-3.2-3b,     3212749824
      llama-2-13b,      13015864320
      llama-2-70b,      68976648192
      llama-3.1-70b,    70553706496
      llama-3.1-405b,   405853388800
      qwen2.5-0.5b,     494032768
      qwen2.5-72b,      72706203648
      gemma-2b,         2506172416
      gemma-7b,         8537680896
      gemma-2-27b,      27227128320
      phi-1.5,          1418270720
      mixtral-8x22b,    140620634112
      qwen3-235b-a22b,  235093634560
      deepseek-v2,      235741434880
      deepseek-v3,      671026419200
      """)
  void publishedExactCounts(String id, long expected) {
    assertThat(ModelSource.resolve(id, null).totalParams()).isEqualTo(expected);
  }

  @Test
  void theSeedModelsAreEstimatesFromMedec() {
    for (String id : new String[] {"gpt-4o", "gpt-4o-mini", "claude-3.5-sonnet"}) {
      ResolvedModel m = ModelSource.resolve(id, null);
      assertThat(m.status()).isEqualTo("estimate");
      assertThat(m.source()).contains("arXiv:2412.19260");
      assertThat(m.architecture()).isEmpty();
    }
    assertThat(ModelSource.resolve("gpt-4o", null).totalParams()).isEqualTo(200_000_000_000L);
    assertThat(ModelSource.resolve("gpt-4o-mini", null).totalParams()).isEqualTo(8_000_000_000L);
    assertThat(ModelSource.resolve("claude-3.5-sonnet", null).totalParams()).isEqualTo(175_000_000_000L);
  }

  @Test
  void seedRowsAllResolve() {
    for (String id : SeedQuery.MODEL_IDS) {
      assertThat(Catalog.builtIn().find(id)).as(id).isPresent();
    }
  }

  private static final Pattern IN_PARENS = Pattern.compile("\\(([\\d.]+)([MBT])\\)");
  private static final Pattern FIRST = Pattern.compile("([\\d.]+)([MBT])");

  /** The precise figure in parentheses when given ("7B (8.5B)"), else the first ("46.7B total"). */
  private static double headline(String published) {
    Matcher m = IN_PARENS.matcher(published);
    if (!m.find()) {
      m = FIRST.matcher(published);
      assertThat(m.find()).as("published figure in '%s'", published).isTrue();
    }
    double scale = switch (m.group(2)) {
      case "M" -> 1e6;
      case "B" -> 1e9;
      default -> 1e12;
    };
    return Double.parseDouble(m.group(1)) * scale;
  }
}
