package dev.paramscope.report;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A node of a {@link Report}: a field, a group of entries, or a table. Keys are the documented
 * JSON keys ({@code snake_case}); people formats label them with {@code label.<key>}.
 */
public sealed interface Entry {
  Pattern KEY = Pattern.compile("[a-z0-9_]+");

  String key();

  private static String checkKey(String key) {
    if (!KEY.matcher(Objects.requireNonNull(key, "key")).matches()) {
      throw new IllegalArgumentException("report key must be snake_case: " + key);
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
   */
  record Table(String key, List<String> columns, List<List<Value>> rows) implements Entry {
    public Table {
      checkKey(key);
      columns = List.copyOf(columns);
      columns.forEach(Entry::checkKey);
      rows = rows.stream().map(List::copyOf).toList();
      for (List<Value> row : rows) {
        if (row.size() != columns.size()) {
          throw new IllegalArgumentException(
              "table " + key + ": row has " + row.size() + " values for " + columns.size() + " columns");
        }
      }
    }
  }
}
