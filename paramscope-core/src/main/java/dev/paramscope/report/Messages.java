package dev.paramscope.report;

import dev.paramscope.units.Lang;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The user-facing text of one language, from the bundles {@code dev/paramscope/report/messages*}
 * (UTF-8 properties). Keys: {@code label.<key>} for report keys, {@code term.<key>} for terms,
 * and free keys for titles and notes. A missing key falls back to the key itself, so output never
 * fails for want of a translation (a test keeps the bundles complete).
 */
public final class Messages {
  static final String BUNDLE = "dev.paramscope.report.messages";

  private final Lang lang;
  private final ResourceBundle bundle;

  private Messages(Lang lang) {
    this.lang = lang;
    // No fallback to the default locale: --lang en must give English on a Chinese machine.
    this.bundle = ResourceBundle.getBundle(BUNDLE, lang.bundleLocale(),
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  private static final Messages EN = new Messages(Lang.EN);
  private static final Messages ZH = new Messages(Lang.ZH);

  public static Messages of(Lang lang) {
    return lang == Lang.ZH ? ZH : EN;
  }

  public Lang lang() {
    return lang;
  }

  /** The text for {@code key}, or the key itself when the bundle lacks it. */
  public String get(String key) {
    try {
      return bundle.getString(key);
    } catch (MissingResourceException e) {
      return key;
    }
  }

  /** True if the bundle has {@code key}. */
  public boolean has(String key) {
    return bundle.containsKey(key);
  }

  /** The label of a report key: {@code label.<key>}, else the key itself (metadata keys read as stored). */
  public String label(String key) {
    String full = "label." + key;
    return has(full) ? get(full) : key;
  }

  /** The header of a table column: {@code column.<key>} when the bundle has a shorter one, else the label. */
  public String column(String key) {
    String full = "column." + key;
    return has(full) ? get(full) : label(key);
  }

  /** The translation of a term: {@code term.<key>}, else the key. */
  public String term(String key) {
    String full = "term." + key;
    return has(full) ? get(full) : key;
  }

  /** A message with its arguments filled in. */
  public String format(Message message) {
    // Always through MessageFormat, so every bundle text follows one quoting rule ('' for ').
    return new MessageFormat(get(message.key()), Locale.ROOT).format(message.args().toArray());
  }
}
