package dev.paramscope.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Both bundles load through the class loader, as UTF-8. */
class MessagesJarTest {

  @Test
  void bothLanguagesLoadFromWhereverTheClassesAre() {
    // Chinese text survives: the bundles are UTF-8, not Properties' default ISO-8859-1.
    assertThat(Messages.of(dev.paramscope.units.Lang.ZH).get("title.seed")).matches(".*[\\u4e00-\\u9fff].*");
    assertThat(Messages.of(dev.paramscope.units.Lang.EN).get("title.seed")).isNotEqualTo("title.seed");
    assertThat(Messages.of(dev.paramscope.units.Lang.ZH).get("title.seed")).isNotEqualTo("title.seed")
        .isNotEqualTo(Messages.of(dev.paramscope.units.Lang.EN).get("title.seed"));
  }
}
