package dev.paramscope.report;

import java.util.List;
import java.util.Objects;

/**
 * A sentence for people, translated at render time: the bundle key and its
 * {@link java.text.MessageFormat} arguments (already formatted as text).
 */
public record Message(String key, List<String> args) {
  public Message {
    Objects.requireNonNull(key, "key");
    args = List.copyOf(args);
  }

  public static Message of(String key, String... args) {
    return new Message(key, List.of(args));
  }
}
