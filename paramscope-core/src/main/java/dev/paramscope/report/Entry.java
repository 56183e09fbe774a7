package dev.paramscope.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A node of a {@link Report}: a field, a group of entries, or a table. Keys are the documented
 * JSON keys ({@code snake_case}); people formats label them with {@code label.<key>}.
 */
public sealed interface Entry {
  String key();

  /**
   * True for the characters a key may hold. Report keys are snake_case; keys that carry data
   * (GGUF metadata, type names) may add capitals, dots, dashes.
   */
  static boolean isKeyChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '_' || c == '.' || c == '-';
  }

  private static String checkKey(String key) {
    boolean valid = !Objects.requireNonNull(key, "key").isEmpty();
    for (int i = 0; valid && i < key.length(); i++) {
      valid = isKeyChar(key.charAt(i));
    }
    if (!valid) {
      throw new IllegalArgumentException("report key must be letters, digits, '_', '.' or '-': " + key);
    }
    return key;
  }

  /** One named value. */
  record Field(String key, Value value) implements Entry {
    public Field {
      checkKey(key);
      Objects.requireNonNull(value, "value");
    }
  }

  /** A named object of entries (a JSON object; an indented block in a table). */
  record Group(String key, List<Entry> entries) implements Entry {
    public Group {
      checkKey(key);
      entries = List.copyOf(entries);
    }
  }

  /**
   * Rows with named columns (a JSON array of objects). Every row has one value per column.
   * People formats show only {@code peopleColumns} (all columns when equal), so a wide machine
   * record still fits an 80-column terminal.
   */
  record Table(String key, List<String> columns, List<List<Value>> rows, List<String> peopleColumns,
      boolean keyed) implements Entry {
    public Table(String key, List<String> columns, List<List<Value>> rows) {
      this(key, columns, rows, columns, false);
    }

    public Table(String key, List<String> columns, List<List<Value>> rows, List<String> peopleColumns) {
      this(key, columns, rows, peopleColumns, false);
    }

    /**
     * A table whose JSON is an object keyed by the first column's text ({@code "by_type":
     * {"F32": {"tensors": 3, ...}}}) rather than an array.
     */
    public static Table keyed(String key, List<String> columns, List<List<Value>> rows) {
      return new Table(key, columns, rows, columns, true);
    }

    public Table {
      checkKey(key);
      columns = List.copyOf(columns);
      for (String column : columns) {
        checkKey(column);
      }
      peopleColumns = List.copyOf(peopleColumns);
      if (!columns.containsAll(peopleColumns)) {
        throw new IllegalArgumentException("table " + key + ": people columns " + peopleColumns
            + " must be among " + columns);
      }
      List<List<Value>> copied = new ArrayList<>(rows.size());
      for (List<Value> row : rows) {
        if (row.size() != columns.size()) {
          throw new IllegalArgumentException(
              "table " + key + ": row has " + row.size() + " values for " + columns.size() + " columns");
        }
        copied.add(List.copyOf(row));
      }
      rows = Collections.unmodifiableList(copied);
    }

    /** The table as people see it: only {@link #peopleColumns}, in their order. */
    public Table forPeople() {
      if (peopleColumns.equals(columns)) {
        return this;
      }
      List<List<Value>> narrowed = new ArrayList<>(rows.size());
      for (List<Value> row : rows) {
        List<Value> kept = new ArrayList<>(peopleColumns.size());
        for (String column : peopleColumns) {
          kept.add(row.get(columns.indexOf(column)));
        }
        narrowed.add(kept);
      }
      return new Table(key, peopleColumns, narrowed, peopleColumns, keyed);
    }
  }
}
