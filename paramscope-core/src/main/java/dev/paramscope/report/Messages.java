package dev.paramscope.report;

import dev.paramscope.units.Lang;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The user-facing text of one language, from the bundles {@code dev/paramscope/report/messages*}
 * (UTF-8 properties read by {@link Properties}; {@code messages_zh} over {@code messages}, as a
 * resource bundle chain resolves them, without falling back to the default locale). Each language
 * is loaded on first use. Keys: {@code label.<key>} for report keys, {@code term.<key>} for terms,
 * and free keys for titles and notes. A missing key falls back to the key itself, so output never
 * fails for want of a translation (a test keeps the bundles complete).
 */
public final class Messages {
  static final String BUNDLE = "dev.paramscope.report.messages";

  private final Lang lang;
  private final Map<String, String> bundle;

  private Messages(Lang lang) {
    this.lang = lang;
    // No fallback to the default locale: --lang en must give English on a Chinese machine.
    Map<String, String> texts = new HashMap<>(512);
    load("messages.properties", texts);
    String language = lang.bundleLocale().getLanguage();
    if (!language.isEmpty()) {
      load("messages_" + language + ".properties", texts);
    }
    this.bundle = texts;
  }

  private static void load(String resource, Map<String, String> into) {
    try (InputStream in = Messages.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + BUNDLE + " (" + resource + ")");
      }
      Properties texts = new Properties();
      texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String key : texts.stringPropertyNames()) {
        into.put(key, texts.getProperty(key));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Lazy holders: a run in one language never reads the other's texts. */
  private static final class English {
    static final Messages INSTANCE = new Messages(Lang.EN);
  }

  private static final class Chinese {
    static final Messages INSTANCE = new Messages(Lang.ZH);
  }

  public static Messages of(Lang lang) {
    return lang == Lang.ZH ? Chinese.INSTANCE : English.INSTANCE;
  }

  public Lang lang() {
    return lang;
  }

  /** The text for {@code key}, or the key itself when the bundle lacks it. */
  public String get(String key) {
    String text = bundle.get(key);
    return text == null ? key : text;
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
