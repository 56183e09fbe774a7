package dev.paramscope.report;

import dev.paramscope.units.Lang;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The user-facing text of one language, from the bundles {@code dev/paramscope/report/messages*}
 * (UTF-8 properties; {@code messages_zh} over {@code messages}, as a resource bundle chain would
 * resolve them, read directly and parsed by {@link PropertiesText} because {@code ResourceBundle}'s
 * lookup machinery cost ~10% of a cold {@code inspect} run). Each language is loaded on first use. Keys: {@code label.<key>} for report keys, {@code term.<key>} for terms,
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
    try {
      byte[] bytes = fromOwnJar(resource);
      if (bytes == null) {
        try (InputStream in = Messages.class.getResourceAsStream(resource)) {
          if (in == null) {
            throw new IllegalStateException("missing resource " + BUNDLE + " (" + resource + ")");
          }
          bytes = in.readAllBytes();
        }
      }
      PropertiesText.parse(new String(bytes, StandardCharsets.UTF_8), into);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The resource read straight from the jar these classes came from, or null when they did not
   * come from a jar (a classes folder in tests). A class loader's lookup asks the boot and platform
   * loaders first, which opens and searches the JDK's module image: ~4 ms of a cold command,
   * where the jar's directory is already open and shared (issue 6).
   */
  private static byte[] fromOwnJar(String resource) {
    java.security.CodeSource source = Messages.class.getProtectionDomain().getCodeSource();
    return source == null ? null
        : fromJar(source.getLocation(), Messages.class.getPackageName().replace('.', '/') + "/" + resource);
  }

  /** Entry {@code name} of the jar file at {@code location}; null when that is not a local jar or lacks it. */
  static byte[] fromJar(java.net.URL location, String name) {
    try {
      if (location == null || !"file".equals(location.getProtocol()) || !location.getPath().endsWith(".jar")) {
        return null;
      }
      try (java.util.jar.JarFile jar = new java.util.jar.JarFile(new java.io.File(location.toURI()), false)) {
        java.util.jar.JarEntry entry = jar.getJarEntry(name);
        if (entry == null) {
          return null;
        }
        try (InputStream in = jar.getInputStream(entry)) {
          return in.readAllBytes();
        }
      }
    } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
      return null; // the class loader's way still works
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
