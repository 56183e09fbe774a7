package dev.paramscope.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paramscope.BadInputException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CatalogReaderTest {
  private static final String FIGURE =
      "{'total_params': 100, 'status': 'official', 'source': 'paper'}";
  private static final String GOOD = "{'id': 'tiny-1b', 'name': 'Tiny', 'organisation': 'Org',"
      + " 'released': '2024-01', 'source': 'src', 'figures': [" + FIGURE + "]}";

  private static Catalog read(String json) {
    byte[] bytes = json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    return Catalog.read(new ByteArrayInputStream(bytes), "test.json");
  }

  @Test
  void readsAValidEntry() {
    CatalogEntry entry = read("{'entries': [" + GOOD + "]}").find("TINY-1B").orElseThrow();
    assertThat(entry.headline()).map(ParamFigure::totalParams).contains(100L);
    assertThat(entry.hfRepo()).isEmpty();
    assertThat(entry.figures().get(0).note()).isEmpty();
  }

  @Test
  void rejectsARepeatedId() {
    assertThatThrownBy(() -> read("{'entries': [" + GOOD + "," + GOOD + "]}"))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("test.json: entries[1] (tiny-1b)")
        .hasMessageContaining("repeated");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "'id': 'tiny-1b'|'id': 'Tiny_1B'|lowercase slug",
    "'released': '2024-01'|'released': '2024-13'|YYYY-MM",
    "'source': 'src',|'source': '  ',|source must not be blank",
    "'total_params': 100|'total_params': -5|must be positive",
    "'total_params': 100|'total_params': 1.5|whole number",
    "'status': 'official'|'status': 'leaked'|not one of exact, official",
    "'status': 'official'|'status': 'official', 'active_params': 200|at most total_params",
    "'figures': [" + FIGURE + "]|'figures': []|needs a config or at least one figure",
    "'figures': [" + FIGURE + "]|'config': {'hidden_size': 8}|model_type",
    "'name': 'Tiny'|'name': 7|name must be a string",
  })
  void rejectsMalformedEntriesNamingTheField(String from, String to, String problem) {
    String broken = GOOD.replace(from, to);
    assertThat(broken).isNotEqualTo(GOOD);
    assertThatThrownBy(() -> read("{'entries': [" + broken + "]}"))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("test.json: entries[0]")
        .hasMessageContaining(problem);
  }

  @Test
  void rejectsAFileThatIsNotACatalog() {
    assertThatThrownBy(() -> read("{'models': []}"))
        .isInstanceOf(BadInputException.class).hasMessageContaining("\"entries\" array");
    assertThatThrownBy(() -> read("{'entries': [")).isInstanceOf(BadInputException.class)
        .hasMessageContaining("not valid JSON");
  }
}
