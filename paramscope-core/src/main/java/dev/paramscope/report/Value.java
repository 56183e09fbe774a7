package dev.paramscope.report;

import java.util.Objects;

/**
 * One value in a {@link Report}. Machine formats (JSON, CSV) write the raw value; people
 * formats (table, Markdown) write it the way the reader's language says it.
 */
public sealed interface Value {

  /** A parameter or token count: raw integer in JSON, {@code 8.03 B} / {@code 80.3 亿} for people. */
  record Count(long value) implements Value {}

  /**
   * A byte count: raw integer in JSON, {@code 16.1 GB} (or GiB, as chosen) for people; with a
   * {@code unit}, always in that unit (GPU memory capacity in GiB: {@code 80.0 GiB}, as vendors
   * and {@code nvidia-smi} state it, rather than {@code 85.9 GB}).
   */
  record Bytes(long value, dev.paramscope.units.ByteUnit unit) implements Value {
    public Bytes(long value) {
      this(value, null);
    }

    /** A GPU's memory capacity, shown in GiB whatever --units says. */
    public static Bytes capacity(long value) {
      return new Bytes(value, dev.paramscope.units.ByteUnit.GIB);
    }

    /** The unit people see: the fixed one, else the reader's. */
    public dev.paramscope.units.ByteUnit unitOr(dev.paramscope.units.ByteUnit chosen) {
      return unit == null ? chosen : unit;
    }
  }

  /** A plain integer that is not scaled for people (layers, heads, block size). */
  record Int(long value) implements Value {}

  /**
   * A real number: raw in JSON, formatted with {@code pattern} (a {@link String#format} pattern
   * such as {@code "%.2f"} or {@code "×%.1f"}) for people.
   */
  record Decimal(double value, String pattern) implements Value {
    /** The pattern that prints the shortest exact decimal: 8.5, 6.5625, 64. */
    public static final String EXACT = "exact";

    public Decimal {
      Objects.requireNonNull(pattern, "pattern");
    }
  }

  /** Verbatim text: names, ids, sources. */
  record Text(String value) implements Value {
    public Text {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * A term from a closed set (status {@code estimate}, format {@code gguf}): the key in JSON,
   * the translation of {@code term.<key>} for people.
   */
  record Term(String key) implements Value {
    public Term {
      Objects.requireNonNull(key, "key");
    }
  }

  /**
   * Text with a shorter form for people: JSON and CSV write {@code raw} (a full citation), tables
   * and Markdown write {@code display} (e.g. {@code arXiv:2412.19260}).
   */
  record Labelled(String raw, String display) implements Value {
    public Labelled {
      Objects.requireNonNull(raw, "raw");
      Objects.requireNonNull(display, "display");
    }
  }

  /** true or false; {@code yes}/{@code no} in the reader's language. */
  record Flag(boolean value) implements Value {}

  /** No value: JSON null, an empty cell, {@code —} in tables. */
  record Missing() implements Value {}

  static Value count(long value) {
    return new Count(value);
  }

  /** A nullable count. */
  static Value countOrMissing(Long value) {
    return value == null ? new Missing() : new Count(value);
  }

  static Value text(String value) {
    return value == null ? new Missing() : new Text(value);
  }
}
