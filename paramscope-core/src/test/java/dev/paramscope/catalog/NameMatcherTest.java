package dev.paramscope.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NameMatcherTest {
  @Test
  void levenshteinDistanceOfTextbookPairs() {
    assertThat(NameMatcher.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(NameMatcher.distance("", "abc")).isEqualTo(3);
    assertThat(NameMatcher.distance("h100", "h100")).isZero();
  }

  @Test
  void ordersByDistanceThenNameAndCapsTheList() {
    List<String> names = List.of("h200", "h100-sxm", "h100", "a100", "b200", "l4");
    assertThat(NameMatcher.closeMatches("H10", names)).containsExactly("h100", "h100-sxm", "a100",
        "h200");
    assertThat(NameMatcher.closeMatches(" ", names)).isEmpty();
    assertThat(NameMatcher.closeMatches("x", List.of("a", "b", "c", "d", "e", "f")))
        .hasSize(NameMatcher.MAX_SUGGESTIONS);
  }
}
