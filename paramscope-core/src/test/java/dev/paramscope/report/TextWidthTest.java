package dev.paramscope.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextWidthTest {
  @Test
  void chineseCharactersTakeTwoColumns() {
    assertThat(TextWidth.of("参数总量")).isEqualTo(8);
    assertThat(TextWidth.of("BF16 精度")).isEqualTo(9);
  }

  @Test
  void wrapsAtSpacesWithIndent() {
    assertThat(TextWidth.wrap("aaa bbb ccc ddd", 9, "  ")).isEqualTo("aaa bbb\n  ccc ddd");
  }

  @Test
  void shortTextIsUntouched() {
    assertThat(TextWidth.wrap("  keep leading", 80, "  ")).isEqualTo("  keep leading");
  }

  @Test
  void longWordStaysWhole() {
    assertThat(TextWidth.wrap("see https://example.com/a/very/long/path now", 12, ""))
        .isEqualTo("see\nhttps://example.com/a/very/long/path\nnow");
  }

  @Test
  void chineseWrapsBetweenCharacters() {
    assertThat(TextWidth.wrap("参数总量参数总量", 8, "")).isEqualTo("参数总量\n参数总量");
  }
}
