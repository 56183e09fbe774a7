package dev.paramscope.units;

import java.util.Locale;

/** The languages paramscope speaks. Numbers are grouped the way each language counts. */
public enum Lang {
  /** English: K, M, B, T (powers of 10^3). */
  EN(Locale.ROOT),
  /** Chinese: 万 (10^4), 亿 (10^8), 万亿 (10^12). */
  ZH(Locale.SIMPLIFIED_CHINESE);

  private final Locale bundleLocale;

  Lang(Locale bundleLocale) {
    this.bundleLocale = bundleLocale;
  }

  /** The locale used to pick resource bundles (never for number formatting, which is fixed). */
  public Locale bundleLocale() {
    return bundleLocale;
  }

  /**
   * {@code zh} for a Chinese default locale, else {@code en}. The JVM falls back to English when
   * the system lacks the named locale, so the POSIX variables are read too, in their precedence:
   * {@code LC_ALL}, {@code LC_MESSAGES}, {@code LANG}.
   */
  public static Lang fromDefaultLocale() {
    if ("zh".equals(Locale.getDefault().getLanguage())) {
      return ZH;
    }
    return fromEnvironment(System.getenv());
  }

  /** The language the POSIX locale variables name: the first set of LC_ALL, LC_MESSAGES, LANG. */
  static Lang fromEnvironment(java.util.Map<String, String> env) {
    for (String name : new String[] {"LC_ALL", "LC_MESSAGES", "LANG"}) {
      String value = env.get(name);
      if (value != null && !value.isEmpty()) {
        return value.toLowerCase(Locale.ROOT).startsWith("zh") ? ZH : EN;
      }
    }
    return EN;
  }

  /** Parses {@code en} or {@code zh} (case-insensitive, region ignored: {@code zh_CN} is zh). */
  public static Lang parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.startsWith("zh")) {
      return ZH;
    }
    if (t.startsWith("en")) {
      return EN;
    }
    throw new IllegalArgumentException("unknown language '" + text + "' (expected en or zh)");
  }
}
