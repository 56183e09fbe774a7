package dev.paramscope;

/**
 * Thrown when user-supplied input (a config file, a checkpoint header, a flag value) is
 * missing, malformed or outside the bounds paramscope accepts.
 *
 * <p>The message is one line that names the input, the field and the problem, for example
 * {@code "config.json: num_key_value_heads (7) must divide num_attention_heads (32)"}. The
 * CLI prints it as is and exits with code 2; the library never exits.
 */
public class BadInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;

  /**
   * @param source the file, URL or option the problem is in (never null; "" when unknown)
   * @param problem what is wrong, naming the field and its value
   */
  public BadInputException(String source, String problem) {
    super(source == null || source.isEmpty() ? problem : source + ": " + problem);
    this.source = source == null ? "" : source;
  }

  public BadInputException(String source, String problem, Throwable cause) {
    super(source == null || source.isEmpty() ? problem : source + ": " + problem, cause);
    this.source = source == null ? "" : source;
  }

  /** The file, URL or option the problem is in; "" when unknown. */
  public String source() {
    return source;
  }
}
