package dev.paramscope.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The result of one command as a tree: a title, entries, and notes (assumptions, sources, hints).
 * Every {@link ReportFormat} renders the same tree, so the CLI and the web page agree.
 *
 * <p>JSON carries the entries only; the title and notes are for people.
 */
public record Report(Message title, List<Entry> entries, List<Message> notes) {
  public Report {
    Objects.requireNonNull(title, "title");
    entries = List.copyOf(entries);
    notes = List.copyOf(notes);
  }

  public static Builder builder(Message title) {
    return new Builder(title);
  }

  /** Collects entries in order. */
  public static final class Builder {
    private final Message title;
    private final List<Entry> entries = new ArrayList<>();
    private final List<Message> notes = new ArrayList<>();

    private Builder(Message title) {
      this.title = title;
    }

    public Builder field(String key, Value value) {
      entries.add(new Entry.Field(key, value));
      return this;
    }

    public Builder count(String key, long value) {
      return field(key, new Value.Count(value));
    }

    public Builder bytes(String key, long value) {
      return field(key, new Value.Bytes(value));
    }

    public Builder text(String key, String value) {
      return field(key, Value.text(value));
    }

    public Builder term(String key, String term) {
      return field(key, new Value.Term(term));
    }

    public Builder flag(String key, boolean value) {
      return field(key, new Value.Flag(value));
    }

    public Builder entry(Entry entry) {
      entries.add(entry);
      return this;
    }

    public Builder note(Message note) {
      notes.add(note);
      return this;
    }

    public Builder note(String key, String... args) {
      return note(Message.of(key, args));
    }

    public Report build() {
      return new Report(title, entries, notes);
    }
  }
}
