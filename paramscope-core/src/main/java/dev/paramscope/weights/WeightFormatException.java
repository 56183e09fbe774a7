package dev.paramscope.weights;

import dev.paramscope.BadInputException;

/**
 * A checkpoint file breaks its format: the message is {@code "file: field at byte N: problem"}
 * (or {@code "file: field: problem"} when no offset applies).
 */
public class WeightFormatException extends BadInputException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final long offset;

  /**
   * @param file the file or URL
   * @param field the format field being read (spec name, e.g. "tensor_infos[3].dimensions")
   * @param offset the byte offset of the field in the file, or -1 when none applies
   * @param problem what is wrong, with the value found
   */
  public WeightFormatException(String file, String field, long offset, String problem) {
    super(file, describe(field, offset, problem));
    this.field = field;
    this.offset = offset;
  }

  public WeightFormatException(String file, String field, long offset, String problem,
      Throwable cause) {
    super(file, describe(field, offset, problem), cause);
    this.field = field;
    this.offset = offset;
  }

  private static String describe(String field, long offset, String problem) {
    return offset < 0 ? field + ": " + problem : field + " at byte " + offset + ": " + problem;
  }

  /** The format field the problem is in. */
  public String field() {
    return field;
  }

  /** The byte offset of the field in the file; -1 when none applies. */
  public long offset() {
    return offset;
  }
}
