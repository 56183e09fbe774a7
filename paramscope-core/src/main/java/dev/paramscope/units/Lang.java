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

  /** {@code zh} for a Chinese default locale, else {@code en}. */
  public static Lang fromDefaultLocale() {
    return "zh".equals(Locale.getDefault().getLanguage()) ? ZH : EN;
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
