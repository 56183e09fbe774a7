package dev.paramscope.units;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LangTest {
  @Test
  void posixVariablesNameTheLanguageInTheirPrecedence() {
    assertThat(Lang.fromEnvironment(Map.of("LANG", "zh_CN.UTF-8"))).isEqualTo(Lang.ZH);
    assertThat(Lang.fromEnvironment(Map.of("LANG", "zh_CN.UTF-8", "LC_ALL", "en_US.UTF-8"))).isEqualTo(Lang.EN);
    assertThat(Lang.fromEnvironment(Map.of("LC_MESSAGES", "zh_TW", "LANG", "C.UTF-8"))).isEqualTo(Lang.ZH);
    assertThat(Lang.fromEnvironment(Map.of())).isEqualTo(Lang.EN);
  }

  @Test
  void parsesRegions() {
    assertThat(Lang.parse("zh_CN")).isEqualTo(Lang.ZH);
    assertThat(Lang.parse("EN")).isEqualTo(Lang.EN);
  }
}
