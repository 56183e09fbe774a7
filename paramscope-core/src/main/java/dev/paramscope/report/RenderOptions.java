package dev.paramscope.report;

import dev.paramscope.units.ByteUnit;
import dev.paramscope.units.Lang;
import java.util.Objects;

/** How people formats show values: the language and the byte unit (GB or GiB). */
public record RenderOptions(Lang lang, ByteUnit byteUnit) {
  public RenderOptions {
    Objects.requireNonNull(lang, "lang");
    Objects.requireNonNull(byteUnit, "byteUnit");
  }

  public static RenderOptions defaults() {
    return new RenderOptions(Lang.EN, ByteUnit.GB);
  }

  Messages messages() {
    return Messages.of(lang);
  }
}
