package dev.paramscope.json;

import java.io.IOException;

/** JSON that breaks RFC 8259 or a reader's limit, with the byte offset where it was found. */
public final class JsonSyntaxException extends IOException {
  private static final long serialVersionUID = 1L;

  private final long offset;

  public JsonSyntaxException(String problem, long offset) {
    super(problem);
    this.offset = offset;
  }

  /** A name given twice in one object (the wording of Jackson's strict duplicate detection). */
  public static JsonSyntaxException duplicateName(String name, long offset) {
    return new JsonSyntaxException("Duplicate field '" + name + "'", offset);
  }

  /** The offset, in the reader's array, of the byte where the problem was found. */
  public long offset() {
    return offset;
  }
}
